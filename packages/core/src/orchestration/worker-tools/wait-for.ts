/**
 * `wait_for`: bounded polling of an MCP tool until a condition holds (orchestration-spec §2.8), so workers do
 * not sleep blind. Probes bypass the wrapper chain (no events, no persistence).
 */
import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import { utf8ByteLength } from '../../util/utf8.js';
import { jsonToolOutput, toolErrorOutput } from '../routing/tool-arguments.js';
import {
  parseWaitForCall,
  type StopCondition,
  WAIT_FOR_DEFAULT_MAX_WAIT_SECS,
  WAIT_FOR_DEFAULT_POLL_SECS,
  WAIT_FOR_MAX_OBSERVATION_BYTES,
  WAIT_FOR_MAX_WAIT_CEILING_SECS,
  type WaitForCall,
} from './wait-for-call.js';

/** Options for {@link createWaitForTool}. */
export interface WaitForToolOptions {
  /** Looks up a probe by its model-facing name. Only tools of kind `'mcp'` are probed; others count as unknown. */
  readonly resolveTool: (name: string) => Tool | undefined;
  /** Monotonic clock in milliseconds (default `performance.now`). */
  readonly now?: () => number;
  /** Sleeps `ms` between samples; should reject with `signal.reason` on abort (default: a timer). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Why the wait ended. */
export type WaitForReason = 'matched' | 'settled' | 'timeout';

/**
 * Creates the `wait_for` tool (kind `'orchestration'`). The loop samples immediately, races every sample
 * against the remaining budget, evaluates it (`matches` / `not_matches` → `matched`; output unchanged for
 * `quiet_for_sec` since it last changed → `settled`), ends with `timeout` once the bound has elapsed, and
 * otherwise sleeps `min(poll, remaining)`. A sample that outruns the budget ends the wait with `timeout` and
 * the previous observation, or with an error when there is none.
 *
 * Output: `{"reason","last_observation","elapsed_sec","samples","effective_max_wait_sec"}`. Tool errors
 * (`ToolCallError: `): argument problems (see `parseWaitForCall`), an unknown or non-MCP probe tool, a probe
 * that throws or returns an error result, a hanging first sample, an observation over 256 KiB. Honours
 * `context.signal`: an abort stops sampling and sleeping at once and rejects with the signal's reason (the
 * in-flight probe is aborted too).
 */
export function createWaitForTool(options: WaitForToolOptions): Tool {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? sleepWithTimer;
  return {
    name: 'wait_for',
    originalName: 'wait_for',
    description:
      'Poll an MCP tool until a condition you choose holds, instead of sleeping blind. Give a probe (an MCP tool and its arguments), a stop condition (a regex the output must match or stop matching, or a number of seconds the output must stay unchanged), and optional poll interval and wait bound in seconds. Returns why the wait ended, the last probe output, the elapsed seconds and the number of samples. A timeout is a normal result carrying the last output, not an error.',
    inputSchema: WAIT_FOR_INPUT_SCHEMA,
    kind: 'orchestration',
    execute: async (args, context) => {
      const parsed = parseWaitForCall(args);
      if (!parsed.ok) return parsed.output;
      context.signal.throwIfAborted();
      const probe = options.resolveTool(parsed.call.probeTool);
      if (probe === undefined || probe.kind !== 'mcp') {
        return toolErrorOutput(`probe tool '${parsed.call.probeTool}' is not an MCP tool available to this worker`);
      }
      return runWait(parsed.call, probe, context, now, sleep);
    },
  };
}

async function runWait(
  call: WaitForCall,
  probe: Tool,
  context: ToolCallContext,
  now: () => number,
  sleep: (ms: number, signal: AbortSignal) => Promise<void>,
): Promise<ToolOutput> {
  const { signal } = context;
  const boundMs = call.boundSecs * 1000;
  const pollMs = call.pollSecs * 1000;
  const evaluate = conditionEvaluator(call.condition);
  const start = now();
  const finish = (reason: WaitForReason, observation: string, samples: number): ToolOutput =>
    jsonToolOutput({
      reason,
      last_observation: observation,
      elapsed_sec: Math.floor(Math.max(0, now() - start) / 1000),
      samples,
      effective_max_wait_sec: call.boundSecs,
    });
  let samples = 0;
  let last: string | undefined;
  for (;;) {
    const remaining = Math.max(0, boundMs - (now() - start));
    const sample = await sampleWithin(probe, call.probeArgs, remaining, context, samples + 1);
    if (sample.kind === 'timeout') {
      if (last !== undefined) return finish('timeout', last, samples);
      return toolErrorOutput(
        `probe tool '${call.probeTool}' returned nothing within max_wait_sec ${call.boundSecs}s; the probe itself hangs, so there is no observation to report`,
      );
    }
    samples += 1;
    if (sample.kind === 'error') {
      return toolErrorOutput(`probe tool '${call.probeTool}' failed on sample ${samples}: ${sample.message}`);
    }
    const observation = sample.text;
    const elapsed = now() - start;
    const bytes = utf8ByteLength(observation);
    if (bytes > WAIT_FOR_MAX_OBSERVATION_BYTES) {
      return toolErrorOutput(
        `probe tool '${call.probeTool}' returned ${bytes} bytes on sample ${samples}, over the ${WAIT_FOR_MAX_OBSERVATION_BYTES}-byte limit; narrow the probe so it returns less`,
      );
    }
    const reason = evaluate(observation, elapsed);
    if (reason !== undefined) return finish(reason, observation, samples);
    if (elapsed >= boundMs) return finish('timeout', observation, samples);
    last = observation;
    await untilAborted(sleep(Math.min(pollMs, boundMs - elapsed), signal), signal);
  }
}

/** Feeds one observation (with the elapsed ms); returns the stop reason once the condition holds. */
type Evaluator = (observation: string, elapsedMs: number) => WaitForReason | undefined;

function conditionEvaluator(condition: StopCondition): Evaluator {
  switch (condition.kind) {
    case 'matches':
      return (observation) => (condition.pattern.test(observation) ? 'matched' : undefined);
    case 'not_matches':
      return (observation) => (condition.pattern.test(observation) ? undefined : 'matched');
    case 'quiet_for': {
      const windowMs = condition.windowSecs * 1000;
      let previous: { text: string; since: number } | undefined;
      return (observation, elapsedMs) => {
        if (previous === undefined || previous.text !== observation) {
          previous = { text: observation, since: elapsedMs };
          return undefined;
        }
        return elapsedMs - previous.since >= windowMs ? 'settled' : undefined;
      };
    }
  }
}

type Sample =
  | { readonly kind: 'ok'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'timeout' };

/** Runs one probe call, racing it against `budgetMs` and the caller's signal (which it forwards). */
async function sampleWithin(
  probe: Tool,
  args: Record<string, unknown>,
  budgetMs: number,
  context: ToolCallContext,
  sampleNumber: number,
): Promise<Sample> {
  const { signal } = context;
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(signal.reason);
  signal.addEventListener('abort', forwardAbort, { once: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const call = Promise.resolve()
      .then(() =>
        probe.execute(args, { toolCallId: `${context.toolCallId}:probe-${sampleNumber}`, signal: controller.signal }),
      )
      .then(
        (output): Sample =>
          output.isError ? { kind: 'error', message: output.text } : { kind: 'ok', text: output.text },
        (error: unknown): Sample => ({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    const budget = new Promise<Sample>((resolve) => {
      timer = setTimeout(() => {
        resolve({ kind: 'timeout' });
        controller.abort(new Error(`wait_for budget of ${budgetMs} ms elapsed`));
      }, budgetMs);
    });
    const sample = await untilAborted(Promise.race([call, budget]), signal);
    signal.throwIfAborted();
    return sample;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forwardAbort);
  }
}

/** Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts. */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Default sleep: a timer that is cleared, and rejects with `signal.reason`, when `signal` aborts. */
function sleepWithTimer(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const WAIT_FOR_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    probe: {
      type: 'object',
      description: 'The tool to call on every sample.',
      properties: {
        tool: { type: 'string', description: 'Name of an MCP tool. Built-in tools cannot be probed.' },
        args: { type: 'object', description: 'Arguments passed to the probe tool on every sample.' },
      },
      required: ['tool', 'args'],
      additionalProperties: false,
    },
    until: {
      type: 'object',
      description: 'Stop condition: exactly ONE of the three keys.',
      oneOf: [
        {
          properties: {
            matches: { type: 'string', description: 'Regex; stop as soon as the probe output matches it.' },
          },
          required: ['matches'],
          additionalProperties: false,
        },
        {
          properties: {
            not_matches: {
              type: 'string',
              description: 'Regex; stop as soon as the probe output no longer matches it.',
            },
          },
          required: ['not_matches'],
          additionalProperties: false,
        },
        {
          properties: {
            quiet_for_sec: {
              type: 'integer',
              minimum: 1,
              description: 'Stop once the probe output has stayed unchanged for this many seconds.',
            },
          },
          required: ['quiet_for_sec'],
          additionalProperties: false,
        },
      ],
    },
    poll_sec: {
      type: 'integer',
      minimum: 1,
      default: WAIT_FOR_DEFAULT_POLL_SECS,
      description: 'Seconds between samples; must be less than max_wait_sec.',
    },
    max_wait_sec: {
      type: 'integer',
      minimum: 1,
      default: WAIT_FOR_DEFAULT_MAX_WAIT_SECS,
      description: `Total wait bound in seconds; values above ${WAIT_FOR_MAX_WAIT_CEILING_SECS} are clamped to ${WAIT_FOR_MAX_WAIT_CEILING_SECS}. The bound actually used is reported as effective_max_wait_sec.`,
    },
  },
  required: ['probe', 'until'],
  additionalProperties: false,
} as const;
