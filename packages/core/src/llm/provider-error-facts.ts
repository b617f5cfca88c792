/**
 * Reads what a provider failure says about itself — HTTP status, provider code/type, message, Retry-After,
 * network-level cause — from whatever shape it arrives in: an AI SDK `APICallError`, an in-band stream error
 * payload (`{ type: 'overloaded_error', message }`, `{ error: { code, message, status } }`, …), a Node/undici
 * network error, or anything else.
 */
import { APICallError } from '@ai-sdk/provider';
import { isJsonObject, type JsonObject, tryParseJson } from '../util/json-value.js';
import { parseRetryAfter } from './retry-after.js';

/** What could be read from a provider failure. */
export interface ProviderErrorFacts {
  readonly status: number | undefined;
  /** Provider code or type, e.g. `context_length_exceeded`, `overloaded_error`, `RESOURCE_EXHAUSTED`. */
  readonly code: string | undefined;
  /** The provider's own message (unredacted). */
  readonly message: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** A network-level failure (connection refused/reset, socket closed, DNS, fetch failed). */
  readonly network: boolean;
  /** The AI SDK judged the call retryable. */
  readonly sdkRetryable: boolean;
  /** The failure is an abort (`AbortError`) or a timeout abort (`TimeoutError`). */
  readonly abort: 'abort' | 'timeout' | undefined;
  /** A plain in-band error payload (not an `Error`). */
  readonly inBand: boolean;
}

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
]);

const NETWORK_MESSAGES = ['fetch failed', 'terminated', 'other side closed', 'socket hang up', 'cannot connect to api'];

/** Reads {@link ProviderErrorFacts} from any thrown value or in-band error payload. Never throws. */
export function readProviderErrorFacts(error: unknown, now: number = Date.now()): ProviderErrorFacts {
  if (APICallError.isInstance(error)) return fromApiCallError(error, now);
  if (error instanceof Error) {
    const network = isNetworkError(error);
    return {
      status: undefined,
      code: errorCode(error),
      message: error.message,
      retryAfterMs: undefined,
      network,
      sdkRetryable: false,
      abort: abortKind(error),
      inBand: false,
    };
  }
  if (isJsonObject(error)) return fromPayload(error, undefined);
  return {
    status: undefined,
    code: undefined,
    message: typeof error === 'string' ? error : undefined,
    retryAfterMs: undefined,
    network: false,
    sdkRetryable: false,
    abort: undefined,
    inBand: true,
  };
}

function fromApiCallError(error: APICallError, now: number): ProviderErrorFacts {
  const parsed = error.responseBody === undefined ? undefined : tryParseJson(error.responseBody);
  const body = parsed?.ok === true && isJsonObject(parsed.value) ? parsed.value : undefined;
  const payload = body === undefined ? undefined : fromPayload(body, error.statusCode);
  const amazonType = error.responseHeaders?.['x-amzn-errortype']?.split(':')[0];
  // A 2xx APICallError is a successful response whose body then failed (e.g. the socket dropped mid-stream):
  // it has no error status, and the useful part is the cause ("terminated").
  const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : undefined;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return {
    status,
    code: payload?.code ?? (amazonType === '' ? undefined : amazonType),
    message:
      payload?.message ?? (status === undefined && cause !== undefined ? `${error.message}: ${cause}` : error.message),
    retryAfterMs: parseRetryAfter(error.responseHeaders, { body: error.responseBody, now }),
    network: isNetworkError(error) || (status === undefined && error.isRetryable),
    sdkRetryable: error.isRetryable,
    abort: undefined,
    inBand: false,
  };
}

/**
 * An error body or in-band payload: OpenAI `{error:{message,type,code}}`, Anthropic `{type:'error',
 * error:{type,message}}` or the bare inner object, Gemini `{error:{code,message,status}}`, OpenRouter
 * `{error:{code:429,message}}`, Ollama `{error:'…'}`, Bedrock `{message}`.
 */
function fromPayload(payload: JsonObject, status: number | undefined): ProviderErrorFacts {
  const inner = isJsonObject(payload.error) ? payload.error : payload;
  const message =
    stringOf(inner.message) ??
    (typeof payload.error === 'string' ? payload.error : undefined) ??
    stringOf(payload.message);
  const numericCode = typeof inner.code === 'number' ? inner.code : undefined;
  const code =
    stringOf(inner.code) ??
    (inner.type !== 'error' ? stringOf(inner.type) : undefined) ??
    stringOf(inner.status) ??
    stringOf(payload.code);
  return {
    status: status ?? (numericCode !== undefined && numericCode >= 400 && numericCode <= 599 ? numericCode : undefined),
    code,
    message,
    retryAfterMs: undefined,
    network: false,
    sdkRetryable: false,
    abort: undefined,
    inBand: true,
  };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function abortKind(error: Error): 'abort' | 'timeout' | undefined {
  if (error.name === 'AbortError' || error.name === 'ResponseAborted') return 'abort';
  if (error.name === 'TimeoutError') return 'timeout';
  return undefined;
}

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Walks the `cause` chain looking for a socket-level failure. */
function isNetworkError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = errorCode(current);
    if (code !== undefined && NETWORK_CODES.has(code)) return true;
    const message = current.message.toLowerCase();
    if (NETWORK_MESSAGES.some((needle) => message.startsWith(needle))) return true;
    current = current.cause;
  }
  return false;
}
