/**
 * Embeddings on the wire: OpenAI-style `POST /v1/embeddings` (float arrays, or base64 little-endian float32
 * when `encoding_format: 'base64'`, which the official `openai` client asks for) and Ollama's
 * `POST /api/embed`. Vectors come from {@link deterministicEmbedding}.
 */
import { deterministicEmbedding } from '../embeddings/deterministic-embedding.js';
import { countWords } from '../embeddings/deterministic-embedding-model.js';
import { asArray, asNumber, asRecord, asString } from '../util/json-access.js';
import type { WireErrorResponse } from './chat-wire.js';

/** Which embeddings API a request used. */
export type EmbeddingFormat = 'openai' | 'ollama';

/** A parsed embeddings request. */
export interface EmbeddingRequest {
  readonly model: string;
  /** The inputs as text (token-id arrays are JSON-encoded). */
  readonly inputs: readonly string[];
  readonly dimensions: number | undefined;
  readonly base64: boolean;
}

/** Reads an embeddings request body. */
export function parseEmbeddingRequest(body: unknown): EmbeddingRequest {
  const request = asRecord(body);
  const input = request.input;
  const items = Array.isArray(input) && input.every((item) => typeof item === 'number') ? [input] : asArray(input);
  const inputs = typeof input === 'string' ? [input] : items.map((item) => asString(item) ?? JSON.stringify(item));
  const dimensions = asNumber(request.dimensions);
  return {
    model: asString(request.model) ?? '',
    inputs,
    dimensions: dimensions !== undefined && Number.isInteger(dimensions) && dimensions > 0 ? dimensions : undefined,
    base64: request.encoding_format === 'base64',
  };
}

/** The response body for `request` in `format`. */
export function embeddingResponse(
  request: EmbeddingRequest,
  format: EmbeddingFormat,
  defaultDimensions: number,
): unknown {
  const dimensions = request.dimensions ?? defaultDimensions;
  const vectors = request.inputs.map((input) => deterministicEmbedding(input, dimensions));
  const tokens = request.inputs.reduce((sum, input) => sum + countWords(input), 0);
  if (format === 'ollama') {
    return {
      model: request.model,
      embeddings: vectors,
      total_duration: 1_000,
      load_duration: 1_000,
      prompt_eval_count: tokens,
    };
  }
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: request.base64 ? toBase64(vector) : vector,
    })),
    model: request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** An error response in the embeddings API's shape. */
export function embeddingErrorResponse(format: EmbeddingFormat, status: number, message: string): WireErrorResponse {
  return format === 'ollama'
    ? { body: { error: message } }
    : { body: { error: { message, type: status === 429 ? 'requests' : 'server_error', param: null, code: null } } };
}

function toBase64(vector: readonly number[]): string {
  const floats = new Float32Array(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}
