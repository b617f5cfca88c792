/**
 * A tiny DSL for {@link ModelTurn}s: `turn(reasoning('…'), text('Hello'), toolCall('echo', { x: 1 }), usage(10, 5))`.
 * Parts keep their order; settings (usage, finish reason, timing, chunk size, fault) may appear anywhere.
 */
import { AuraError } from '@aura/events';
import type {
  HttpErrorFault,
  ModelTurn,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  TurnFault,
  TurnFinishReason,
  TurnPart,
  TurnTiming,
  TurnUsage,
} from './model-turn.js';

/** A non-part item of {@link turn}: folds into the turn's settings. */
export type TurnSetting =
  | { readonly kind: 'usage'; readonly usage: TurnUsage }
  | { readonly kind: 'no-usage' }
  | { readonly kind: 'finish'; readonly reason: TurnFinishReason }
  | { readonly kind: 'timing'; readonly timing: TurnTiming }
  | { readonly kind: 'chunk-size'; readonly size: number }
  | { readonly kind: 'fault'; readonly fault: TurnFault };

/** Anything {@link turn} accepts; a bare string is a text part. */
export type TurnItem = TurnPart | TurnSetting | string;

/**
 * Builds a frozen {@link ModelTurn} from parts and settings. Timing settings merge; everything else is
 * last-one-wins except faults.
 * @throws AuraError `CONFIG_INVALID` when two faults are given or a number is negative / not finite.
 */
export function turn(...items: TurnItem[]): ModelTurn {
  const parts: TurnPart[] = [];
  let result: {
    usage?: TurnUsage;
    omitUsage?: boolean;
    finishReason?: TurnFinishReason;
    timing?: TurnTiming;
    chunkSize?: number;
    fault?: TurnFault;
  } = {};
  for (const item of items) {
    if (typeof item === 'string') {
      parts.push(text(item));
    } else if ('type' in item) {
      parts.push(item);
    } else if (item.kind === 'usage') {
      result = { ...result, usage: item.usage };
    } else if (item.kind === 'no-usage') {
      result = { ...result, omitUsage: true };
    } else if (item.kind === 'finish') {
      result = { ...result, finishReason: item.reason };
    } else if (item.kind === 'timing') {
      result = { ...result, timing: { ...result.timing, ...item.timing } };
    } else if (item.kind === 'chunk-size') {
      result = { ...result, chunkSize: item.size };
    } else {
      if (result.fault !== undefined) {
        throw new AuraError('CONFIG_INVALID', `turn(): two faults given (${result.fault.type}, ${item.fault.type})`);
      }
      result = { ...result, fault: item.fault };
    }
  }
  return Object.freeze({ ...result, parts: Object.freeze(parts) });
}

/** A text part. */
export function text(value: string): TextPart {
  return { type: 'text', text: value };
}

/** A reasoning part; `signature` is sent where the provider's wire carries one (Anthropic, Bedrock, Gemini). */
export function reasoning(value: string, options: { signature?: string } = {}): ReasoningPart {
  return options.signature === undefined
    ? { type: 'reasoning', text: value }
    : { type: 'reasoning', text: value, signature: options.signature };
}

/**
 * A tool call. An object is JSON-encoded; a string is sent verbatim (use it for malformed arguments).
 * `id` defaults to a unique provider-styled id.
 */
export function toolCall(
  toolName: string,
  args: Readonly<Record<string, unknown>> | string = {},
  options: { id?: string } = {},
): ToolCallPart {
  const encoded = typeof args === 'string' ? args : JSON.stringify(args);
  return options.id === undefined
    ? { type: 'tool-call', toolName, arguments: encoded }
    : { type: 'tool-call', toolName, arguments: encoded, id: options.id };
}

/**
 * Usage of the turn. `inputTokens` includes cached tokens, `outputTokens` includes reasoning tokens.
 * @throws AuraError `CONFIG_INVALID` for negative or non-integer counts.
 */
export function usage(
  inputTokens: number,
  outputTokens: number,
  details: { cacheReadTokens?: number; cacheWriteTokens?: number; reasoningTokens?: number } = {},
): TurnSetting {
  for (const [name, value] of Object.entries({ inputTokens, outputTokens, ...details })) {
    if (value !== undefined) requireCount(`usage(): ${name}`, value);
  }
  return { kind: 'usage', usage: { inputTokens, outputTokens, ...details } };
}

/** The answer carries no usage at all (a "usage-less final chunk"). */
export function noUsage(): TurnSetting {
  return { kind: 'no-usage' };
}

/** Overrides the finish reason (default: `tool-calls` if the turn has a tool call, else `stop`). */
export function finish(reason: TurnFinishReason): TurnSetting {
  return { kind: 'finish', reason };
}

/** Waits `ms` before the first chunk. */
export function slowFirstToken(ms: number): TurnSetting {
  requireCount('slowFirstToken()', ms);
  return { kind: 'timing', timing: { firstTokenDelayMs: ms } };
}

/** Waits `ms` between chunks. */
export function slowChunks(ms: number): TurnSetting {
  requireCount('slowChunks()', ms);
  return { kind: 'timing', timing: { chunkDelayMs: ms } };
}

/** Characters per streamed delta (text, reasoning and tool arguments). */
export function chunkSize(size: number): TurnSetting {
  requireCount('chunkSize()', size);
  if (size === 0) throw new AuraError('CONFIG_INVALID', 'chunkSize(): size must be at least 1');
  return { kind: 'chunk-size', size };
}

/** Options of {@link httpError}. */
export interface HttpErrorOptions {
  readonly message?: string;
  /** Seconds, an HTTP date string, or a `Date` (formatted as an HTTP date). */
  readonly retryAfter?: number | string | Date;
  readonly retryAfterMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Raw body replacing the provider-shaped error body. */
  readonly body?: string;
}

/** The call fails with `status` before any output (provider-shaped error body, optional `Retry-After`). */
export function httpError(status: number, options: HttpErrorOptions = {}): TurnSetting {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new AuraError('CONFIG_INVALID', `httpError(): status must be 400-599, got ${status}`);
  }
  const { retryAfter, ...rest } = options;
  const fault: HttpErrorFault = {
    type: 'http-error',
    status,
    ...rest,
    ...(retryAfter === undefined
      ? {}
      : { retryAfter: retryAfter instanceof Date ? retryAfter.toUTCString() : retryAfter }),
  };
  return { kind: 'fault', fault };
}

/** Shorthand for `httpError(429, …)` with `Retry-After: retryAfter` (seconds, default 1). */
export function rateLimited(options: HttpErrorOptions = {}): TurnSetting {
  return httpError(429, { message: 'Rate limit exceeded (mock)', retryAfter: 1, ...options });
}

/** The connection drops after `afterChunks` chunks. */
export function disconnectAfter(afterChunks: number): TurnSetting {
  requireCount('disconnectAfter()', afterChunks);
  return { kind: 'fault', fault: { type: 'disconnect', afterChunks } };
}

/** The call never answers; it ends only when the client aborts. */
export function hang(): TurnSetting {
  return { kind: 'fault', fault: { type: 'hang' } };
}

/** After `afterChunks` chunks (default 0) the provider sends an in-band error and ends the stream. */
export function streamError(message: string, options: { afterChunks?: number; errorType?: string } = {}): TurnSetting {
  const afterChunks = options.afterChunks ?? 0;
  requireCount('streamError(): afterChunks', afterChunks);
  return {
    kind: 'fault',
    fault: {
      type: 'stream-error',
      message,
      afterChunks,
      ...(options.errorType === undefined ? {} : { errorType: options.errorType }),
    },
  };
}

function requireCount(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new AuraError('CONFIG_INVALID', `${what} must be a non-negative integer, got ${value}`);
  }
}
