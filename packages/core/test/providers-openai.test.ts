import type { LlmConfig } from '@aura/config';
import { type MockProviderServer, startMockProvider, systemPrompt, toolNames } from '@aura/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel } from '../src/llm/model-factory.js';
import { QUESTION, runWeather, SYSTEM, toolTurn } from './providers-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('openai (Chat Completions)', () => {
  const config: LlmConfig = {
    provider: 'openai',
    api_key: 'sk-test-openai-key',
    model: 'gpt-4o-mini',
    temperature: 0.3,
    max_tokens: 512,
    reasoning_effort: 'low',
    context_window: 128_000,
    additional_params: { reasoning_effort: 'high', seed: 7, messages: 'not mine' },
  };

  it('streams text and a tool call with usage, and sends the knobs in the Chat Completions body', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(config, { endpointOverride: server.urls.openai });
    expect(resolved).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4o-mini',
      label: 'openai/gpt-4o-mini',
      callSettings: { temperature: 0.3, maxOutputTokens: 512 },
      providerOptions: {},
      contextWindow: 128_000,
    });
    expect(resolved.warnings).toEqual([expect.stringContaining('additional_params.messages is ignored')]);

    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(run.text).toBe('Let me check.');
    expect(run.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }]);
    expect(run.finishReason).toBe('tool-calls');
    expect(run.usage).toEqual({
      inputTokens: 100,
      outputTokens: 40,
      totalTokens: 140,
      cacheReadTokens: 30,
      reasoningTokens: 12,
    });

    const [request] = server.chatRequests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test-openai-key');
    // additional_params' top-level keys win over reasoning_effort (the reference's shallow merge).
    expect(request?.body).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      temperature: 0.3,
      max_tokens: 512,
      reasoning_effort: 'high',
      seed: 7,
    });
    expect(request?.view?.messages).toEqual([expect.objectContaining({ role: 'user', text: QUESTION })]);
    expect(systemPrompt(request ?? { view: undefined })).toBe(SYSTEM);
    expect(toolNames(request ?? { view: undefined })).toEqual(['weather']);
  });

  it('sends reasoning_effort alone when additional_params is unset', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      { provider: 'openai', api_key: 'k', model: 'gpt-4o', reasoning_effort: 'minimal' },
      { endpointOverride: server.urls.openai },
    );
    await runWeather(resolved);
    const body = server.chatRequests[0]?.body;
    expect(body).toMatchObject({ reasoning_effort: 'minimal' });
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('temperature');
  });
});

describe('openai with base_url (any OpenAI-compatible server)', () => {
  it('streams reasoning_content as reasoning and merges vLLM-style params into the body', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel({
      provider: 'openai',
      api_key: 'local-key',
      model: 'qwen3-32b',
      base_url: server.urls.openai,
      max_tokens: 1024,
      reasoning_effort: 'medium',
      additional_params: { top_k: 20, chat_template_kwargs: { enable_thinking: true } },
    });
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(run.reasoningText).toBe('The user wants Paris weather.');
    expect(run.reasoningDeltas).toBeGreaterThan(1);
    expect(run.text).toBe('Let me check.');
    expect(run.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }]);
    expect(run.usage).toEqual({
      inputTokens: 100,
      outputTokens: 40,
      totalTokens: 140,
      cacheReadTokens: 30,
      reasoningTokens: 12,
    });
    expect(server.chatRequests[0]?.headers.authorization).toBe('Bearer local-key');
    expect(server.chatRequests[0]?.body).toMatchObject({
      model: 'qwen3-32b',
      max_tokens: 1024,
      reasoning_effort: 'medium',
      top_k: 20,
      chat_template_kwargs: { enable_thinking: true },
      stream_options: { include_usage: true },
    });
  });
});

describe('openrouter', () => {
  it('streams reasoning, a tool call and usage, and sends additional_params as extra body', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      {
        provider: 'openrouter',
        api_key: 'or-key',
        model: 'anthropic/claude-sonnet-4',
        max_tokens: 2048,
        temperature: 0.5,
        additional_params: { reasoning: { effort: 'high' }, provider: { order: ['anthropic'] } },
      },
      { endpointOverride: server.urls.openrouter },
    );
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(run.reasoningText).toBe('The user wants Paris weather.');
    expect(run.text).toBe('Let me check.');
    expect(run.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }]);
    expect(run.usage).toEqual({
      inputTokens: 100,
      outputTokens: 40,
      totalTokens: 140,
      cacheReadTokens: 30,
      reasoningTokens: 12,
    });

    const [request] = server.chatRequests;
    expect(request?.path).toBe('/openrouter/api/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer or-key');
    expect(request?.body).toMatchObject({
      model: 'anthropic/claude-sonnet-4',
      max_tokens: 2048,
      temperature: 0.5,
      reasoning: { effort: 'high' },
      provider: { order: ['anthropic'] },
      usage: { include: true },
      stream_options: { include_usage: true },
    });
  });
});
