/**
 * A model whose provider package is imported on its first call, so a process only loads the provider packages
 * its configuration uses (each costs 15–60 ms of start-up; see docs/performance.md).
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { LoadOnce } from '../util/load-once.js';

/** Options of {@link lazyLanguageModel}. */
export interface LazyLanguageModelOptions {
  /**
   * The `provider` the loaded model reports (e.g. `openai.chat`), returned until it is loaded; from then on the
   * loaded model's own value is returned.
   */
  readonly provider: string;
  readonly modelId: string;
  /** Imports the provider package and builds the model. Called once; called again after it rejected. */
  readonly load: () => Promise<LanguageModelV3>;
}

/**
 * A `LanguageModelV3` that builds the real model with `options.load` the first time `doStream`, `doGenerate` or
 * `supportedUrls` is used, then delegates every call to it. Creating it is synchronous and does no I/O. A failed
 * load (e.g. the package cannot be imported) rejects that call with the load error and is retried by the next
 * call. Signals are the loaded model's business (`abortSignal` is passed on unchanged).
 */
export function lazyLanguageModel(options: LazyLanguageModelOptions): LanguageModelV3 {
  const model = new LoadOnce(options.load);
  const load = (): Promise<LanguageModelV3> => model.load();
  return {
    specificationVersion: 'v3',
    get provider() {
      return model.value?.provider ?? options.provider;
    },
    modelId: options.modelId,
    // A getter, so the package is imported only when someone asks (the SDK asks only to download URLs).
    get supportedUrls() {
      return load().then((loaded) => loaded.supportedUrls);
    },
    doGenerate: (callOptions) =>
      model.value?.doGenerate(callOptions) ?? load().then((loaded) => loaded.doGenerate(callOptions)),
    doStream: (callOptions) =>
      model.value?.doStream(callOptions) ?? load().then((loaded) => loaded.doStream(callOptions)),
  };
}
