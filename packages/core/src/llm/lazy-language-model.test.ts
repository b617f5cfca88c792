import type { LanguageModelV3, LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import { lazyLanguageModel } from './lazy-language-model.js';
import { withMiddleware } from './with-middleware.js';

const call: LanguageModelV3CallOptions = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

function realModel(): LanguageModelV3 {
  return {
    specificationVersion: 'v3',
    provider: 'real.chat',
    modelId: 'm',
    supportedUrls: { 'image/*': [/^https:/] },
    doGenerate: vi.fn(() => Promise.reject(new Error('generate called'))),
    doStream: vi.fn(async () => ({ stream: new ReadableStream({ start: (controller) => controller.close() }) })),
  };
}

describe('lazyLanguageModel', () => {
  it('loads nothing until the first call, loads once for concurrent calls, then delegates', async () => {
    const model = realModel();
    const load = vi.fn(async () => model);
    const lazy = lazyLanguageModel({ provider: 'real.chat', modelId: 'm', load });
    // Wrapping it (as the runtime does with its retry middleware) must not load it either.
    const wrapped = withMiddleware(lazy, {
      specificationVersion: 'v3',
      transformParams: async ({ params }) => ({ ...params, temperature: 0.5 }),
    });
    expect(load).not.toHaveBeenCalled();
    expect(wrapped.provider).toBe('real.chat');
    expect(wrapped.modelId).toBe('m');
    await Promise.all([wrapped.doStream(call), wrapped.doStream(call)]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(model.doStream).toHaveBeenCalledTimes(2);
    expect(model.doStream).toHaveBeenLastCalledWith({ ...call, temperature: 0.5 });
    await lazy.doStream(call);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(lazy.doGenerate(call)).rejects.toThrow('generate called');
    expect(await lazy.supportedUrls).toEqual({ 'image/*': [/^https:/] });
  });

  it('a failed load fails that call and is retried by the next one', async () => {
    const model = realModel();
    const load = vi
      .fn<() => Promise<LanguageModelV3>>()
      .mockRejectedValueOnce(new Error("Cannot find package '@ai-sdk/openai'"))
      .mockResolvedValue(model);
    const lazy = lazyLanguageModel({ provider: 'real.chat', modelId: 'm', load });
    await expect(lazy.doStream(call)).rejects.toThrow("Cannot find package '@ai-sdk/openai'");
    await lazy.doStream(call);
    expect(load).toHaveBeenCalledTimes(2);
    expect(model.doStream).toHaveBeenCalledTimes(1);
  });

  it('reports the loaded model’s provider once loaded', async () => {
    const model = { ...realModel(), provider: 'openai.chat' };
    const lazy = lazyLanguageModel({ provider: 'guess.chat', modelId: 'm', load: async () => model });
    expect(lazy.provider).toBe('guess.chat');
    await lazy.doStream(call);
    expect(lazy.provider).toBe('openai.chat');
  });
});
