import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  disconnectAfter,
  hang,
  httpError,
  type MockProviderServer,
  noUsage,
  rateLimited,
  slowChunks,
  slowFirstToken,
  startMockProvider,
  streamError,
  text,
  toolCall,
  turn,
} from '../src/index.js';
import './provider-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const openai = () => createOpenAI({ baseURL: server.urls.openai, apiKey: 'sk-test' }).chat('gpt-4o-mini');
const anthropic = () => createAnthropic({ baseURL: server.urls.anthropic, apiKey: 'k' })('claude-sonnet-4-5');
const officialClient = () => new OpenAI({ baseURL: server.urls.openai, apiKey: 'sk-test', maxRetries: 0 });

async function collect(stream: AsyncIterable<{ type: string }>) {
  const parts: { type: string; [key: string]: unknown }[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('HTTP error faults', () => {
  it('sends 429 with Retry-After and an OpenAI-shaped body the client surfaces', async () => {
    server.enqueue(turn(rateLimited({ retryAfter: 30, message: 'Too many requests, slow down' })));
    const error = await generateText({ model: openai(), prompt: 'hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    if (!APICallError.isInstance(error)) return;
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders?.['retry-after']).toBe('30');
    expect(error.message).toBe('Too many requests, slow down');
    expect(JSON.parse(error.responseBody ?? '')).toEqual({
      error: { message: 'Too many requests, slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
    expect(server.lastRequest).toMatchObject({ status: 429, completed: true, aborted: false });
  });

  it('formats a Date Retry-After as an HTTP date and shapes errors per provider', async () => {
    const when = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
    server.enqueue(turn(httpError(529, { message: 'Overloaded', retryAfter: when })));
    const error = await generateText({ model: anthropic(), prompt: 'hi', maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    );
    if (!APICallError.isInstance(error)) throw new Error('expected an APICallError');
    expect(error.statusCode).toBe(529);
    expect(error.responseHeaders?.['retry-after']).toBe('Wed, 02 Jan 2030 03:04:05 GMT');
    expect(JSON.parse(error.responseBody ?? '')).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('lets the official client read the status and Retry-After header', async () => {
    server.enqueue(turn(rateLimited({ retryAfter: 12 })));
    const error = await officialClient()
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    if (!(error instanceof OpenAI.RateLimitError)) return;
    expect(error.status).toBe(429);
    expect(error.headers.get('retry-after')).toBe('12');
  });

  it('is retried by the AI SDK honouring retry-after, and the retry succeeds', async () => {
    server.enqueue(turn(httpError(503, { retryAfter: 0 })), turn(text('back online')));
    const result = await generateText({ model: openai(), prompt: 'hi', maxRetries: 2 });
    expect(result.text).toBe('back online');
    expect(server.chatRequests.map((request) => request.status)).toEqual([503, 200]);
  });

  it('answers a clear 500 when nothing was scripted, and 404 for unknown routes', async () => {
    const error = await officialClient()
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'unscripted question' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(String(error)).toMatch(/nothing scripted for POST \/v1\/chat\/completions.*unscripted question/);

    const response = await fetch(`${server.url}/v1/responses`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: 'mock provider: no route for POST /v1/responses', type: 'not_found' },
    });
    expect(server.lastRequest).toMatchObject({ kind: 'unknown', path: '/v1/responses' });
  });
});

describe('stream faults', () => {
  it('drops the connection after N chunks: the client errors after the chunks it got', async () => {
    server.enqueue(turn(text('one two three four five six'), disconnectAfter(3)));
    const result = streamText({ model: openai(), prompt: 'count', maxRetries: 0 });
    const deltas: unknown[] = [];
    const failure = await (async () => {
      for await (const part of result.fullStream) if (part.type === 'text-delta') deltas.push(part.text);
    })().catch((error: unknown) => error);
    // chunk 1 is the role chunk, chunks 2-3 carry "one " and "two "; then the socket is destroyed, which the
    // AI SDK reports by throwing from the stream (undici's "terminated" wrapped in an APICallError).
    expect(deltas).toEqual(['one ', 'two ']);
    expect(APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ cause: { message: 'terminated' } });
    expect(server.lastRequest).toMatchObject({ dropped: true, aborted: false, completed: false, status: 200 });

    server.enqueue(turn(text('a b c'), disconnectAfter(2)));
    const stream = await officialClient().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const consume = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(consume()).rejects.toThrow();
  });

  it('sends an in-band provider error mid-stream', async () => {
    server.enqueue(
      turn(text('partial answer here'), streamError('Overloaded', { afterChunks: 3, errorType: 'overloaded_error' })),
    );
    const result = streamText({ model: anthropic(), prompt: 'hi', maxRetries: 0, onError: () => {} });
    const parts = await collect(result.fullStream);
    const error = parts.find((part) => part.type === 'error');
    expect(error?.error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(server.lastRequest).toMatchObject({ completed: true, status: 200 });
  });

  it('delays the first token, then streams slow chunks', async () => {
    server.enqueue(turn(text('a b c'), slowFirstToken(150), slowChunks(30)));
    const started = performance.now();
    const result = streamText({ model: openai(), prompt: 'hi', maxRetries: 0 });
    const arrivals: number[] = [];
    for await (const part of result.fullStream)
      if (part.type === 'text-delta') arrivals.push(performance.now() - started);
    expect(arrivals).toHaveLength(3);
    expect(arrivals[0]).toBeGreaterThanOrEqual(140);
    expect((arrivals[2] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(50);
  });

  it('omits usage when asked (a usage-less final chunk)', async () => {
    server.enqueue(turn(text('no usage'), noUsage()));
    const result = streamText({ model: openai(), prompt: 'hi', maxRetries: 0 });
    expect(await result.text).toBe('no usage');
    expect((await result.usage).inputTokens).toBeUndefined();
    expect(server.lastRequest?.body).toMatchObject({ stream_options: { include_usage: true } });
  });

  it('passes malformed tool arguments through verbatim', async () => {
    server.enqueue(turn(toolCall('weather', '{"city": "Par', { id: 'call_bad' })));
    const stream = await officialClient().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let argumentsText = '';
    for await (const chunk of stream)
      argumentsText += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    expect(argumentsText).toBe('{"city": "Par');
  });
});

describe('client aborts', () => {
  it('records a hanging request as aborted when the client gives up', async () => {
    server.enqueue(turn(hang()));
    const controller = new AbortController();
    const result = streamText({ model: openai(), prompt: 'hello?', abortSignal: controller.signal, maxRetries: 0 });
    const parts = collect(result.fullStream);
    await server.waitForRequests(1);
    expect(server.abortCount).toBe(0);
    controller.abort();
    const [aborted] = await server.waitForAborts(1);
    expect(aborted).toMatchObject({ aborted: true, completed: false, status: undefined, path: '/v1/chat/completions' });
    expect((await parts).at(-1)?.type).toBe('abort');
  });

  it('notices an abort in the middle of a stream', async () => {
    server.enqueue(turn(text('one two three four five six seven eight'), slowChunks(25)));
    const controller = new AbortController();
    const result = streamText({ model: anthropic(), prompt: 'count', abortSignal: controller.signal, maxRetries: 0 });
    for await (const part of result.fullStream) if (part.type === 'text-delta') controller.abort();
    const [aborted] = await server.waitForAborts(1);
    expect(aborted).toMatchObject({ aborted: true, completed: false, status: 200 });
  });

  it('times out waiting with a coded error', async () => {
    await expect(server.waitForAborts(1, { timeoutMs: 20 })).rejects.toMatchObject({ code: 'RUN_TIMEOUT' });
  });
});
