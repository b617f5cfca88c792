import * as z from 'zod';

/** Vector store backends `[[vector_stores]].type` accepts. */
export const VECTOR_STORE_TYPES = ['in_memory', 'qdrant', 'bedrock_kb'] as const;

const openAiEmbedding = z
  .object({
    provider: z.literal('openai'),
    api_key: z.string().describe('Embedding API key. Must not be empty.'),
    model: z.string().describe('Embedding model, e.g. `text-embedding-3-small`.'),
    base_url: z.string().optional().describe('Any OpenAI-compatible embeddings endpoint.'),
  })
  .describe('OpenAI (or compatible) embeddings.');

const bedrockEmbedding = z
  .object({
    provider: z.literal('bedrock'),
    model: z.string().describe('Bedrock embedding model, e.g. `amazon.titan-embed-text-v2:0`.'),
    region: z.string().describe('AWS region. Must not be empty.'),
    profile: z.string().optional().describe('AWS profile name.'),
  })
  .describe('AWS Bedrock embeddings (AWS credential chain).');

/** `[vector_stores.embedding_model]`, tagged by `provider`. */
export const embeddingModelSchema = z
  .discriminatedUnion('provider', [openAiEmbedding, bedrockEmbedding])
  .describe('Embedding model, tagged by `provider`.');

const common = {
  name: z.string().describe('Store name; the search tool is `vector_search_<name>`.'),
  context_prefix: z.string().optional().describe('What the store contains (guides the model).'),
};

const inMemoryStore = z
  .object({ type: z.literal('in_memory'), ...common, embedding_model: embeddingModelSchema })
  .describe('In-process vector store.');

const qdrantStore = z
  .object({
    type: z.literal('qdrant'),
    ...common,
    url: z.string().describe('Qdrant gRPC URL, e.g. `http://localhost:6334`.'),
    collection_name: z.string().describe('Qdrant collection to search.'),
    embedding_model: embeddingModelSchema,
  })
  .describe('External Qdrant collection.');

const bedrockKbStore = z
  .object({
    type: z.literal('bedrock_kb'),
    ...common,
    knowledge_base_id: z.string().describe('Bedrock Knowledge Base id.'),
    region: z.string().describe('AWS region of the knowledge base.'),
    profile: z.string().optional().describe('AWS profile name.'),
    managed: z.boolean().default(false).describe('Whether the knowledge base is managed by Aura.'),
  })
  .describe('AWS Bedrock Knowledge Base (managed RAG; no embedding model).');

/** One `[[vector_stores]]` entry, tagged by `type`. */
export const vectorStoreSchema = z
  .discriminatedUnion('type', [inMemoryStore, qdrantStore, bedrockKbStore])
  .describe('A vector store for retrieval, tagged by `type`.');
