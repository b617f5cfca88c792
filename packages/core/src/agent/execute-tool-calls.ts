/**
 * Runs one turn's server-side tool calls — one after another in the model's order (the default, which the
 * reference's event correlation relies on) or concurrently — and reports `tool-start`, `tool-progress` and
 * `tool-result` events as they happen. Every call gets exactly one result: a call that cannot run, throws,
 * or is cancelled gets an error text the model can read, so the transcript stays valid.
 */
import type { AgentRef, RuntimeEvent, ToolResultEvent } from '@aura/events';
import type { ToolOutput, ToolProgress } from '../tools/tool.js';
import { formatToolCallError } from '../tools/tool-error-detection.js';
import type { AgentToolResult } from './agent-loop-types.js';
import { EventChannel } from './event-channel.js';
import { describeAbortReason } from './link-abort-signal.js';
import type { RecordedToolCall } from './model-turn-recorder.js';
import { cancelledToolCallText, classifyToolResult } from './tool-call-result.js';

/** Input of {@link executeToolCalls}. */
export interface ExecuteToolCallsOptions {
  readonly calls: readonly RecordedToolCall[];
  readonly agent: AgentRef;
  /** The run's signal: checked before each call starts and handed to each call. */
  readonly signal: AbortSignal;
  readonly parallel: boolean;
  /** Nudge text for the current turn (separator included), asked once per qualifying result. */
  readonly nudge: (() => string | undefined) | undefined;
  readonly now: () => number;
  /** When set, no call runs: each gets the synthetic `Tool call cancelled: <cancelReason>` result. */
  readonly cancelReason?: string;
}

/** A call's result plus whether it was cancelled rather than run to completion. */
export interface ExecutedToolCall extends AgentToolResult {
  readonly cancelled: boolean;
}

/**
 * Executes `calls`, yielding events as they happen; returns the results in the order of `calls`. Honours
 * `signal`: once it aborts no further call starts, and a running call is abandoned (its tool saw the abort)
 * with a synthetic `ToolCallError: Tool call cancelled: <reason>` result. Never throws for tool failures.
 */
export async function* executeToolCalls(
  options: ExecuteToolCallsOptions,
): AsyncGenerator<RuntimeEvent, ExecutedToolCall[], undefined> {
  const channel = new EventChannel<RuntimeEvent>();
  const results: ExecutedToolCall[] = new Array(options.calls.length);
  const emit = (event: RuntimeEvent): void => channel.push(event);
  let crash: { error: unknown } | undefined;
  const work = runAll(options, results, emit)
    .catch((error: unknown) => {
      crash = { error };
    })
    .finally(() => channel.close());
  yield* channel.drain();
  await work;
  if (crash !== undefined) throw crash.error;
  return results;
}

async function runAll(
  options: ExecuteToolCallsOptions,
  results: ExecutedToolCall[],
  emit: (event: RuntimeEvent) => void,
): Promise<void> {
  if (options.parallel) {
    await Promise.all(
      options.calls.map(async (call, index) => {
        results[index] = await runOne(call, options, emit);
      }),
    );
    return;
  }
  for (const [index, call] of options.calls.entries()) results[index] = await runOne(call, options, emit);
}

async function runOne(
  call: RecordedToolCall,
  options: ExecuteToolCallsOptions,
  emit: (event: RuntimeEvent) => void,
): Promise<ExecutedToolCall> {
  const { agent, signal, now } = options;
  const tool = call.tool;
  if (options.cancelReason !== undefined) {
    return report(call, { output: cancelledToolCallText(options.cancelReason), cancelled: true }, agent, emit);
  }
  if (call.rejection !== undefined || tool === undefined) {
    return report(call, { output: call.rejection ?? formatToolCallError('tool unavailable') }, agent, emit);
  }
  if (signal.aborted) return report(call, { output: cancelled(signal), cancelled: true }, agent, emit);
  const started = now();
  let settled = false;
  const { toolCallId, toolName } = call;
  const context = {
    toolCallId,
    signal,
    onStart: (info: { readonly progressToken?: string | number }) => {
      if (settled) return;
      emit({ type: 'tool-start', agent, toolCallId, toolName, ...optional('progressToken', info.progressToken) });
    },
    onProgress: (progress: ToolProgress) => {
      if (settled) return;
      emit({
        type: 'tool-progress',
        agent,
        toolCallId,
        progressToken: progress.progressToken,
        progress: progress.progress,
        ...optional('total', progress.total),
        ...optional('message', progress.message),
      });
    },
  };
  let settlement: Settlement<ToolOutput>;
  try {
    settlement = await untilAborted(tool.execute(call.arguments, context), signal);
  } catch (error) {
    // A synchronous throw from `execute`.
    settlement = { kind: 'error', error };
  } finally {
    settled = true;
  }
  const durationMs = Math.max(0, Math.round(now() - started));
  if (settlement.kind === 'aborted') {
    return report(call, { output: cancelled(signal), durationMs, cancelled: true }, agent, emit);
  }
  if (settlement.kind === 'error') {
    return report(call, { output: formatToolCallError(settlement.error), isError: true, durationMs }, agent, emit);
  }
  const output = settlement.value;
  // Nudges ride on MCP output (errors included, as the reference's output transform sees them) and on
  // successful scratchpad output (§3.5); never on other kinds or on thrown failures.
  const nudgeable = tool.kind === 'mcp' || (tool.kind === 'scratchpad' && !output.isError);
  const nudge = nudgeable ? options.nudge?.() : undefined;
  const text = nudge === undefined ? output.text : output.text + nudge;
  return report(call, { output: text, isError: output.isError, durationMs }, agent, emit);
}

/** How a call ended, before classification. */
interface CallEnd {
  readonly output: string;
  readonly isError?: boolean;
  readonly durationMs?: number;
  readonly cancelled?: boolean;
}

/** Classifies the result of `call`, emits its `tool-result` event and returns it. */
function report(
  call: RecordedToolCall,
  end: CallEnd,
  agent: AgentRef,
  emit: (event: RuntimeEvent) => void,
): ExecutedToolCall {
  const { output, durationMs = 0 } = end;
  const wasCancelled = end.cancelled === true;
  const { success, error } = classifyToolResult(
    output,
    end.isError === true || wasCancelled || call.rejection !== undefined,
  );
  const toolKind = call.tool?.kind ?? 'unknown';
  const event: ToolResultEvent = {
    type: 'tool-result',
    agent,
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    toolKind,
    durationMs,
    success,
    output,
    ...optional('error', error),
  };
  emit(event);
  return {
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    toolKind,
    arguments: call.arguments,
    rawArguments: call.rawArguments,
    output,
    success,
    cancelled: wasCancelled,
  };
}

function cancelled(signal: AbortSignal): string {
  return cancelledToolCallText(describeAbortReason(signal.reason));
}

type Settlement<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'aborted' };

/**
 * How `promise` settled, or `aborted` as soon as `signal` aborts first: the tool was told through the same
 * signal, and the loop does not wait for a tool that ignores it. The listener is removed either way.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<Settlement<T>> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.resolve({ kind: 'aborted' });
  }
  return new Promise<Settlement<T>>((resolve) => {
    const onAbort = (): void => resolve({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ kind: 'value', value });
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        resolve({ kind: 'error', error });
      },
    );
  });
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
