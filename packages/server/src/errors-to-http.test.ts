import { AuraError, type AuraErrorCode } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { auraErrorToHttp, HTTP_ERROR_MAP, INTERNAL_ERROR_MESSAGE } from './index.js';

/** Every code with its expected status and type. Adding a code without a row here fails the count check. */
const EXPECTED: Readonly<Record<AuraErrorCode, readonly [status: number, type: string]>> = {
  CONFIG_INVALID: [500, 'internal_error'],
  CONFIG_NOT_FOUND: [500, 'internal_error'],
  CONFIG_ENV_MISSING: [500, 'internal_error'],
  REQUEST_INVALID: [400, 'invalid_request_error'],
  MODEL_NOT_FOUND: [404, 'invalid_request_error'],
  UNAUTHORIZED: [401, 'unauthorized'],
  PAYLOAD_TOO_LARGE: [413, 'invalid_request_error'],
  NOT_FOUND: [404, 'not_found'],
  PROVIDER_RATE_LIMITED: [429, 'rate_limit_error'],
  PROVIDER_AUTH: [502, 'upstream_error'],
  PROVIDER_CONTEXT_OVERFLOW: [400, 'invalid_request_error'],
  PROVIDER_BAD_REQUEST: [502, 'upstream_error'],
  PROVIDER_UNAVAILABLE: [503, 'service_unavailable'],
  PROVIDER_STREAM_FAILED: [502, 'upstream_error'],
  MCP_CONNECT_FAILED: [502, 'upstream_error'],
  MCP_CALL_FAILED: [502, 'upstream_error'],
  MCP_SESSION_EXPIRED: [502, 'upstream_error'],
  TOOL_NOT_FOUND: [500, 'internal_error'],
  TOOL_SCHEMA_INVALID: [500, 'internal_error'],
  TOOL_ARGUMENTS_INVALID: [500, 'internal_error'],
  TOOL_TIMEOUT: [504, 'timeout'],
  RUN_ABORTED: [503, 'service_unavailable'],
  RUN_TIMEOUT: [504, 'timeout'],
  RUN_DEPTH_EXHAUSTED: [500, 'internal_error'],
  RUN_BUDGET_EXHAUSTED: [500, 'internal_error'],
  SSE_ENCODE_FAILED: [500, 'internal_error'],
  STREAM_ABORTED: [500, 'internal_error'],
  INTERNAL: [500, 'internal_error'],
};

// Caller faults, plus a provider rate limit (429 tells clients to back off and retry).
const FOUR_XX: ReadonlySet<AuraErrorCode> = new Set([
  'REQUEST_INVALID',
  'MODEL_NOT_FOUND',
  'UNAUTHORIZED',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_CONTEXT_OVERFLOW',
]);

describe('auraErrorToHttp', () => {
  it('maps every code', () => {
    expect(Object.keys(HTTP_ERROR_MAP).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [code, [status, type]] of Object.entries(EXPECTED) as [AuraErrorCode, readonly [number, string]][]) {
      const response = auraErrorToHttp(new AuraError(code, `failure ${code}`), { debugProviderErrors: true });
      expect([code, response.status, response.body.error.type]).toEqual([code, status, type]);
      expect(response.body.error.message).toBe(`failure ${code}`);
    }
  });

  it('uses a 4xx status only for faults of the caller and rate limits', () => {
    for (const code of Object.keys(EXPECTED) as AuraErrorCode[]) {
      const status = auraErrorToHttp(new AuraError(code, 'x')).status;
      expect([code, status < 500]).toEqual([code, FOUR_XX.has(code)]);
    }
  });

  it('writes format A by default, keys in reference order', () => {
    const response = auraErrorToHttp(new AuraError('NOT_FOUND', 'no pending approval for decision id d1'));
    expect(JSON.stringify(response.body)).toBe(
      '{"error":{"message":"no pending approval for decision id d1","type":"not_found"}}',
    );
  });

  it('honours a 415/422 status and param of request errors, but never for server failures', () => {
    expect(
      auraErrorToHttp(new AuraError('REQUEST_INVALID', 'bad', { data: { status: 422, param: 'messages' } })),
    ).toEqual({ status: 422, body: { error: { message: 'bad', type: 'invalid_request_error', param: 'messages' } } });
    expect(auraErrorToHttp(new AuraError('REQUEST_INVALID', 'ct', { data: { status: 415 } })).status).toBe(415);
    expect(auraErrorToHttp(new AuraError('REQUEST_INVALID', 'x', { data: { status: 418 } })).status).toBe(400);
    const server = auraErrorToHttp(new AuraError('INTERNAL', 'x', { data: { status: 422, param: 'p' } }));
    expect(server).toEqual({ status: 500, body: { error: { message: 'x', type: 'internal_error' } } });
  });

  it('builds the OpenAI model-not-found body (format B)', () => {
    expect(auraErrorToHttp(new AuraError('MODEL_NOT_FOUND', 'x', { data: { model: 'gpt-5' } }))).toEqual({
      status: 404,
      body: {
        error: {
          message: 'The model `gpt-5` does not exist or you do not have access to it.',
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      },
    });
  });

  it('hides raw provider messages unless debugging, and gives overflow and rate limits their own words', () => {
    const raw = 'Incorrect API key provided: sk-abc***';
    const hidden = auraErrorToHttp(new AuraError('PROVIDER_AUTH', raw), { providerLabel: 'openai/gpt-4o' });
    expect(hidden.body.error.message).toBe(
      'The upstream model provider (openai/gpt-4o) returned an error and the request could not be completed. Please try again or contact support if the issue persists.',
    );
    expect(auraErrorToHttp(new AuraError('PROVIDER_AUTH', raw), { debugProviderErrors: true }).body.error.message).toBe(
      raw,
    );
    expect(auraErrorToHttp(new AuraError('PROVIDER_CONTEXT_OVERFLOW', raw)).body).toEqual({
      error: {
        message:
          'The conversation does not fit the context window of the model. Shorten it, or ask for less data at once.',
        type: 'invalid_request_error',
        code: 'context_length_exceeded',
      },
    });
    expect(auraErrorToHttp(new AuraError('PROVIDER_RATE_LIMITED', raw)).body.error).toEqual({
      message: 'The upstream model provider is rate limiting requests. Please retry shortly.',
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
    });
  });

  it('turns anything that is not an AuraError into a 500 that leaks nothing', () => {
    for (const thrown of [new Error('secret at /etc/x'), 'string', undefined, { code: 'REQUEST_INVALID' }]) {
      expect(auraErrorToHttp(thrown)).toEqual({
        status: 500,
        body: { error: { message: INTERNAL_ERROR_MESSAGE, type: 'internal_error' } },
      });
    }
  });

  it('treats an unknown code from another version of @aura/events as internal', () => {
    const foreign = new AuraError('INTERNAL', 'x');
    Object.defineProperty(foreign, 'code', { value: 'SOMETHING_NEW' });
    expect(auraErrorToHttp(foreign).status).toBe(500);
  });
});
