/**
 * The duplicate-call guard (spec §3): counts identical calls (same tool, same arguments ignoring
 * `_aura_reasoning`) that return the same output, nudges the worker at `nudgeThreshold` and aborts the loop at
 * `blockThreshold`. One state per worker attempt, shared by all its wrapped tools.
 *
 * Deliberate deviation (spec §9 item 13): outputs are compared by their RAW text (`rawTextOf`, before the
 * persistence wrapper's artifact footer), so the guard also fires for large outputs while persistence is on.
 */
import { createHash } from 'node:crypto';
import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import { MCP_TOOL_ERROR_PREFIX } from '../../tools/tool-error-detection.js';
import { stableStringify } from '../../util/stable-stringify.js';
import { type DuplicateCallAnnotationKind, renderDuplicateCallAnnotation } from './duplicate-call-annotations.js';
import { rawTextOf } from './raw-tool-output.js';
import { stripReasoningDeep } from './reasoning-field.js';

/** Thresholds (`duplicate_call_nudge_threshold` default 3, `duplicate_call_block_threshold` default 5). */
export interface DuplicateGuardOptions {
  readonly nudgeThreshold: number;
  readonly blockThreshold: number;
}

/** What the guard decided for one call. */
export type DuplicateGuardVerdict =
  | { readonly kind: 'pass' }
  | { readonly kind: DuplicateCallAnnotationKind; readonly count: number };

/** Guard state of one worker attempt. */
export interface DuplicateGuardState {
  /** Set once a call reached the block threshold; never cleared. The task then fails as `loop_detected`. */
  readonly escalated: boolean;
  /**
   * Counts one completed call: the count of its fingerprint grows when `output` equals the previous output
   * for it and restarts at 1 otherwise. Once escalated, every call passes without counting.
   */
  observe(toolName: string, args: unknown, output: string): DuplicateGuardVerdict;
}

/** A fresh guard state. */
export function createDuplicateGuardState(options: DuplicateGuardOptions): DuplicateGuardState {
  const seen = new Map<string, { count: number; outputHash: string }>();
  let escalated = false;
  return {
    get escalated() {
      return escalated;
    },
    observe(toolName, args, output) {
      if (escalated) return { kind: 'pass' };
      const fingerprint = sha256(`${toolName}\0${stableStringify(stripReasoningDeep(args))}`);
      const outputHash = sha256(output);
      const entry = seen.get(fingerprint);
      const count = entry !== undefined && entry.outputHash === outputHash ? entry.count + 1 : 1;
      seen.set(fingerprint, { count, outputHash });
      if (count >= options.blockThreshold) {
        escalated = true;
        return { kind: 'abort', count };
      }
      if (count >= options.nudgeThreshold) return { kind: 'guidance', count };
      return { kind: 'pass' };
    },
  };
}

/**
 * Decorates `tool` with the guard. Throws pass through untouched; error outputs (`isError`, or text starting
 * with `Tool returned an error: `) pass through without counting. Otherwise the call is observed with its raw
 * output, and a nudge or abort annotation is appended as `output + "\n\n" + annotation` (the original output is
 * always delivered; `rawText` is kept). Place it outside `withPersistence`. `execute` passes `context` through.
 */
export function withDuplicateGuard(tool: Tool, state: DuplicateGuardState): Tool {
  return {
    name: tool.name,
    originalName: tool.originalName,
    description: tool.description,
    inputSchema: tool.inputSchema,
    kind: tool.kind,
    ...(tool.source === undefined ? {} : { source: tool.source }),
    async execute(args: Record<string, unknown>, context: ToolCallContext): Promise<ToolOutput> {
      const output = await tool.execute(args, context);
      if (output.isError || output.text.startsWith(MCP_TOOL_ERROR_PREFIX)) return output;
      const verdict = state.observe(tool.name, args, rawTextOf(output));
      if (verdict.kind === 'pass') return output;
      const annotation = renderDuplicateCallAnnotation(verdict.kind, tool.name, verdict.count);
      return { ...output, text: `${output.text}\n\n${annotation}` };
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
