/**
 * Maps any provider failure to one {@link AuraError} with a stable `PROVIDER_*` code, so the server can turn
 * it into a clean message without parsing provider prose.
 */
import { AuraError, type AuraErrorCode } from '@aura/events';
import { isContextOverflowCode, isContextOverflowMessage } from './context-overflow.js';
import { type ProviderErrorFacts, readProviderErrorFacts } from './provider-error-facts.js';

/** Who failed, and how far the call had got. */
export interface ProviderErrorContext {
  /** Provider name as configured, e.g. `openai`. */
  readonly provider: string;
  /** Model id as configured. */
  readonly model: string;
  /** Output had already been streamed: every failure except an abort becomes `PROVIDER_STREAM_FAILED`. */
  readonly outputStarted?: boolean;
  /** Strings removed from provider messages before they are kept (the configured API key). */
  readonly secrets?: readonly string[];
  /** Attempts made so far (recorded in `data.attempts`). */
  readonly attempts?: number;
  /** Clock for HTTP-date `Retry-After` values; default `Date.now()`. */
  readonly now?: number;
}

/** `data` of every error {@link toProviderError} creates. Contains no secrets. */
export interface ProviderErrorData {
  readonly provider: string;
  readonly model: string;
  /** HTTP status the provider answered, when there was one. */
  readonly status?: number;
  /** Provider error code or type, e.g. `context_length_exceeded`, `overloaded_error`. */
  readonly providerCode?: string;
  /** The provider's raw message (secrets redacted). The server decides whether to show it. */
  readonly providerMessage?: string;
  /** How long the provider asked us to wait (`Retry-After`, `retry-after-ms`, Google `retryDelay`). */
  readonly retryAfterMs?: number;
  readonly attempts?: number;
}

interface Classification {
  readonly code: AuraErrorCode;
  readonly retryable: boolean;
  readonly summary: string;
  /** Whether the provider message may be appended to `message` (never for auth failures). */
  readonly showDetail: boolean;
}

const RATE_LIMIT_CODES = ['rate_limit_exceeded', 'rate_limit_error', 'resource_exhausted', 'throttlingexception'];
const OVERLOAD_CODES = ['overloaded_error', 'overloaded'];
const AUTH_CODES = [
  'authentication_error',
  'permission_error',
  'invalid_api_key',
  'unauthenticated',
  'permission_denied',
  'unrecognizedclientexception',
  'accessdeniedexception',
  'expiredtokenexception',
  'invalidsignatureexception',
];
const UNAVAILABLE_CODES = [
  'api_error',
  'server_error',
  'internal',
  'unavailable',
  'internalserverexception',
  'serviceunavailableexception',
  'modelstreamerrorexception',
  'modelnotreadyexception',
];
const BAD_REQUEST_CODES = ['invalid_request_error', 'invalid_argument', 'validationexception', 'not_found_error'];
const CREDENTIAL_MESSAGES = ['aws credential provider failed', 'aws sigv4 authentication requires'];
const MAX_DETAIL_CHARS = 300;

/**
 * Maps `error` (anything thrown by a provider package, or an in-band stream `error` payload) to an
 * {@link AuraError} with {@link ProviderErrorData}:
 *
 * - an `AuraError` passes through unchanged; an `AbortError` becomes `RUN_ABORTED` and a `TimeoutError`
 *   (from `AbortSignal.timeout`) `RUN_TIMEOUT`, even after output started;
 * - after output started (`context.outputStarted`): `PROVIDER_STREAM_FAILED` (never retryable);
 * - 401/403 and auth error types → `PROVIDER_AUTH`;
 * - 429, 529, `overloaded_error`, throttling → `PROVIDER_RATE_LIMITED` (retryable, `data.retryAfterMs`;
 *   OpenAI `insufficient_quota` is not retryable);
 * - a 4xx whose code or message says the prompt is too long (server-spec §8.8 substrings plus provider
 *   wordings), or a 413 → `PROVIDER_CONTEXT_OVERFLOW`;
 * - 408, 409, 5xx, network failures, provider internal/unavailable types → `PROVIDER_UNAVAILABLE` (retryable;
 *   501 is not);
 * - other 4xx → `PROVIDER_BAD_REQUEST`; anything else → `PROVIDER_UNAVAILABLE` (not retryable).
 *
 * Messages name `provider/model` and the HTTP status; API keys (from `context.secrets`, plus common key
 * shapes) are redacted from every message kept. Never throws.
 */
export function toProviderError(error: unknown, context: ProviderErrorContext): AuraError<ProviderErrorData> {
  if (AuraError.isInstance(error)) return error as AuraError<ProviderErrorData>;
  const facts = readProviderErrorFacts(error, context.now);
  const label = `${context.provider}/${context.model}`;
  const providerMessage =
    facts.message === undefined ? undefined : redactSecrets(facts.message, context.secrets ?? []).trim();
  const data: ProviderErrorData = {
    provider: context.provider,
    model: context.model,
    ...(facts.status === undefined ? {} : { status: facts.status }),
    ...(facts.code === undefined ? {} : { providerCode: facts.code }),
    ...(providerMessage === undefined || providerMessage === '' ? {} : { providerMessage }),
    ...(facts.retryAfterMs === undefined ? {} : { retryAfterMs: Math.round(facts.retryAfterMs) }),
    ...(context.attempts === undefined ? {} : { attempts: context.attempts }),
  };
  if (facts.abort !== undefined) {
    const timeout = facts.abort === 'timeout';
    return new AuraError(
      timeout ? 'RUN_TIMEOUT' : 'RUN_ABORTED',
      `${label}: the call was ${timeout ? 'timed out' : 'aborted'}`,
      { cause: error, data },
    );
  }
  const classification = context.outputStarted
    ? {
        code: 'PROVIDER_STREAM_FAILED' as const,
        retryable: false,
        summary: 'the response stream failed after output had started',
        showDetail: true,
      }
    : classify(facts);
  const status = facts.status === undefined ? '' : ` (HTTP ${facts.status})`;
  const detail =
    classification.showDetail && providerMessage !== undefined && providerMessage !== ''
      ? `: ${truncate(providerMessage)}`
      : '';
  return new AuraError(classification.code, `${label}: ${classification.summary}${status}${detail}`, {
    cause: error,
    data,
    retryable: classification.retryable,
  });
}

function classify(facts: ProviderErrorFacts): Classification {
  const status = facts.status;
  const code = facts.code?.toLowerCase();
  const message = facts.message?.toLowerCase() ?? '';
  const is = (codes: readonly string[]): boolean => code !== undefined && codes.includes(code);

  if (status === 401 || status === 403 || is(AUTH_CODES) || CREDENTIAL_MESSAGES.some((m) => message.includes(m))) {
    return {
      code: 'PROVIDER_AUTH',
      retryable: false,
      summary: 'authentication failed; check the API key or credentials',
      showDetail: false,
    };
  }
  if (code === 'insufficient_quota') {
    return { code: 'PROVIDER_RATE_LIMITED', retryable: false, summary: 'quota exhausted', showDetail: true };
  }
  if (status === 529 || is(OVERLOAD_CODES) || (status === undefined && message.includes('overloaded'))) {
    return { code: 'PROVIDER_RATE_LIMITED', retryable: true, summary: 'the provider is overloaded', showDetail: true };
  }
  if (status === 429 || is(RATE_LIMIT_CODES)) {
    return { code: 'PROVIDER_RATE_LIMITED', retryable: true, summary: 'rate limited', showDetail: true };
  }
  const clientFault = status === undefined || (status >= 400 && status < 500);
  if (status === 413 || (clientFault && (isContextOverflowCode(code) || isContextOverflowMessage(message)))) {
    return {
      code: 'PROVIDER_CONTEXT_OVERFLOW',
      retryable: false,
      summary: "the prompt does not fit the model's context window",
      showDetail: true,
    };
  }
  if (status === 408 || status === 409 || (status !== undefined && status >= 500 && status !== 501)) {
    return { code: 'PROVIDER_UNAVAILABLE', retryable: true, summary: 'the provider failed', showDetail: true };
  }
  if (status !== undefined && status >= 400 && status < 600) {
    return {
      code: 'PROVIDER_BAD_REQUEST',
      retryable: false,
      summary: 'the provider rejected the request',
      showDetail: true,
    };
  }
  if (facts.network) {
    return { code: 'PROVIDER_UNAVAILABLE', retryable: true, summary: 'cannot reach the provider', showDetail: true };
  }
  if (is(BAD_REQUEST_CODES)) {
    return {
      code: 'PROVIDER_BAD_REQUEST',
      retryable: false,
      summary: 'the provider rejected the request',
      showDetail: true,
    };
  }
  if (is(UNAVAILABLE_CODES) || facts.inBand || facts.sdkRetryable) {
    // An in-band error before any output is almost always transient (internal error, stream hiccup).
    return { code: 'PROVIDER_UNAVAILABLE', retryable: true, summary: 'the provider failed', showDetail: true };
  }
  return { code: 'PROVIDER_UNAVAILABLE', retryable: false, summary: 'the provider call failed', showDetail: true };
}

const KEY_SHAPES: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{12,}/g, // OpenAI, Anthropic (sk-ant-…), OpenRouter (sk-or-…)
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*/gi,
];

/** Removes `secrets` (at least 4 characters long) and common API-key shapes from `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  for (const shape of KEY_SHAPES) result = result.replace(shape, '[redacted]');
  return result;
}

function truncate(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length <= MAX_DETAIL_CHARS ? single : `${single.slice(0, MAX_DETAIL_CHARS)}…`;
}
