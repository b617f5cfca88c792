import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type MockProviderServer,
  reasoning,
  startMockProvider,
  systemPrompt,
  text,
  toolCall,
  toolNames,
  toolResults,
  turn,
  usage,
} from '../src/index.js';
import { answerTurn, QUESTION, runWeatherLoop, SYSTEM, toolTurn, weather } from './provider-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('@ai-sdk/anthropic against the mock server', () => {
  it('streams thinking with its signature, text, input_json_delta tool calls and cache usage', async () => {
    server.enqueue(toolTurn, answerTurn);
    const model = createAnthropic({ baseURL: server.urls.anthropic, apiKey: 'ant-key' })('claude-sonnet-4-5');
    const run = await runWeatherLoop(model);

    expect(run.errors).toEqual([]);
    const [first, second] = run.steps;
    expect(first?.reasoning).toEqual([
      expect.objectContaining({
        text: 'The user wants Paris weather.',
        providerMetadata: { anthropic: expect.objectContaining({ signature: 'sig-123' }) },
      }),
    ]);
    expect(run.reasoningDeltas.length).toBeGreaterThan(1);
    expect(first?.text).toBe('Let me check.');
    expect(first?.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }),
    ]);
    expect(run.toolInputDeltas).toBeGreaterThan(1);
    expect(first?.finishReason).toBe('tool-calls');
    expect(first?.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 40,
      inputTokenDetails: { noCacheTokens: 70, cacheReadTokens: 30, cacheWriteTokens: 0 },
      outputTokenDetails: { reasoningTokens: 12 },
    });
    expect(second?.finishReason).toBe('stop');
    expect(run.textDeltas.slice(-6)).toEqual(['It ', 'is ', 'sunny ', 'in ', 'Paris ', 'today.']);

    const [firstRequest, secondRequest] = server.chatRequests;
    if (firstRequest === undefined || secondRequest === undefined) throw new Error('expected two requests');
    expect(firstRequest).toMatchObject({ path: '/v1/messages', provider: 'anthropic' });
    expect(firstRequest.headers['x-api-key']).toBe('ant-key');
    expect(firstRequest.body).toMatchObject({ model: 'claude-sonnet-4-5', stream: true });
    expect(systemPrompt(firstRequest)).toBe(SYSTEM);
    expect(toolNames(firstRequest)).toEqual(['weather']);
    expect(firstRequest.view?.messages).toEqual([expect.objectContaining({ role: 'user', text: QUESTION })]);
    // The thinking block travels back with its signature, and the tool result is matched to its call.
    const assistant = secondRequest.view?.messages.find((message) => message.role === 'assistant');
    expect(assistant?.reasoning).toBe('The user wants Paris weather.');
    expect(JSON.stringify(secondRequest.body)).toContain('sig-123');
    expect(toolResults(secondRequest)).toEqual([
      expect.objectContaining({ name: 'weather', content: expect.stringContaining('sunny'), isError: false }),
    ]);
  });

  it('answers generateText with a message object', async () => {
    server.enqueue(
      turn(
        reasoning('hm', { signature: 's1' }),
        text('Hi!'),
        toolCall('weather', { city: 'Bern', unit: 'celsius' }),
        usage(9, 4),
      ),
    );
    const model = createAnthropic({ baseURL: server.urls.anthropic, apiKey: 'ant-key' })('claude-sonnet-4-5');
    const result = await generateText({ model, prompt: 'hi', tools: { weather }, maxRetries: 0 });
    expect(result.text).toBe('Hi!');
    expect(result.reasoningText).toBe('hm');
    expect(result.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Bern', unit: 'celsius' } }),
    ]);
    expect(result.usage).toMatchObject({ inputTokens: 9, outputTokens: 4 });
    expect(server.lastRequest?.view?.stream).toBe(false);
  });
});

describe('@ai-sdk/google against the mock server', () => {
  it('streams thought parts as reasoning, text, a functionCall and usageMetadata over alt=sse', async () => {
    server.enqueue(toolTurn, answerTurn);
    const google = createGoogleGenerativeAI({ baseURL: server.urls.gemini, apiKey: 'g-key' });
    const run = await runWeatherLoop(google('gemini-2.5-flash'));

    expect(run.errors).toEqual([]);
    const [first, second] = run.steps;
    expect(first?.reasoningText).toBe('The user wants Paris weather.');
    expect(first?.text).toBe('Let me check.');
    expect(first?.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }),
    ]);
    expect(first?.finishReason).toBe('tool-calls');
    expect(first?.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 40,
      inputTokenDetails: { cacheReadTokens: 30 },
      outputTokenDetails: { reasoningTokens: 12, textTokens: 28 },
    });
    expect(second?.finishReason).toBe('stop');
    expect(run.text).toBe('It is sunny in Paris today.');

    const [firstRequest, secondRequest] = server.chatRequests;
    if (firstRequest === undefined || secondRequest === undefined) throw new Error('expected two requests');
    expect(firstRequest).toMatchObject({
      path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      query: { alt: 'sse' },
      provider: 'gemini',
    });
    expect(firstRequest.headers['x-goog-api-key']).toBe('g-key');
    expect(firstRequest.view).toMatchObject({ model: 'gemini-2.5-flash', stream: true, system: SYSTEM });
    expect(toolNames(firstRequest)).toEqual(['weather']);
    expect(toolResults(secondRequest)).toEqual([
      expect.objectContaining({ name: 'weather', content: expect.stringContaining('sunny') }),
    ]);
  });

  it('answers generateText via :generateContent', async () => {
    server.enqueue(turn(text('Bonjour.'), usage(5, 2)));
    const google = createGoogleGenerativeAI({ baseURL: server.urls.gemini, apiKey: 'g-key' });
    const result = await generateText({ model: google('gemini-2.5-pro'), prompt: 'salut', maxRetries: 0 });
    expect(result.text).toBe('Bonjour.');
    expect(result.usage).toMatchObject({ inputTokens: 5, outputTokens: 2 });
    expect(server.lastRequest?.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
  });
});
