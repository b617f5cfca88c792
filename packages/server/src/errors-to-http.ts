/**
 * THE one place that maps Aura error codes to HTTP (STYLE.md convention 5): status plus the OpenAI error
 * envelope `{error:{message, type, param?, code?}}` (server-spec §3). Routes throw `AuraError`s; the
 * error handler calls {@link auraErrorToHttp}. Anything that is not an `AuraError` is a bug and becomes a
 * 500 that never leaks its message.
 */
import {
  AuraError,
  type AuraErrorCode,
  modelNotFoundErrorBody,
  type OpenAiErrorBody,
  type OpenAiErrorType,
  openAiErrorBody,
} from '@aura/events';

/** HTTP statuses this mapping produces. */
export type AuraHttpStatus = 400 | 401 | 404 | 405 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504;

/** How one code appears on HTTP. `code` is the OpenAI `error.code`, when there is a meaningful one. */
export interface HttpErrorMapping {
  readonly status: AuraHttpStatus;
  readonly type: OpenAiErrorType;
  readonly code?: string;
}

/**
 * Optional `data` of a request-class `AuraError` that refines its HTTP form:
 * - `status`: 405 (method not allowed on a known path), 415 (wrong content type) or 422 (body does not fit the
 *   schema) instead of 400;
 * - `param`: the offending request field (sent as `error.param`);
 * - `model`: for `MODEL_NOT_FOUND`, the requested name (format B message).
 */
export interface HttpErrorData {
  readonly status?: 400 | 405 | 415 | 422;
  readonly param?: string;
  readonly model?: string;
}

/**
 * Every code's HTTP form. The compiler rejects a missing code. Client-fault statuses (4xx) are used only
 * for codes that are the caller's fault (`REQUEST_*`-class codes, and a context overflow, which the
 * caller fixes by shortening the conversation); an upstream failure is 502/503/504 and a failure inside
 * Aura is 500.
 */
export const HTTP_ERROR_MAP: { readonly [C in AuraErrorCode]: HttpErrorMapping } = {
  CONFIG_INVALID: { status: 500, type: 'internal_error' },
  CONFIG_NOT_FOUND: { status: 500, type: 'internal_error' },
  CONFIG_ENV_MISSING: { status: 500, type: 'internal_error' },
  REQUEST_INVALID: { status: 400, type: 'invalid_request_error' },
  MODEL_NOT_FOUND: { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  UNAUTHORIZED: { status: 401, type: 'unauthorized' },
  PAYLOAD_TOO_LARGE: { status: 413, type: 'invalid_request_error' },
  NOT_FOUND: { status: 404, type: 'not_found' },
  PROVIDER_RATE_LIMITED: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  PROVIDER_AUTH: { status: 502, type: 'upstream_error' },
  PROVIDER_CONTEXT_OVERFLOW: { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  PROVIDER_BAD_REQUEST: { status: 502, type: 'upstream_error' },
  PROVIDER_UNAVAILABLE: { status: 503, type: 'service_unavailable' },
  PROVIDER_STREAM_FAILED: { status: 502, type: 'upstream_error' },
  MCP_CONNECT_FAILED: { status: 502, type: 'upstream_error' },
  MCP_CALL_FAILED: { status: 502, type: 'upstream_error' },
  MCP_SESSION_EXPIRED: { status: 502, type: 'upstream_error' },
  TOOL_NOT_FOUND: { status: 500, type: 'internal_error' },
  TOOL_SCHEMA_INVALID: { status: 500, type: 'internal_error' },
  TOOL_ARGUMENTS_INVALID: { status: 500, type: 'internal_error' },
  TOOL_TIMEOUT: { status: 504, type: 'timeout' },
  RUN_ABORTED: { status: 503, type: 'service_unavailable' },
  RUN_TIMEOUT: { status: 504, type: 'timeout' },
  RUN_DEPTH_EXHAUSTED: { status: 500, type: 'internal_error' },
  RUN_BUDGET_EXHAUSTED: { status: 500, type: 'internal_error' },
  SSE_ENCODE_FAILED: { status: 500, type: 'internal_error' },
  STREAM_ABORTED: { status: 500, type: 'internal_error' },
  INTERNAL: { status: 500, type: 'internal_error' },
};

/** An HTTP error response: status and JSON body. */
export interface HttpErrorResponse {
  readonly status: AuraHttpStatus;
  readonly body: OpenAiErrorBody;
}

/** Options of {@link auraErrorToHttp}. */
export interface AuraErrorToHttpOptions {
  /** `AURA_DEBUG_PROVIDER_ERRORS`: show raw provider messages instead of the generic sentence. */
  readonly debugProviderErrors?: boolean;
  /** `<provider>/<model>` named in the generic provider sentence, when known. */
  readonly providerLabel?: string;
}

/** Message of a non-`AuraError` failure (its own message may hold internals, so it is never sent). */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

const REQUEST_STATUSES = new Set<unknown>([400, 405, 415, 422]);

/**
 * Maps any thrown value to an HTTP error response. `AuraError`s map by {@link HTTP_ERROR_MAP}; request
 * errors may refine status and `param` through {@link HttpErrorData}; `MODEL_NOT_FOUND` uses the exact
 * OpenAI body (format B). Provider errors carry a generic sentence unless `debugProviderErrors`. Anything
 * else is `500 internal_error` with {@link INTERNAL_ERROR_MESSAGE}.
 */
export function auraErrorToHttp(error: unknown, options: AuraErrorToHttpOptions = {}): HttpErrorResponse {
  if (!AuraError.isInstance(error)) {
    return { status: 500, body: openAiErrorBody({ message: INTERNAL_ERROR_MESSAGE, type: 'internal_error' }) };
  }
  const mapping = HTTP_ERROR_MAP[error.code] ?? HTTP_ERROR_MAP.INTERNAL;
  const data = readHttpErrorData(error.data);
  if (error.code === 'MODEL_NOT_FOUND' && data.model !== undefined) {
    return { status: 404, body: modelNotFoundErrorBody(data.model) };
  }
  const clientFault = mapping.status < 500;
  const status = clientFault && data.status !== undefined ? data.status : mapping.status;
  return {
    status,
    body: openAiErrorBody({
      message: messageFor(error, options),
      type: mapping.type,
      param: clientFault ? data.param : undefined,
      code: mapping.code,
    }),
  };
}

function messageFor(error: AuraError, options: AuraErrorToHttpOptions): string {
  if (!error.code.startsWith('PROVIDER_') || options.debugProviderErrors === true) return error.message;
  const provider = options.providerLabel === undefined ? '' : ` (${options.providerLabel})`;
  switch (error.code) {
    case 'PROVIDER_CONTEXT_OVERFLOW':
      return `The conversation does not fit the context window of the model${provider}. Shorten it, or ask for less data at once.`;
    case 'PROVIDER_RATE_LIMITED':
      return `The upstream model provider${provider} is rate limiting requests. Please retry shortly.`;
    default:
      return `The upstream model provider${provider} returned an error and the request could not be completed. Please try again or contact support if the issue persists.`;
  }
}

function readHttpErrorData(data: unknown): HttpErrorData {
  if (typeof data !== 'object' || data === null) return {};
  const record = data as { readonly status?: unknown; readonly param?: unknown; readonly model?: unknown };
  return {
    ...(REQUEST_STATUSES.has(record.status) ? { status: record.status as 400 | 405 | 415 | 422 } : {}),
    ...(typeof record.param === 'string' ? { param: record.param } : {}),
    ...(typeof record.model === 'string' ? { model: record.model } : {}),
  };
}
