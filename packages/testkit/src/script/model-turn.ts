/**
 * The provider-neutral script vocabulary: a {@link ModelTurn} is what ONE model call answers. The in-process
 * scripted model and the mock provider server both play the same turns, so a test can move between them
 * without rewriting its script. Turns are plain, JSON-friendly data; build them with the helpers in
 * `turn-builders.ts` or write them as object literals.
 */

/** A piece of assistant text, streamed as several deltas. */
export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** Model reasoning ("thinking"), streamed as several deltas; `signature` is sent where the wire carries one. */
export interface ReasoningPart {
  readonly type: 'reasoning';
  readonly text: string;
  readonly signature?: string;
}

/**
 * A tool call. `arguments` is the exact JSON text the model emits (it may be deliberately malformed to test
 * repair paths); `id` defaults to a unique, provider-styled id (`call_…`, `toolu_…`, `tooluse_…`).
 */
export interface ToolCallPart {
  readonly type: 'tool-call';
  readonly toolName: string;
  readonly arguments: string;
  readonly id?: string;
}

/** One ordered output part of a turn. */
export type TurnPart = TextPart | ReasoningPart | ToolCallPart;

/**
 * Token usage of a turn. `inputTokens` counts the whole prompt, including cached tokens; `outputTokens`
 * counts everything generated, including reasoning tokens. Each wire format derives its own fields from
 * these (e.g. Anthropic's `input_tokens` excludes cache reads and writes).
 */
export interface TurnUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens?: number;
  readonly cacheWriteTokens?: number;
  readonly reasoningTokens?: number;
}

/** Why the turn ended, in the AI SDK's unified vocabulary (mapped to each provider's own value on the wire). */
export type TurnFinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** Timing of a streamed answer. */
export interface TurnTiming {
  /** Delay before the first chunk (headers are sent at once on the server). Default 0. */
  readonly firstTokenDelayMs?: number;
  /** Delay between consecutive chunks. Default 0. */
  readonly chunkDelayMs?: number;
}

/**
 * The call fails before any output: an HTTP status with a provider-shaped error body. In process it is an
 * `APICallError` carrying `statusCode`, `responseHeaders` and `isRetryable`.
 */
export interface HttpErrorFault {
  readonly type: 'http-error';
  readonly status: number;
  /** Error message placed in the provider's error body. */
  readonly message?: string;
  /** `Retry-After` value: seconds, or an HTTP date (`httpError` formats a `Date` as one). */
  readonly retryAfter?: number | string;
  /** `retry-after-ms` value (honoured by the AI SDK's retry logic). */
  readonly retryAfterMs?: number;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Raw response body; replaces the provider-shaped error body. */
  readonly body?: string;
}

/** The connection drops after `afterChunks` chunks (wire events on the server, stream parts in process). */
export interface DisconnectFault {
  readonly type: 'disconnect';
  readonly afterChunks: number;
}

/**
 * Nothing is ever answered; the call only ends when the client aborts (in process: when the call's
 * `abortSignal` fires; a call without a signal never settles).
 */
export interface HangFault {
  readonly type: 'hang';
}

/**
 * After `afterChunks` chunks the provider sends an in-band error (OpenAI `{"error":…}` chunk, Anthropic
 * `event: error`, Bedrock exception frame, …) and ends the stream.
 */
export interface StreamErrorFault {
  readonly type: 'stream-error';
  readonly afterChunks: number;
  readonly message: string;
  /** Provider error type, e.g. `overloaded_error`. Default `api_error`. */
  readonly errorType?: string;
}

/** A failure injected into a turn. */
export type TurnFault = HttpErrorFault | DisconnectFault | HangFault | StreamErrorFault;

/** What one model call answers. */
export interface ModelTurn {
  readonly parts: readonly TurnPart[];
  /** Default: estimated from the prompt and output sizes (about 4 characters per token). */
  readonly usage?: TurnUsage;
  /** Send no usage at all (the "usage-less final chunk" some gateways produce). Default false. */
  readonly omitUsage?: boolean;
  /** Default: `tool-calls` when the turn has a tool call, else `stop`. */
  readonly finishReason?: TurnFinishReason;
  readonly timing?: TurnTiming;
  /**
   * Characters per text/reasoning/argument delta. Default: text and reasoning split into words (each with
   * its trailing whitespace), tool arguments into 16-character slices.
   */
  readonly chunkSize?: number;
  readonly fault?: TurnFault;
}
