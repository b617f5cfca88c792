import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText } from 'ai';
import OpenAI from 'openai';
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

describe('@ai-sdk/openai (.chat) against the mock server', () => {
  it('streams text deltas, a tool call, usage and finish reasons, and records what it sent', async () => {
    server.enqueue(toolTurn, answerTurn);
    const model = createOpenAI({ baseURL: server.urls.openai, apiKey: 'sk-test' }).chat('gpt-4o-mini');
    const run = await runWeatherLoop(model);

    expect(run.errors).toEqual([]);
    expect(run.text).toBe('It is sunny in Paris today.');
    expect(run.textDeltas.slice(-6)).toEqual(['It ', 'is ', 'sunny ', 'in ', 'Paris ', 'today.']);
    const [first, second] = run.steps;
    expect(first?.text).toBe('Let me check.');
    expect(first?.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }),
    ]);
    expect(run.toolInputDeltas).toBeGreaterThan(1);
    expect(first?.finishReason).toBe('tool-calls');
    expect(first?.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 40,
      inputTokenDetails: { cacheReadTokens: 30 },
      outputTokenDetails: { reasoningTokens: 12 },
    });
    expect(second?.finishReason).toBe('stop');

    const [firstRequest, secondRequest] = server.chatRequests;
    if (firstRequest === undefined || secondRequest === undefined) throw new Error('expected two requests');
    expect(firstRequest).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      provider: 'openai',
      completed: true,
    });
    expect(firstRequest.headers.authorization).toBe('Bearer sk-test');
    expect(firstRequest.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(systemPrompt(firstRequest)).toBe(SYSTEM);
    expect(toolNames(firstRequest)).toEqual(['weather']);
    expect(firstRequest.view?.messages.at(-1)).toMatchObject({ role: 'user', text: QUESTION });
    expect(toolResults(secondRequest)).toEqual([
      expect.objectContaining({ name: 'weather', content: expect.stringContaining('sunny') }),
    ]);
  });

  it('answers generateText with a chat.completion object', async () => {
    server.enqueue(turn(text('Hello there.'), toolCall('weather', { city: 'Oslo', unit: 'celsius' }), usage(12, 7)));
    const model = createOpenAI({ baseURL: server.urls.openai, apiKey: 'sk-test' }).chat('gpt-4o-mini');
    const result = await generateText({ model, prompt: 'hi', tools: { weather }, maxRetries: 0 });
    expect(result.text).toBe('Hello there.');
    expect(result.toolCalls).toEqual([
      expect.objectContaining({ toolName: 'weather', input: { city: 'Oslo', unit: 'celsius' } }),
    ]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.usage).toMatchObject({ inputTokens: 12, outputTokens: 7 });
    expect(server.lastRequest?.body).toMatchObject({ model: 'gpt-4o-mini' });
    expect(server.lastRequest?.view?.stream).toBe(false);
  });
});

describe('@ai-sdk/openai-compatible against the mock server', () => {
  it('streams reasoning_content as reasoning, plus text, tool calls and usage', async () => {
    server.enqueue(toolTurn, answerTurn);
    const provider = createOpenAICompatible({
      name: 'local',
      baseURL: server.urls.openai,
      apiKey: 'k',
      includeUsage: true,
    });
    const run = await runWeatherLoop(provider.chatModel('qwen3'));
    expect(run.errors).toEqual([]);
    expect(run.steps[0]?.reasoningText).toBe('The user wants Paris weather.');
    expect(run.reasoningDeltas.length).toBeGreaterThan(1);
    expect(run.steps[0]?.toolCalls[0]).toMatchObject({
      toolName: 'weather',
      input: { city: 'Paris', unit: 'celsius' },
    });
    expect(run.steps[0]?.usage).toMatchObject({
      inputTokens: 100,
      outputTokens: 40,
      inputTokenDetails: { cacheReadTokens: 30 },
      outputTokenDetails: { reasoningTokens: 12 },
    });
    expect(run.text).toBe('It is sunny in Paris today.');
    expect(server.chatRequests[0]?.body).toMatchObject({ stream_options: { include_usage: true } });
  });
});

describe('@openrouter/ai-sdk-provider against the mock server', () => {
  it('streams reasoning (reasoning + reasoning_details), tool calls and usage under its own base path', async () => {
    server.enqueue(toolTurn, answerTurn);
    const openrouter = createOpenRouter({ baseURL: server.urls.openrouter, apiKey: 'or-key' });
    const run = await runWeatherLoop(openrouter.chat('anthropic/claude-sonnet-4'));
    expect(run.errors).toEqual([]);
    expect(run.steps[0]?.reasoningText).toBe('The user wants Paris weather.');
    expect(run.steps[0]?.toolCalls[0]).toMatchObject({
      toolName: 'weather',
      input: { city: 'Paris', unit: 'celsius' },
    });
    expect(run.steps[0]?.finishReason).toBe('tool-calls');
    expect(run.steps[0]?.usage).toMatchObject({ inputTokens: 100, outputTokens: 40 });
    expect(run.text).toBe('It is sunny in Paris today.');
    const request = server.chatRequests[0];
    expect(request).toMatchObject({ path: '/openrouter/api/v1/chat/completions', provider: 'openrouter' });
    expect(request?.headers.authorization).toBe('Bearer or-key');
  });
});

describe('the official openai client against the mock server', () => {
  it('streams tool-call deltas, reasoning_content and a usage chunk', async () => {
    server.enqueue(
      turn(
        reasoning('thinking hard'),
        toolCall('weather', { city: 'Rome', unit: 'celsius' }, { id: 'call_rome' }),
        usage(50, 20, { reasoningTokens: 5 }),
      ),
    );
    const client = new OpenAI({ baseURL: server.urls.openai, apiKey: 'sk-official', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather in Rome?' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let argumentsText = '';
    let reasoningText = '';
    let finishReason: string | null = null;
    let usageSeen: OpenAI.CompletionUsage | undefined;
    const ids: string[] = [];
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      for (const call of choice?.delta.tool_calls ?? []) {
        if (call.id) ids.push(call.id);
        argumentsText += call.function?.arguments ?? '';
      }
      const delta = choice?.delta as { reasoning_content?: string } | undefined;
      reasoningText += delta?.reasoning_content ?? '';
      finishReason = choice?.finish_reason ?? finishReason;
      if (chunk.usage) usageSeen = chunk.usage;
    }
    expect(ids).toEqual(['call_rome']);
    expect(JSON.parse(argumentsText)).toEqual({ city: 'Rome', unit: 'celsius' });
    expect(reasoningText).toBe('thinking hard');
    expect(finishReason).toBe('tool_calls');
    expect(usageSeen).toMatchObject({
      prompt_tokens: 50,
      completion_tokens: 20,
      total_tokens: 70,
      completion_tokens_details: { reasoning_tokens: 5 },
    });
  });

  it('gets a non-streaming completion', async () => {
    server.enqueue(turn(text('pong'), usage(3, 1)));
    const client = new OpenAI({ baseURL: server.urls.openai, apiKey: 'sk-official', maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'ping' }],
    });
    expect(completion.choices[0]?.message.content).toBe('pong');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBe(4);
  });
});
