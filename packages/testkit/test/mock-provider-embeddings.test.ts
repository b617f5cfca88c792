import { createOpenAI } from '@ai-sdk/openai';
import { embed, embedMany } from 'ai';
import { createOllama } from 'ollama-ai-provider-v2';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cosineSimilarity,
  createDeterministicEmbeddingModel,
  deterministicEmbedding,
  httpError,
  type MockProviderServer,
  startMockProvider,
  turn,
} from '../src/index.js';

let server: MockProviderServer;
beforeAll(async () => {
  server = await startMockProvider({ embeddingDimensions: 16 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const documents = ['disk usage is high on node-1', 'cpu load spiked at noon', 'memory leak in the api'];

describe('/v1/embeddings', () => {
  it('returns deterministic vectors the AI SDK can rank, and records the inputs', async () => {
    const model = createOpenAI({ baseURL: server.urls.openai, apiKey: 'k' }).embeddingModel('text-embedding-3-small');
    const { embeddings, usage } = await embedMany({ model, values: documents, maxRetries: 0 });
    expect(embeddings).toHaveLength(3);
    expect(embeddings[0]).toHaveLength(16);
    expect(embeddings[0]).toEqual(deterministicEmbedding(documents[0] ?? '', 16));
    expect(usage.tokens).toBeGreaterThan(0);
    const { embedding: query } = await embed({ model, value: 'high disk usage', maxRetries: 0 });
    const scores = embeddings.map((vector) => cosineSimilarity(query, vector));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
    expect(server.requests.map((request) => request.embeddingInputs)).toEqual([documents, ['high disk usage']]);
  });

  it('answers the official client in base64 and honours dimensions', async () => {
    const client = new OpenAI({ baseURL: server.urls.openai, apiKey: 'k', maxRetries: 0 });
    const response = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello world',
      dimensions: 8,
    });
    expect(server.lastRequest?.body).toMatchObject({ encoding_format: 'base64', dimensions: 8 });
    const vector = response.data[0]?.embedding ?? [];
    expect(vector).toHaveLength(8);
    for (const [index, value] of deterministicEmbedding('hello world', 8).entries()) {
      expect(vector[index]).toBeCloseTo(value, 5);
    }
  });

  it('serves Ollama /api/embed and the in-process twin gives the same vectors', async () => {
    const ollama = createOllama({ baseURL: server.urls.ollama });
    const { embedding } = await embed({
      model: ollama.textEmbeddingModel('nomic-embed-text'),
      value: 'same text',
      maxRetries: 0,
    });
    const local = await embed({ model: createDeterministicEmbeddingModel({ dimensions: 16 }), value: 'same text' });
    expect(embedding).toEqual(local.embedding);
    expect(server.lastRequest).toMatchObject({
      path: '/api/embed',
      kind: 'embeddings',
      embeddingInputs: ['same text'],
    });
  });

  it('injects faults queued for embeddings', async () => {
    server.enqueueEmbeddings(turn(httpError(429, { retryAfter: 3 })));
    const client = new OpenAI({ baseURL: server.urls.openai, apiKey: 'k', maxRetries: 0 });
    const error = await client.embeddings.create({ model: 'e', input: 'x' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((await client.embeddings.create({ model: 'e', input: 'x' })).data).toHaveLength(1);
  });
});
