/**
 * Argument parsing and validation of `wait_for` (orchestration-spec §2.8): the wire shape first (unknown
 * fields rejected, integers non-negative), then the cross-field rules.
 */
import * as z from 'zod';
import type { ToolOutput } from '../../tools/tool.js';
import { isJsonObject } from '../../util/json-value.js';
import { parseToolArguments, toolErrorOutput } from '../routing/tool-arguments.js';

/** Hard ceiling on one wait; larger `max_wait_sec` values are clamped to it. */
export const WAIT_FOR_MAX_WAIT_CEILING_SECS = 300;
/** Default seconds between samples. */
export const WAIT_FOR_DEFAULT_POLL_SECS = 2;
/** Default wait bound in seconds. */
export const WAIT_FOR_DEFAULT_MAX_WAIT_SECS = 120;
/** Largest probe output (UTF-8 bytes) one sample may return: 256 KiB. */
export const WAIT_FOR_MAX_OBSERVATION_BYTES = 256 * 1024;

/** When the wait ends. */
export type StopCondition =
  | { readonly kind: 'matches'; readonly pattern: RegExp }
  | { readonly kind: 'not_matches'; readonly pattern: RegExp }
  | { readonly kind: 'quiet_for'; readonly windowSecs: number };

/** A validated call. */
export interface WaitForCall {
  readonly probeTool: string;
  readonly probeArgs: Record<string, unknown>;
  readonly condition: StopCondition;
  readonly pollSecs: number;
  /** After clamping to {@link WAIT_FOR_MAX_WAIT_CEILING_SECS}. */
  readonly boundSecs: number;
}

const seconds = z.number().int().min(0);

const untilSchema = z.union([
  z.strictObject({ matches: z.string() }),
  z.strictObject({ not_matches: z.string() }),
  z.strictObject({ quiet_for_sec: seconds }),
]);

const wireSchema = z.strictObject({
  probe: z.strictObject({ tool: z.string(), args: z.unknown() }),
  until: untilSchema,
  poll_sec: seconds.nullish(),
  max_wait_sec: seconds.nullish(),
});

/** Outcome of {@link parseWaitForCall}. */
export type WaitForCallResult =
  | { readonly ok: true; readonly call: WaitForCall }
  | { readonly ok: false; readonly output: ToolOutput };

/**
 * Parses `wait_for` arguments. Shape errors (unknown fields, missing members, wrong types, an `until` without
 * exactly one of `matches` / `not_matches` / `quiet_for_sec`) are `JsonError: ` outputs; rule violations are
 * `ToolCallError: ` outputs: empty probe tool, non-object probe args, invalid regex, a zero `quiet_for_sec` /
 * `poll_sec` / `max_wait_sec`, `poll_sec >= max_wait_sec` (after clamping), `quiet_for_sec > max_wait_sec`.
 * Regexes use JavaScript syntax (Unicode mode when the pattern allows it). Never throws.
 */
export function parseWaitForCall(args: Record<string, unknown>): WaitForCallResult {
  const parsed = parseToolArguments(wireSchema, args, 'wait_for');
  if (!parsed.ok) return parsed;
  const { probe, until, poll_sec, max_wait_sec } = parsed.value;
  const fail = (message: string): WaitForCallResult => ({ ok: false, output: toolErrorOutput(message) });

  if (probe.tool === '') return fail('probe.tool must be a non-empty tool name');
  if (!isJsonObject(probe.args)) return fail('probe.args must be a JSON object');

  let condition: StopCondition;
  if ('quiet_for_sec' in until) {
    if (until.quiet_for_sec === 0) return fail('until.quiet_for_sec must be at least 1');
    condition = { kind: 'quiet_for', windowSecs: until.quiet_for_sec };
  } else {
    const source = 'matches' in until ? until.matches : until.not_matches;
    const pattern = compilePattern(source);
    if (typeof pattern === 'string') return fail(`condition regex is invalid: ${pattern}`);
    condition = 'matches' in until ? { kind: 'matches', pattern } : { kind: 'not_matches', pattern };
  }

  const pollSecs = poll_sec ?? WAIT_FOR_DEFAULT_POLL_SECS;
  if (pollSecs === 0) return fail('poll_sec must be at least 1');
  const requestedBound = max_wait_sec ?? WAIT_FOR_DEFAULT_MAX_WAIT_SECS;
  if (requestedBound === 0) return fail('max_wait_sec must be at least 1');
  const boundSecs = Math.min(requestedBound, WAIT_FOR_MAX_WAIT_CEILING_SECS);
  const ceiling = `(max_wait_sec is capped at ${WAIT_FOR_MAX_WAIT_CEILING_SECS}s)`;
  if (pollSecs >= boundSecs) {
    return fail(
      `poll_sec ${pollSecs}s must be less than max_wait_sec ${boundSecs}s, otherwise no second sample fits in the wait ${ceiling}`,
    );
  }
  if (condition.kind === 'quiet_for' && condition.windowSecs > boundSecs) {
    return fail(
      `quiet_for_sec ${condition.windowSecs}s exceeds max_wait_sec ${boundSecs}s, so the output could never settle in time ${ceiling}`,
    );
  }
  return { ok: true, call: { probeTool: probe.tool, probeArgs: probe.args, condition, pollSecs, boundSecs } };
}

/** The compiled pattern, or the syntax error message. */
function compilePattern(source: string): RegExp | string {
  try {
    return new RegExp(source, 'u');
  } catch {
    try {
      return new RegExp(source);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
