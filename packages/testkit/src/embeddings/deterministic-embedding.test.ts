import { describe, expect, it } from 'vitest';
import { cosineSimilarity, deterministicEmbedding } from './deterministic-embedding.js';
import { countWords, createDeterministicEmbeddingModel } from './deterministic-embedding-model.js';

describe('deterministicEmbedding', () => {
  it('is stable, unit-length and sized as asked', () => {
    const vector = deterministicEmbedding('Disk usage high', 32);
    expect(vector).toHaveLength(32);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    expect(deterministicEmbedding('disk USAGE, high!', 32)).toEqual(vector);
  });

  it('puts texts that share words closer than texts that do not', () => {
    const query = deterministicEmbedding('disk usage');
    const related = cosineSimilarity(query, deterministicEmbedding('disk usage on node-1 is high'));
    const unrelated = cosineSimilarity(query, deterministicEmbedding('cpu load spiked'));
    expect(related).toBeGreaterThan(unrelated);
    expect(cosineSimilarity(query, query)).toBeCloseTo(1, 10);
  });

  it('backs an EmbeddingModelV3 that counts words as tokens and honours abort', async () => {
    const model = createDeterministicEmbeddingModel({ dimensions: 8 });
    const result = await model.doEmbed({ values: ['a b', 'c'] });
    expect(result.embeddings).toEqual([deterministicEmbedding('a b', 8), deterministicEmbedding('c', 8)]);
    expect(result.usage).toEqual({ tokens: 3 });
    expect(countWords('...')).toBe(1);
    await expect(model.doEmbed({ values: ['x'], abortSignal: AbortSignal.abort(new Error('stop')) })).rejects.toThrow(
      'stop',
    );
  });
});
