import { APICallError } from '@ai-sdk/provider';
import { AuraError } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { isContextOverflowMessage } from './context-overflow.js';
import { redactSecrets, toProviderError } from './provider-error.js';

const context = { provider: 'openai', model: 'gpt-4o' };

function apiError(statusCode: number | undefined, body: unknown, headers: Record<string, string> = {}): APICallError {
  return new APICallError({
    message: 'provider said no',
    url: 'https://api.example/v1/chat/completions',
    requestBodyValues: {},
    ...(statusCode === undefined ? {} : { statusCode }),
    responseHeaders: headers,
    responseBody: typeof body === 'string' ? body : JSON.stringify(body),
    isRetryable: statusCode !== undefined && (statusCode === 429 || statusCode >= 500),
  });
}

describe('toProviderError — HTTP failures', () => {
  it.each([
    [
      401,
      { error: { message: 'bad key', type: 'invalid_request_error', code: 'invalid_api_key' } },
      'PROVIDER_AUTH',
      false,
    ],
    [403, { type: 'error', error: { type: 'permission_error', message: 'no access' } }, 'PROVIDER_AUTH', false],
    [429, { error: { message: 'slow down', code: 'rate_limit_exceeded' } }, 'PROVIDER_RATE_LIMITED', true],
    [
      429,
      { error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } },
      'PROVIDER_RATE_LIMITED',
      false,
    ],
    [529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 'PROVIDER_RATE_LIMITED', true],
    [400, { error: { message: 'too long', code: 'context_length_exceeded' } }, 'PROVIDER_CONTEXT_OVERFLOW', false],
    [
      413,
      { type: 'error', error: { type: 'request_too_large', message: 'Request exceeds the maximum size' } },
      'PROVIDER_CONTEXT_OVERFLOW',
      false,
    ],
    [
      400,
      {
        error: {
          code: 400,
          message: 'The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).',
          status: 'INVALID_ARGUMENT',
        },
      },
      'PROVIDER_CONTEXT_OVERFLOW',
      false,
    ],
    [400, { message: 'Input is too long for requested model.' }, 'PROVIDER_CONTEXT_OVERFLOW', false],
    [
      400,
      { error: { message: "Invalid schema for function 'x'", type: 'invalid_request_error' } },
      'PROVIDER_BAD_REQUEST',
      false,
    ],
    [404, { error: "model 'llama9' not found" }, 'PROVIDER_BAD_REQUEST', false],
    [408, 'timeout', 'PROVIDER_UNAVAILABLE', true],
    [409, 'conflict', 'PROVIDER_UNAVAILABLE', true],
    [500, { error: { message: 'boom', type: 'server_error' } }, 'PROVIDER_UNAVAILABLE', true],
    [501, 'not implemented', 'PROVIDER_BAD_REQUEST', false],
    [
      503,
      { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
      'PROVIDER_UNAVAILABLE',
      true,
    ],
    [504, { error: 'context deadline exceeded' }, 'PROVIDER_UNAVAILABLE', true],
  ] as const)('HTTP %i %j → %s (retryable %s)', (status, body, code, retryable) => {
    const error = toProviderError(apiError(status, body), context);
    expect(error).toMatchObject({ code, retryable, data: { provider: 'openai', model: 'gpt-4o', status } });
    expect(error.message.startsWith(`openai/gpt-4o: `)).toBe(true);
    expect(error.message).toContain(`(HTTP ${status})`);
  });

  it('keeps the provider code and message, and reads Retry-After from the headers', () => {
    const error = toProviderError(
      apiError(429, { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } }, { 'retry-after': '7' }),
      context,
    );
    expect(error.data).toEqual({
      provider: 'openai',
      model: 'gpt-4o',
      status: 429,
      providerCode: 'rate_limit_exceeded',
      providerMessage: 'Rate limit reached',
      retryAfterMs: 7000,
    });
    expect(error.message).toBe('openai/gpt-4o: rate limited (HTTP 429): Rate limit reached');
    expect(error.cause).toBeInstanceOf(APICallError);
  });

  it('reads the Bedrock error type from x-amzn-errortype', () => {
    const error = toProviderError(
      apiError(400, { message: 'Too many tokens' }, { 'x-amzn-errortype': 'ThrottlingException:http://internal' }),
      { provider: 'bedrock', model: 'm' },
    );
    expect(error).toMatchObject({ code: 'PROVIDER_RATE_LIMITED', data: { providerCode: 'ThrottlingException' } });
  });

  it('never puts the API key or key-shaped strings into messages or data', () => {
    const key = 'my-very-secret-key-value';
    const error = toProviderError(
      apiError(400, {
        error: { message: `key ${key} is malformed; also sk-proj-abcdefghijklmnopqrstuv and AKIAABCDEFGHIJKLMNOP` },
      }),
      { ...context, secrets: [key] },
    );
    const text = `${error.message} ${JSON.stringify(error.data)}`;
    expect(text).not.toContain(key);
    expect(text).not.toContain('sk-proj-abcdefghijklmnopqrstuv');
    expect(text).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(error.data?.providerMessage).toBe('key [redacted] is malformed; also [redacted] and [redacted]');
  });

  it('does not show the provider message in an auth error message', () => {
    const error = toProviderError(
      apiError(401, { error: { message: 'Incorrect API key provided: sk-ab***yz' } }),
      context,
    );
    expect(error.message).toBe('openai/gpt-4o: authentication failed; check the API key or credentials (HTTP 401)');
    expect(error.data?.providerMessage).toBe('Incorrect API key provided: sk-ab***yz');
  });

  it('truncates long provider messages in the error message but keeps them whole in data', () => {
    const long = 'x'.repeat(1000);
    const error = toProviderError(apiError(400, { error: { message: long } }), context);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message.endsWith('…')).toBe(true);
    expect(error.data?.providerMessage).toBe(long);
  });
});

describe('toProviderError — other failures', () => {
  it('passes AuraErrors through unchanged', () => {
    const original = new AuraError('TOOL_TIMEOUT', 'slow tool');
    expect(toProviderError(original, context)).toBe(original);
  });

  it('maps AbortError to RUN_ABORTED and TimeoutError to RUN_TIMEOUT, even after output', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(toProviderError(abort, { ...context, outputStarted: true })).toMatchObject({ code: 'RUN_ABORTED' });
    const timeout = new DOMException('The operation timed out', 'TimeoutError');
    expect(toProviderError(timeout, context)).toMatchObject({ code: 'RUN_TIMEOUT', retryable: false });
  });

  it('maps network failures to a retryable PROVIDER_UNAVAILABLE', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    expect(toProviderError(fetchFailed, context)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(toProviderError(reset, context)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('classifies in-band stream error payloads', () => {
    expect(toProviderError({ type: 'overloaded_error', message: 'Overloaded' }, context)).toMatchObject({
      code: 'PROVIDER_RATE_LIMITED',
      retryable: true,
      data: { providerCode: 'overloaded_error', providerMessage: 'Overloaded' },
    });
    expect(
      toProviderError({ error: { code: 429, message: 'Rate limited', status: 'RESOURCE_EXHAUSTED' } }, context),
    ).toMatchObject({ code: 'PROVIDER_RATE_LIMITED', data: { status: 429 } });
    expect(toProviderError({ message: 'Input is too long for requested model.' }, context)).toMatchObject({
      code: 'PROVIDER_CONTEXT_OVERFLOW',
    });
    expect(toProviderError({ message: 'internal hiccup' }, context)).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: true,
    });
  });

  it('turns every failure after output started into PROVIDER_STREAM_FAILED', () => {
    const error = toProviderError(
      { type: 'overloaded_error', message: 'Overloaded' },
      { ...context, outputStarted: true },
    );
    expect(error).toMatchObject({
      code: 'PROVIDER_STREAM_FAILED',
      retryable: false,
      data: { providerCode: 'overloaded_error', providerMessage: 'Overloaded' },
    });
    expect(error.message).toBe('openai/gpt-4o: the response stream failed after output had started: Overloaded');
  });

  it('maps AWS credential failures to PROVIDER_AUTH', () => {
    const error = new Error('AWS credential provider failed: Could not load credentials from any providers.');
    expect(toProviderError(error, { provider: 'bedrock', model: 'm' })).toMatchObject({ code: 'PROVIDER_AUTH' });
  });

  it('treats unknown errors as a non-retryable PROVIDER_UNAVAILABLE', () => {
    expect(toProviderError(new Error('weird'), context)).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      retryable: false,
    });
  });
});

describe('isContextOverflowMessage', () => {
  it.each([
    ["This model's maximum context length is 8192 tokens", true],
    ['Error: context_length_exceeded', true],
    ['your messages resulted in 9000 tokens', true],
    ['Token limit reached for this request', true],
    ['prompt is too long: 210000 tokens > 200000 maximum', true],
    ['The context window was exceeded', true],
    ['too many input tokens', true],
    ['context deadline exceeded', false],
    ['rate limit exceeded', false],
    ['Invalid schema', false],
  ])('%j → %s', (message, expected) => {
    expect(isContextOverflowMessage(message)).toBe(expected);
  });
});

describe('redactSecrets', () => {
  it('removes configured secrets and common key shapes, and ignores very short secrets', () => {
    expect(redactSecrets('Bearer abcdefghijkl and AIzaSyA-1234567890abcdefghijk and abc', ['abc'])).toBe(
      '[redacted] and [redacted] and abc',
    );
  });
});
