/**
 * `LanguageModelV3Middleware` application without the `ai` package: the same contract as the AI SDK's
 * `wrapLanguageModel` for one middleware, so the runtime never has to load `ai` (about 30 ms of start-up) just to
 * wrap its models.
 */
import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Middleware } from '@ai-sdk/provider';

/**
 * `model` with `middleware` applied, as `wrapLanguageModel({ model, middleware })` does: `overrideProvider`,
 * `overrideModelId` and `overrideSupportedUrls` replace the model's properties; each call's options go through
 * `transformParams` (with `type` `generate` or `stream`), then through `wrapGenerate` / `wrapStream`, whose
 * `doGenerate` / `doStream` call the model with the transformed options. Whatever the middleware or the model
 * throws propagates unchanged; signals are the middleware's and the model's business (`params.abortSignal`).
 */
export function withMiddleware(model: LanguageModelV3, middleware: LanguageModelV3Middleware): LanguageModelV3 {
  const { transformParams, wrapGenerate, wrapStream } = middleware;
  const transform = async (
    params: LanguageModelV3CallOptions,
    type: 'generate' | 'stream',
  ): Promise<LanguageModelV3CallOptions> =>
    transformParams === undefined ? params : await transformParams({ params, type, model });
  return {
    specificationVersion: 'v3',
    provider: middleware.overrideProvider?.({ model }) ?? model.provider,
    modelId: middleware.overrideModelId?.({ model }) ?? model.modelId,
    // A getter: reading a lazily loaded model's `supportedUrls` imports its package.
    get supportedUrls() {
      return middleware.overrideSupportedUrls?.({ model }) ?? model.supportedUrls;
    },
    async doGenerate(options) {
      const params = await transform(options, 'generate');
      const doGenerate = async () => model.doGenerate(params);
      const doStream = async () => model.doStream(params);
      return wrapGenerate === undefined ? doGenerate() : wrapGenerate({ doGenerate, doStream, params, model });
    },
    async doStream(options) {
      const params = await transform(options, 'stream');
      const doGenerate = async () => model.doGenerate(params);
      const doStream = async () => model.doStream(params);
      return wrapStream === undefined ? doStream() : wrapStream({ doGenerate, doStream, params, model });
    },
  };
}
