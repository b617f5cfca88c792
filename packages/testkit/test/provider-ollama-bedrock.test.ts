import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
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
import { answerTurn, runWeatherLoop, SYSTEM, toolTurn, weather } from './provider-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('ollama-ai-provider-v2 against the mock server', () => {
  it('streams NDJSON thinking, text, a whole tool call and eval counts', async () => {
    server.enqueue(toolTurn, answerTurn);
    const ollama = createOllama({ baseURL: server.urls.ollama });
    const run = await runWeatherLoop(ollama('qwen3:8b'));

    expect(run.errors).toEqual([]);
    const [first, second] = run.steps;
    expect(first?.reasoningText).toBe('The user wants Paris weather.');
    expect(run.reasoningDeltas.length).toBeGreaterThan(1);
    expect(first?.text).toBe('Let me check.');
    expect(first?.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }),
    ]);
    expect(first?.finishReason).toBe('tool-calls');
    expect(first?.usage).toMatchObject({ inputTokens: 100, outputTokens: 40 });
    expect(second?.finishReason).toBe('stop');
    expect(run.text).toBe('It is sunny in Paris today.');

    const [firstRequest, secondRequest] = server.chatRequests;
    if (firstRequest === undefined || secondRequest === undefined) throw new Error('expected two requests');
    expect(firstRequest).toMatchObject({ path: '/api/chat', provider: 'ollama' });
    expect(firstRequest.view).toMatchObject({ model: 'qwen3:8b', stream: true });
    expect(systemPrompt(firstRequest)).toBe(SYSTEM);
    expect(toolNames(firstRequest)).toEqual(['weather']);
    expect(toolResults(secondRequest)).toEqual([
      expect.objectContaining({ name: 'weather', content: expect.stringContaining('sunny') }),
    ]);
  });

  it('answers a non-streaming chat', async () => {
    server.enqueue(turn(reasoning('hmm'), text('Hallo.'), usage(6, 3)));
    const ollama = createOllama({ baseURL: server.urls.ollama });
    const result = await generateText({ model: ollama('llama3.2'), prompt: 'hi', maxRetries: 0 });
    expect(result.text).toBe('Hallo.');
    expect(result.reasoningText).toBe('hmm');
    expect(result.usage).toMatchObject({ inputTokens: 6, outputTokens: 3 });
    expect(server.lastRequest?.body).toMatchObject({ stream: false });
  });
});

describe('@ai-sdk/amazon-bedrock against the mock server', () => {
  const bedrock = () =>
    createAmazonBedrock({
      baseURL: server.urls.bedrock,
      region: 'us-east-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    });

  it('streams binary event-stream frames: reasoningContent, text, toolUse and cache usage', async () => {
    server.enqueue(toolTurn, answerTurn);
    const run = await runWeatherLoop(bedrock()('anthropic.claude-3-7-sonnet-20250219-v1:0'));

    expect(run.errors).toEqual([]);
    const [first, second] = run.steps;
    expect(first?.reasoning).toEqual([
      expect.objectContaining({
        text: 'The user wants Paris weather.',
        providerMetadata: { bedrock: expect.objectContaining({ signature: 'sig-123' }) },
      }),
    ]);
    expect(first?.text).toBe('Let me check.');
    expect(first?.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }),
    ]);
    expect(run.toolInputDeltas).toBeGreaterThan(1);
    expect(first?.finishReason).toBe('tool-calls');
    expect(first?.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 40,
      inputTokenDetails: { noCacheTokens: 70, cacheReadTokens: 30 },
    });
    expect(second?.finishReason).toBe('stop');
    expect(run.text).toBe('It is sunny in Paris today.');

    const [firstRequest, secondRequest] = server.chatRequests;
    if (firstRequest === undefined || secondRequest === undefined) throw new Error('expected two requests');
    expect(firstRequest.path).toBe('/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream');
    expect(firstRequest.view).toMatchObject({
      provider: 'bedrock',
      model: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      stream: true,
      system: SYSTEM,
    });
    expect(firstRequest.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(toolNames(firstRequest)).toEqual(['weather']);
    expect(toolResults(secondRequest)).toEqual([
      expect.objectContaining({ name: 'weather', content: expect.stringContaining('sunny') }),
    ]);
  });

  it('answers Converse (non-streaming) JSON', async () => {
    server.enqueue(turn(text('Howdy.'), toolCall('weather', { city: 'Austin', unit: 'fahrenheit' }), usage(8, 5)));
    const result = await generateText({
      model: bedrock()('amazon.nova-pro-v1:0'),
      prompt: 'hi',
      tools: { weather },
      maxRetries: 0,
    });
    expect(result.text).toBe('Howdy.');
    expect(result.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Austin', unit: 'fahrenheit' } }),
    ]);
    expect(result.usage).toMatchObject({ inputTokens: 8, outputTokens: 5 });
    expect(server.lastRequest?.path).toBe('/model/amazon.nova-pro-v1%3A0/converse');
  });
});
