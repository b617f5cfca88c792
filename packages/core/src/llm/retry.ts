/**
 * Retries of model calls that failed before producing any output: 429, 408, 409, 5xx, 529/overloaded and
 * network failures, with jittered exponential backoff that honours `Retry-After`. A stream that fails after
 * its first output part is never retried (the caller has already shown that output).
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Middleware,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { AuraError } from '@aura/events';
import { continueParts } from './continued-parts.js';
import type { LlmLogger } from './llm-logger.js';
import { type ProviderErrorData, toProviderError } from './provider-error.js';
import { readStreamParts, streamResultFromReader } from './stream-parts.js';
import { withMiddleware } from './with-middleware.js';

/** Tuning of {@link retryMiddleware}. Tests pass tiny delays. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3 (so at most 4 attempts). */
  readonly maxRetries?: number;
  /** Backoff before retry n (0-based) is `baseDelayMs · 2ⁿ`, capped, with jitter. Default 500. */
  readonly baseDelayMs?: number;
  /** Cap of the computed backoff (a provider's `Retry-After` is not capped by it). Default 30 000. */
  readonly maxDelayMs?: number;
  /**
   * A provider asking to wait longer than this fails the call at once (with its code, e.g.
   * `PROVIDER_RATE_LIMITED`, and `data.retryAfterMs`) instead of sleeping. Default 60 000.
   */
  readonly retryAfterCeilingMs?: number;
  /** Random source in [0, 1) for jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Receives one `warn` per retry. */
  readonly logger?: LlmLogger | undefined;
  /** Called before each retry's wait. */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** One scheduled retry. */
export interface RetryEvent {
  /** The attempt that failed (1 = the first call). */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: AuraError<ProviderErrorData>;
}

/** Who is being called (for error messages and redaction). */
export interface RetryTarget {
  readonly provider: string;
  readonly model: string;
  /** Strings redacted from provider messages (the API key). */
  readonly secrets?: readonly string[];
}

/** The defaults of {@link RetryOptions}. */
export const DEFAULT_RETRY_OPTIONS = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryAfterCeilingMs: 60_000,
} as const;

type Settings = Required<Omit<RetryOptions, 'logger' | 'onRetry'>> & Pick<RetryOptions, 'logger' | 'onRetry'>;

/**
 * AI SDK middleware that retries `doGenerate` / `doStream` calls which failed before any output.
 *
 * - Every failure is mapped with {@link toProviderError}; only `retryable` ones are retried, at most
 *   `maxRetries` times. The final failure is thrown as that `AuraError` (`data.attempts` = attempts made).
 * - Wait before retry n: the provider's `Retry-After` / `retry-after-ms` (plus up to 10 % jitter, at most 1 s)
 *   when given — above `retryAfterCeilingMs` the call fails at once — else `min(maxDelayMs, base · 2ⁿ)`
 *   with "equal jitter" (between half and all of it), so concurrent agents do not retry in lockstep.
 * - Streams: the wrapper reads the provider stream until its first output part (anything other than
 *   `stream-start`, `response-metadata` and `raw`), holding back only those metadata parts. An error part or
 *   a stream failure before that is retried like an HTTP error; from the first output part on, parts flow
 *   through untouched, a later in-band error part carries a `PROVIDER_STREAM_FAILED` error and a later
 *   stream failure errors the stream with one (an `AbortError` or `TimeoutError` passes through so `streamText`
 *   reports an abort). The agent loop reads those parts through `readStreamParts` without an extra web
 *   stream; `result.stream` is built only when someone reads it.
 * - Honours `abortSignal` of the call: an abort before output (including during a wait) rejects at once with
 *   the signal's reason when it is an `AuraError` (e.g. `RUN_TIMEOUT`), else with `RUN_ABORTED`; no further
 *   request is made.
 */
export function retryMiddleware(target: RetryTarget, options: RetryOptions = {}): LanguageModelV3Middleware {
  const settings: Settings = {
    maxRetries: options.maxRetries ?? DEFAULT_RETRY_OPTIONS.maxRetries,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY_OPTIONS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs,
    retryAfterCeilingMs: options.retryAfterCeilingMs ?? DEFAULT_RETRY_OPTIONS.retryAfterCeilingMs,
    random: options.random ?? Math.random,
    logger: options.logger,
    onRetry: options.onRetry,
  };
  return {
    specificationVersion: 'v3',
    wrapGenerate: ({ doGenerate, params }) =>
      withRetries(async () => ({ value: await doGenerate() }), params, target, settings),
    wrapStream: ({ doStream, params }) =>
      withRetries(async () => untilFirstOutput(await doStream(), target), params, target, settings),
  };
}

/** `model` wrapped with {@link retryMiddleware}. */
export function withRetry(model: LanguageModelV3, target: RetryTarget, options: RetryOptions = {}): LanguageModelV3 {
  return withMiddleware(model, retryMiddleware(target, options));
}

/**
 * The wait before the retry that follows failed attempt `attempt` (1-based), or `undefined` when the
 * provider asked for longer than `retryAfterCeilingMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'retryAfterCeilingMs' | 'random'> = {},
): number | undefined {
  const random = options.random ?? Math.random;
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > (options.retryAfterCeilingMs ?? DEFAULT_RETRY_OPTIONS.retryAfterCeilingMs)) return undefined;
    return Math.round(retryAfterMs + random() * Math.min(1000, retryAfterMs * 0.1));
  }
  const base = options.baseDelayMs ?? DEFAULT_RETRY_OPTIONS.baseDelayMs;
  const capped = Math.min(options.maxDelayMs ?? DEFAULT_RETRY_OPTIONS.maxDelayMs, base * 2 ** (attempt - 1));
  return Math.round(capped / 2 + (random() * capped) / 2);
}

/** One attempt's outcome: a value, or a failure reported in-band (a stream's error part) rather than thrown. */
type Attempt<T> = { readonly value: T } | { readonly failure: unknown };

async function withRetries<T>(
  call: () => Promise<Attempt<T>>,
  params: LanguageModelV3CallOptions,
  target: RetryTarget,
  settings: Settings,
): Promise<T> {
  const signal = params.abortSignal;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(signal, target);
    let failure: unknown;
    try {
      const outcome = await call();
      if ('value' in outcome) return outcome.value;
      failure = outcome.failure;
    } catch (raw) {
      failure = raw;
    }
    if (signal?.aborted) throw abortError(signal, target, failure);
    const error = toProviderError(failure, { ...target, attempts: attempt });
    if (!error.retryable || attempt > settings.maxRetries) throw error;
    const delayMs = retryDelayMs(attempt, error.data?.retryAfterMs, settings);
    if (delayMs === undefined) throw error;
    settings.logger?.warn(
      `${target.provider}/${target.model}: ${error.message}; retrying in ${delayMs} ms (attempt ${attempt + 1} of ${settings.maxRetries + 1})`,
      { code: error.code, delayMs, attempt },
    );
    settings.onRetry?.({ attempt, delayMs, error });
    await abortableDelay(delayMs, signal, target);
  }
}

/** Parts that are not output: holding them back until the first output part is invisible to callers. */
const METADATA_PARTS: ReadonlySet<LanguageModelV3StreamPart['type']> = new Set([
  'stream-start',
  'response-metadata',
  'raw',
]);

/**
 * Reads `result`'s parts (`readStreamParts`) until its first output part and returns a result whose parts replay
 * what was read and then continue (see {@link continueParts}), or the failure when the stream fails or sends an
 * error part first.
 */
async function untilFirstOutput(
  result: LanguageModelV3StreamResult,
  target: RetryTarget,
): Promise<Attempt<LanguageModelV3StreamResult>> {
  const reader = readStreamParts(result);
  const held: LanguageModelV3StreamPart[] = [];
  let failure: { readonly error: unknown } | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === 'error') {
        failure = { error: value.error };
        break;
      }
      held.push(value);
      if (!METADATA_PARTS.has(value.type)) break;
    }
  } catch (error) {
    failure = { error };
  }
  if (failure !== undefined) {
    reader.cancel().catch(() => {
      // The failed stream is discarded; a cancel error adds nothing to the failure already reported.
    });
    return { failure: failure.error };
  }
  // The new result takes `request` and `response` from `result` (not `stream`: a result built by
  // `streamResultFromReader` hands over its reader without a web stream).
  return { value: streamResultFromReader(result, continueParts(held, reader, target)) };
}

function abortError(signal: AbortSignal, target: RetryTarget, cause?: unknown): AuraError {
  if (AuraError.isInstance(signal.reason)) return signal.reason;
  return new AuraError('RUN_ABORTED', `${target.provider}/${target.model}: the call was aborted`, {
    cause: signal.reason ?? cause,
  });
}

/** Waits `ms`; rejects with {@link abortError} as soon as `signal` aborts. */
async function abortableDelay(ms: number, signal: AbortSignal | undefined, target: RetryTarget): Promise<void> {
  if (signal?.aborted) throw abortError(signal, target);
  let onAbort: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(resolve, ms);
      if (signal !== undefined) {
        onAbort = () => reject(abortError(signal, target));
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
