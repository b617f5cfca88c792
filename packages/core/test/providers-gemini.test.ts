import { type MockProviderServer, startMockProvider, toolNames } from '@aura/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLanguageModel } from '../src/llm/model-factory.js';
import { chatBody, runWeather, SYSTEM, toolTurn } from './providers-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const safetySettings = [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }];

describe('gemini', () => {
  it('streams thoughts, a function call and usage, and applies max_tokens and additional_params', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel({
      provider: 'gemini',
      api_key: 'g-key',
      model: 'gemini-2.5-flash',
      base_url: server.url, // the API root, as the reference takes it; /v1beta is appended
      max_tokens: 300,
      temperature: 0.4,
      additional_params: {
        generation_config: { thinking_config: { thinking_budget: 1024, include_thoughts: true } },
        top_k: 40,
        safety_settings: safetySettings,
      },
    });
    expect(resolved.callSettings).toEqual({ temperature: 0.4, maxOutputTokens: 300 });
    expect(resolved.providerOptions).toEqual({
      google: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
    });

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
    expect(request?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent');
    expect(request?.headers['x-goog-api-key']).toBe('g-key');
    expect(request?.view).toMatchObject({ system: SYSTEM, maxTokens: 300, temperature: 0.4 });
    expect(toolNames(request ?? { view: undefined })).toEqual(['weather']);
    expect(request?.body).toMatchObject({
      generationConfig: {
        maxOutputTokens: 300,
        temperature: 0.4,
        topK: 40,
        thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      },
      safetySettings,
    });
  });

  it('keeps a thinking_config the SDK would reject in generationConfig, and ignores reserved keys', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      {
        provider: 'gemini',
        api_key: 'g-key',
        model: 'gemini-3-pro',
        additional_params: {
          thinking_config: { thinking_level: 'ultra' },
          contents: [],
          responseMimeType: 'text/plain',
        },
      },
      { endpointOverride: server.urls.gemini },
    );
    expect(resolved.providerOptions).toEqual({});
    expect(resolved.warnings).toEqual([expect.stringContaining('additional_params.contents is ignored')]);
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    const body = chatBody(server);
    expect(body.generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: 'ultra' },
      responseMimeType: 'text/plain',
    });
    expect(body.contents).toEqual([expect.objectContaining({ role: 'user' })]);
  });
});
