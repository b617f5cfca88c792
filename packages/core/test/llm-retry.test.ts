import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LlmConfig } from '@aura/config';
import { AuraError } from '@aura/events';
import {
  disconnectAfter,
  httpError,
  type MockProviderServer,
  rateLimited,
  startMockProvider,
  streamError,
  text,
  turn,
} from '@aura/testkit';
import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CreateLanguageModelOptions, createLanguageModel } from '../src/llm/model-factory.js';
import type { RetryEvent } from '../src/llm/retry.js';
import './providers-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const OPENAI_HOST: LlmConfig = { provider: 'openai', api_key: 'sk-secret-test-key-123456', model: 'gpt-4o-mini' };
// A non-OpenAI base_url selects Aura's own Chat Completions client (the endpoint override then points it at the mock).
const OPENAI_COMPATIBLE: LlmConfig = { ...OPENAI_HOST, base_url: 'http://vllm.invalid/v1' };
// Every test below runs against both OpenAI clients; `OPENAI` is the one of the suite running.
let OPENAI: LlmConfig = OPENAI_HOST;
const ANTHROPIC: LlmConfig = { provider: 'anthropic', api_key: 'ant-key', model: 'claude-sonnet-4-5' };

/** Builds against the mock with jitter switched off and tiny backoff; collects retry events. */
function build(llm: LlmConfig = OPENAI, retry: Exclude<CreateLanguageModelOptions['retry'], false> = {}) {
  const retries: RetryEvent[] = [];
  const endpoint = llm.provider === 'anthropic' ? server.urls.anthropic : server.urls.openai;
  const resolved = createLanguageModel(llm, {
    endpointOverride: endpoint,
    retry: { baseDelayMs: 5, random: () => 0, onRetry: (event) => retries.push(event), ...retry },
  });
  return { resolved, retries };
}

/** Streams a prompt and reports the text, the error (error part or thrown), and whether it ended in `abort`. */
async function stream(resolved: ReturnType<typeof build>['resolved'], abortSignal?: AbortSignal) {
  const result = streamText({
    model: resolved.model,
    prompt: 'hi',
    maxRetries: 0,
    onError: () => {},
    ...(abortSignal === undefined ? {} : { abortSignal }),
  });
  let output = '';
  let error: unknown;
  const types: string[] = [];
  try {
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'text-delta') output += part.text;
      if (part.type === 'error') error = part.error;
    }
  } catch (thrown) {
    error = thrown;
  }
  return { text: output, error, types };
}

function providerError(error: unknown): AuraError<Record<string, unknown>> {
  if (!AuraError.isInstance(error)) throw new Error(`expected an AuraError, got ${String(error)}`);
  return error as AuraError<Record<string, unknown>>;
}

for (const [client, config] of [
  ['@ai-sdk/openai', OPENAI_HOST],
  ["Aura's Chat Completions client", OPENAI_COMPATIBLE],
] as const) {
  describe(client, () => {
    beforeAll(() => {
      OPENAI = config;
    });

    describe('retries before output', () => {
      it('honours Retry-After in seconds: one retry after about one second', async () => {
        server.enqueue(turn(rateLimited({ retryAfter: 1 })), turn(text('after the wait')));
        const { resolved, retries } = build();
        const run = await stream(resolved);
        expect(run.error).toBeUndefined();
        expect(run.text).toBe('after the wait');
        expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 1000 })]);
        expect(retries[0]?.error).toMatchObject({
          code: 'PROVIDER_RATE_LIMITED',
          data: { retryAfterMs: 1000, status: 429 },
        });
        const [first, second] = server.chatRequests;
        expect(server.chatRequests.map((request) => request.status)).toEqual([429, 200]);
        const gap = (second?.receivedAt.getTime() ?? 0) - (first?.receivedAt.getTime() ?? 0);
        expect(gap).toBeGreaterThanOrEqual(990);
        expect(gap).toBeLessThan(1800);
      });

      it('honours Retry-After as an HTTP date and retry-after-ms', async () => {
        const when = new Date(Date.now() + 1500);
        server.enqueue(
          turn(httpError(503, { retryAfter: when })),
          turn(httpError(429, { retryAfterMs: 40 })),
          turn('ok'),
        );
        const { resolved, retries } = build();
        const run = await stream(resolved);
        expect(run.text).toBe('ok');
        expect(retries.map((event) => event.error.code)).toEqual(['PROVIDER_UNAVAILABLE', 'PROVIDER_RATE_LIMITED']);
        // HTTP dates have one-second resolution: the wait ends at the named second, at most 1.5 s from now.
        expect(retries[0]?.delayMs).toBeGreaterThan(0);
        expect(retries[0]?.delayMs).toBeLessThanOrEqual(1500);
        expect(retries[1]?.delayMs).toBe(40);
        const [first, second] = server.chatRequests;
        expect((second?.receivedAt.getTime() ?? 0) - (first?.receivedAt.getTime() ?? 0)).toBeGreaterThanOrEqual(
          (retries[0]?.delayMs ?? 0) - 10,
        );
      });

      it('retries a 503 with backoff and succeeds', async () => {
        server.enqueue(turn(httpError(503)), turn(text('back online')));
        const { resolved, retries } = build();
        const run = await stream(resolved);
        expect(run.text).toBe('back online');
        expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 3 })]); // (5 · 2⁰) with no jitter = 5/2
        expect(server.chatRequests.map((request) => request.status)).toEqual([503, 200]);
      });

      it('retries an overloaded Anthropic answer (529) and an in-band overloaded_error before any output', async () => {
        server.enqueue(
          turn(httpError(529, { message: 'Overloaded' })),
          turn(text('never shown'), streamError('Overloaded', { afterChunks: 0, errorType: 'overloaded_error' })),
          turn(text('finally')),
        );
        const { resolved, retries } = build(ANTHROPIC);
        const run = await stream(resolved);
        expect(run.error).toBeUndefined();
        expect(run.text).toBe('finally');
        expect(retries.map((event) => [event.error.code, event.error.data?.providerCode])).toEqual([
          ['PROVIDER_RATE_LIMITED', 'overloaded_error'],
          ['PROVIDER_RATE_LIMITED', 'overloaded_error'],
        ]);
        expect(retries[1]?.error.data?.attempts).toBe(2);
        expect(server.chatRequests).toHaveLength(3);
      });

      it('retries transparently when the stream drops before its first content part', async () => {
        server.enqueue(turn(text('lost words'), disconnectAfter(1)), turn(text('second try')));
        const { resolved, retries } = build();
        const run = await stream(resolved);
        expect(run.error).toBeUndefined();
        expect(run.text).toBe('second try');
        expect(run.types.filter((type) => type === 'text-start')).toHaveLength(1);
        expect(retries).toEqual([
          expect.objectContaining({ error: expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE' }) }),
        ]);
        expect(server.chatRequests.map((request) => request.dropped)).toEqual([true, false]);
      });

      it('retries the non-streaming path too', async () => {
        server.enqueue(turn(httpError(500)), turn(text('generated')));
        const { resolved, retries } = build();
        const result = await generateText({ model: resolved.model, prompt: 'hi', maxRetries: 0 });
        expect(result.text).toBe('generated');
        expect(retries).toHaveLength(1);
      });

      it('gives up after maxRetries with the last error and the attempt count', async () => {
        server.enqueue(turn(httpError(502)), turn(httpError(502)), turn(httpError(502)), turn('unused'));
        const { resolved } = build(OPENAI, { maxRetries: 2 });
        const run = await stream(resolved);
        expect(providerError(run.error)).toMatchObject({
          code: 'PROVIDER_UNAVAILABLE',
          retryable: true,
          data: { provider: 'openai', model: 'gpt-4o-mini', status: 502, attempts: 3 },
        });
        expect(server.chatRequests).toHaveLength(3);
        expect(server.pendingTurns).toBe(1);
      });

      it('retries a refused connection as PROVIDER_UNAVAILABLE', async () => {
        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const { port } = closed.address() as AddressInfo;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        const retries: RetryEvent[] = [];
        const resolved = createLanguageModel(OPENAI, {
          endpointOverride: `http://127.0.0.1:${port}/v1`,
          retry: { maxRetries: 1, baseDelayMs: 1, onRetry: (event) => retries.push(event) },
        });
        const run = await stream(resolved);
        expect(providerError(run.error)).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
        expect(providerError(run.error).message).toMatch(/^openai\/gpt-4o-mini: cannot reach the provider/);
        expect(retries).toHaveLength(1);
      });
    });

    describe('failures that are not retried', () => {
      it('401 → PROVIDER_AUTH at once, without the API key in the message', async () => {
        server.enqueue(
          turn(httpError(401, { message: 'Incorrect API key provided: sk-secret-test-key-123456' })),
          turn('x'),
        );
        const { resolved, retries } = build();
        const run = await stream(resolved);
        const error = providerError(run.error);
        expect(error).toMatchObject({ code: 'PROVIDER_AUTH', retryable: false, data: { status: 401 } });
        expect(error.message).toBe(
          'openai/gpt-4o-mini: authentication failed; check the API key or credentials (HTTP 401)',
        );
        expect(JSON.stringify(error.data)).not.toContain('sk-secret-test-key-123456');
        expect(error.data?.providerMessage).toBe('Incorrect API key provided: [redacted]');
        expect(retries).toEqual([]);
        expect(server.chatRequests).toHaveLength(1);
      });

      it.each([
        [
          'openai',
          OPENAI,
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 130512 tokens.",
        ],
        ['anthropic', ANTHROPIC, 'prompt is too long: 210000 tokens > 200000 maximum'],
      ] as const)('a %s context overflow → PROVIDER_CONTEXT_OVERFLOW', async (_name, llm, message) => {
        server.enqueue(turn(httpError(400, { message })), turn('x'));
        const { resolved, retries } = build(llm);
        const run = await stream(resolved);
        const error = providerError(run.error);
        expect(error).toMatchObject({ code: 'PROVIDER_CONTEXT_OVERFLOW', retryable: false, data: { status: 400 } });
        expect(error.data?.providerMessage).toBe(message);
        expect(retries).toEqual([]);
      });

      it('retry: false makes one attempt but still maps the failure', async () => {
        server.enqueue(turn(httpError(503)), turn('unused'));
        const resolved = createLanguageModel(OPENAI, { endpointOverride: server.urls.openai, retry: false });
        const run = await stream(resolved);
        expect(providerError(run.error)).toMatchObject({
          code: 'PROVIDER_UNAVAILABLE',
          data: { status: 503, attempts: 1 },
        });
        expect(server.chatRequests).toHaveLength(1);
      });

      it('a plain 400 → PROVIDER_BAD_REQUEST', async () => {
        server.enqueue(turn(httpError(400, { message: "Invalid schema for function 'weather'" })));
        const run = await stream(build().resolved);
        expect(providerError(run.error)).toMatchObject({ code: 'PROVIDER_BAD_REQUEST', retryable: false });
        expect(providerError(run.error).message).toContain("Invalid schema for function 'weather'");
      });

      it('a disconnect after output started → PROVIDER_STREAM_FAILED, and the mock saw exactly one request', async () => {
        server.enqueue(turn(text('one two three four five six'), disconnectAfter(3)), turn('never requested'));
        const { resolved, retries } = build();
        const run = await stream(resolved);
        expect(run.text).toBe('one two ');
        const error = providerError(run.error);
        expect(error).toMatchObject({ code: 'PROVIDER_STREAM_FAILED', retryable: false });
        expect(error.message).toMatch(/after output had started.*terminated/);
        expect(retries).toEqual([]);
        expect(server.chatRequests).toHaveLength(1);
        expect(server.pendingTurns).toBe(1);
      });

      it('an in-band error after output started → an error part with PROVIDER_STREAM_FAILED', async () => {
        server.enqueue(
          turn(
            text('partial answer here'),
            streamError('Overloaded', { afterChunks: 3, errorType: 'overloaded_error' }),
          ),
        );
        const { resolved, retries } = build(ANTHROPIC);
        const run = await stream(resolved);
        expect(run.types).toContain('error');
        expect(providerError(run.error)).toMatchObject({
          code: 'PROVIDER_STREAM_FAILED',
          data: { providerCode: 'overloaded_error', providerMessage: 'Overloaded' },
        });
        expect(retries).toEqual([]);
        expect(server.chatRequests).toHaveLength(1);
      });

      it('a Retry-After above the ceiling fails at once with PROVIDER_RATE_LIMITED and retryAfterMs', async () => {
        server.enqueue(turn(rateLimited({ retryAfter: 120 })), turn('x'));
        const { resolved, retries } = build();
        const started = performance.now();
        const run = await stream(resolved);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(providerError(run.error)).toMatchObject({
          code: 'PROVIDER_RATE_LIMITED',
          retryable: true,
          data: { retryAfterMs: 120_000, status: 429 },
        });
        expect(retries).toEqual([]);
        expect(server.chatRequests).toHaveLength(1);
      });
    });

    describe('aborts', () => {
      it('an abort during the backoff wait ends the call promptly and makes no further request', async () => {
        server.enqueue(turn(rateLimited({ retryAfter: 20 })), turn('never requested'));
        const controller = new AbortController();
        let waiting: () => void = () => {};
        const retryScheduled = new Promise<void>((resolve) => {
          waiting = resolve;
        });
        const resolved = createLanguageModel(OPENAI, {
          endpointOverride: server.urls.openai,
          retry: { onRetry: () => waiting() },
        });
        const run = stream(resolved, controller.signal);
        await retryScheduled;
        const abortedAt = performance.now();
        controller.abort();
        const outcome = await run;
        expect(performance.now() - abortedAt).toBeLessThan(500);
        expect(outcome.types.at(-1)).toBe('abort');
        expect(server.chatRequests).toHaveLength(1);
        expect(server.pendingTurns).toBe(1);
      });

      it('rejects the model call itself with RUN_ABORTED (or the signal’s AuraError reason)', async () => {
        server.enqueue(turn(rateLimited({ retryAfter: 20 })), turn(rateLimited({ retryAfter: 20 })));
        const { resolved } = build();
        const controller = new AbortController();
        const call = resolved.model.doStream({ prompt: [], abortSignal: controller.signal });
        await server.waitForRequests(1);
        controller.abort();
        await expect(call).rejects.toMatchObject({ code: 'RUN_ABORTED' });

        const timeout = new AbortController();
        const timed = resolved.model.doGenerate({ prompt: [], abortSignal: timeout.signal });
        await server.waitForRequests(2);
        timeout.abort(new AuraError('RUN_TIMEOUT', 'first-chunk timeout'));
        await expect(timed).rejects.toMatchObject({ code: 'RUN_TIMEOUT', message: 'first-chunk timeout' });
        expect(server.chatRequests).toHaveLength(2);
      });
    });
  });
}
