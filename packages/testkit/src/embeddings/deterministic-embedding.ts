/**
 * Deterministic, meaning-ish embeddings for tests: each word maps to a fixed pseudo-random vector (seeded by
 * a hash of the word), a text's embedding is the normalised sum of its words' vectors. Equal texts give equal
 * vectors and texts that share words are closer than texts that do not, so vector search tests are stable
 * and still rank sensibly.
 */

/** Default dimension of {@link deterministicEmbedding}. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 64;

/**
 * The unit-length embedding of `text`. Words are lower-cased runs of letters and digits; a text without any
 * word is embedded from its whole string.
 */
export function deterministicEmbedding(text: string, dimensions = DEFAULT_EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  for (const word of words) {
    const random = mulberry32(fnv1a(word));
    for (let index = 0; index < dimensions; index++) vector[index] = (vector[index] ?? 0) + random() * 2 - 1;
  }
  const length = Math.hypot(...vector);
  return length === 0 ? vector : vector.map((value) => value / length);
}

/** Cosine similarity of two equal-length vectors (0 when either is all zeros). */
export function cosineSimilarity(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (let index = 0; index < left.length; index++) {
    const a = left[index] ?? 0;
    const b = right[index] ?? 0;
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(value)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
