import { type MockProviderServer, startMockProvider, toolResults } from '@aura/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel } from '../src/llm/model-factory.js';
import { ANTHROPIC_DEFAULT_MAX_TOKENS } from '../src/llm/providers/anthropic.js';
import { answerTurn, chatBody, runWeather, SYSTEM, toolTurn } from './providers-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('anthropic', () => {
  it('maps additional_params.thinking to extended thinking and keeps the signed block across tool turns', async () => {
    server.enqueue(toolTurn, answerTurn);
    const resolved = createLanguageModel(
      {
        provider: 'anthropic',
        api_key: 'sk-ant-test-key-000000',
        model: 'claude-sonnet-4-5',
        temperature: 0.7,
        additional_params: {
          thinking: { type: 'enabled', budget_tokens: 2048 },
          metadata: { user_id: 'u-1' },
          service_tier: 'auto',
        },
      },
      { endpointOverride: server.urls.anthropic },
    );
    expect(resolved.providerOptions).toEqual({ anthropic: { thinking: { type: 'enabled', budgetTokens: 2048 } } });
    expect(resolved.callSettings).toEqual({ temperature: 0.7, maxOutputTokens: ANTHROPIC_DEFAULT_MAX_TOKENS });

    const run = await runWeather(resolved, { steps: 2 });
    expect(run.errors).toEqual([]);
    expect(run.steps).toBe(2);
    expect(run.reasoningText).toBe('The user wants Paris weather.');
    expect(run.reasoningDeltas).toBeGreaterThan(1);
    expect(run.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }]);
    expect(run.text).toBe('It is sunny in Paris today.'); // the final step's text
    // Summed over the run: 100+150 in (30 cache reads), 40+10 out (12 of them thinking).
    expect(run.usage).toEqual({
      inputTokens: 250,
      outputTokens: 50,
      totalTokens: 300,
      cacheReadTokens: 30,
      cacheWriteTokens: 0,
      reasoningTokens: 12,
    });

    const [first, second] = server.chatRequests;
    expect(first?.headers['x-api-key']).toBe('sk-ant-test-key-000000');
    expect(first?.body).toMatchObject({
      model: 'claude-sonnet-4-5',
      system: [expect.objectContaining({ text: SYSTEM })],
      thinking: { type: 'enabled', budget_tokens: 2048 },
      // The answer budget plus the thinking budget, as the API requires budget_tokens < max_tokens.
      max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS + 2048,
      metadata: { user_id: 'u-1' },
      service_tier: 'auto',
    });
    // The API rejects temperature together with extended thinking, so it is dropped.
    expect(first?.body).not.toHaveProperty('temperature');
    // The signed thinking block travels back with the tool result.
    const messages = chatBody(server, 1).messages as { role: string; content: unknown }[];
    const assistant = messages.find((message) => message.role === 'assistant');
    expect(assistant?.content).toEqual(
      expect.arrayContaining([
        { type: 'thinking', thinking: 'The user wants Paris weather.', signature: 'sig-123' },
        expect.objectContaining({ type: 'tool_use', name: 'weather' }),
      ]),
    );
    expect(toolResults(second ?? { view: undefined })).toEqual([
      expect.objectContaining({ name: 'weather', content: expect.stringContaining('sunny') }),
    ]);
  });

  it('sends a default max_tokens and temperature without thinking, and accepts a reference-style base_url', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel({
      provider: 'anthropic',
      api_key: 'k',
      model: 'claude-3-5-haiku-latest',
      temperature: 0.2,
      base_url: server.url, // the API root, as the reference takes it; /v1 is appended
    });
    expect(resolved.providerOptions).toEqual({});
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(run.toolCalls).toHaveLength(1);
    const [request] = server.chatRequests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.body).toMatchObject({ max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS, temperature: 0.2 });
    expect(request?.body).not.toHaveProperty('thinking');
  });

  it('honours an explicit max_tokens, adaptive thinking, and passes an unknown thinking shape through', async () => {
    const adaptive = createLanguageModel({
      provider: 'anthropic',
      api_key: 'k',
      model: 'claude-opus-4-6',
      max_tokens: 16_000,
      additional_params: { thinking: { type: 'adaptive' } },
    });
    expect(adaptive.callSettings).toEqual({ maxOutputTokens: 16_000 });
    expect(adaptive.providerOptions).toEqual({ anthropic: { thinking: { type: 'adaptive' } } });

    server.enqueue(toolTurn);
    const odd = createLanguageModel(
      { provider: 'anthropic', api_key: 'k', model: 'claude-sonnet-4-5', additional_params: { thinking: 'on' } },
      { endpointOverride: server.urls.anthropic },
    );
    expect(odd.providerOptions).toEqual({});
    expect(odd.warnings).toEqual([expect.stringContaining('additional_params.thinking has an unrecognised shape')]);
    await runWeather(odd);
    expect(server.chatRequests[0]?.body).toMatchObject({ thinking: 'on' });
  });
});
