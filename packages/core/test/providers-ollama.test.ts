import type { LlmConfig } from '@aura/config';
import { type MockProviderServer, startMockProvider, text, toolNames, turn, usage } from '@aura/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LlmLogger } from '../src/llm/llm-logger.js';
import { createLanguageModel } from '../src/llm/model-factory.js';
import { numCtxWarning } from '../src/llm/providers/ollama.js';
import { chatBody, runWeather, SYSTEM, toolTurn } from './providers-fixtures.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider();
});
afterEach(() => server.reset());
afterAll(() => server.close());

function spyLogger() {
  const warn = vi.fn<(message: string, data?: unknown) => void>();
  const logger: LlmLogger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
  return { logger, warn };
}

describe('ollama', () => {
  it('puts temperature, max_tokens and additional_params into options and lifts request-level flags', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel({
      provider: 'ollama',
      model: 'qwen3:8b',
      base_url: server.url, // the server root, as configured; /api is appended
      fallback_tool_parsing: false,
      temperature: 0.6,
      max_tokens: 256,
      additional_params: { num_ctx: 8192, think: true, keep_alive: '10m', mirostat: 2, top_k: 30 },
    });
    expect(resolved.callSettings).toEqual({});
    expect(resolved.warnings).toEqual([]);

    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(run.reasoningText).toBe('The user wants Paris weather.');
    expect(run.reasoningDeltas).toBeGreaterThan(1);
    expect(run.text).toBe('Let me check.');
    expect(run.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }]);
    expect(run.usage).toEqual({ inputTokens: 100, outputTokens: 40, totalTokens: 140 });

    const [request] = server.chatRequests;
    expect(request?.path).toBe('/api/chat');
    expect(request?.view).toMatchObject({ model: 'qwen3:8b', system: SYSTEM, maxTokens: 256, temperature: 0.6 });
    expect(toolNames(request ?? { view: undefined })).toEqual(['weather']);
    expect(request?.body).toMatchObject({
      think: true,
      keep_alive: '10m',
      options: { temperature: 0.6, num_predict: 256, num_ctx: 8192, mirostat: 2, top_k: 30 },
    });
    const options = chatBody(server).options;
    expect(options).not.toHaveProperty('think');
    expect(options).not.toHaveProperty('keep_alive');
  });

  it('lets additional_params.num_predict win over max_tokens and sends no think flag unless configured', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      {
        provider: 'ollama',
        model: 'llama3.2',
        base_url: 'http://unused.invalid',
        fallback_tool_parsing: false,
        max_tokens: 256,
        additional_params: { num_ctx: 4096, num_predict: 99, format: 'json' },
      },
      { endpointOverride: server.urls.ollama },
    );
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    const body = chatBody(server);
    expect(body).toMatchObject({ format: 'json', options: { num_predict: 99, num_ctx: 4096 } });
    expect(body).not.toHaveProperty('think');
  });

  it('warns once per model and process when num_ctx is not set', () => {
    const { logger, warn } = spyLogger();
    const config: LlmConfig = {
      provider: 'ollama',
      model: 'warn-once-model:7b',
      base_url: 'http://localhost:11434',
      fallback_tool_parsing: false,
    };
    const first = createLanguageModel(config, { logger });
    const second = createLanguageModel(config, { logger });
    expect(first.warnings).toEqual([numCtxWarning('warn-once-model:7b')]);
    expect(second.warnings).toEqual(first.warnings);
    expect(first.warnings[0]).toMatch(/num_ctx is not set.*truncates|drops the start/);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(numCtxWarning('warn-once-model:7b'), {
      provider: 'ollama',
      model: 'warn-once-model:7b',
    });
    createLanguageModel({ ...config, model: 'another-model:7b' }, { logger });
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('turns a tool call written as text into a real tool call with fallback_tool_parsing', async () => {
    server.enqueue(turn(text('{"name": "weather", "arguments": {"city": "Oslo", "unit": "celsius"}}'), usage(20, 9)));
    const resolved = createLanguageModel(
      {
        provider: 'ollama',
        model: 'llama3.2',
        base_url: 'http://localhost:11434',
        fallback_tool_parsing: true,
        additional_params: { num_ctx: 2048 },
      },
      { endpointOverride: server.url },
    );
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(run.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Oslo', unit: 'celsius' } }]);
    expect(run.finishReason).toBe('tool-calls');
  });
});
