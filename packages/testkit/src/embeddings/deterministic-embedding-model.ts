/**
 * An in-process `EmbeddingModelV3` over {@link deterministicEmbedding}, the twin of the mock provider
 * server's `/v1/embeddings` route (same text → same vector in both).
 */
import type { EmbeddingModelV3 } from '@ai-sdk/provider';
import { DEFAULT_EMBEDDING_DIMENSIONS, deterministicEmbedding } from './deterministic-embedding.js';

/** Options of {@link createDeterministicEmbeddingModel}. */
export interface DeterministicEmbeddingModelOptions {
  /** Default 64. */
  readonly dimensions?: number;
  /** Default `deterministic-embedding`. */
  readonly modelId?: string;
}

/**
 * An embedding model for tests: deterministic vectors, usage = number of words. Honours `abortSignal`
 * (rejects with its reason when already aborted).
 */
export function createDeterministicEmbeddingModel(options: DeterministicEmbeddingModelOptions = {}): EmbeddingModelV3 {
  const dimensions = options.dimensions ?? DEFAULT_EMBEDDING_DIMENSIONS;
  return {
    specificationVersion: 'v3',
    provider: 'testkit',
    modelId: options.modelId ?? 'deterministic-embedding',
    maxEmbeddingsPerCall: 2048,
    supportsParallelCalls: true,
    async doEmbed({ values, abortSignal }) {
      abortSignal?.throwIfAborted();
      return {
        embeddings: values.map((value) => deterministicEmbedding(value, dimensions)),
        usage: { tokens: values.reduce((sum, value) => sum + countWords(value), 0) },
        warnings: [],
      };
    },
  };
}

/** Token count used for embedding usage: the number of words (at least 1 per non-empty text). */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return words === 0 && text !== '' ? 1 : words;
}
