import { randomBytes as cryptoRandomBytes } from 'node:crypto';

/** Options for {@link createUuidV7Generator}. */
export interface UuidV7GeneratorOptions {
  /** Clock in Unix milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /** Source of random bytes. Default `node:crypto` `randomBytes`. */
  readonly randomBytes?: (size: number) => Uint8Array;
}

/** A UUID v7 generator whose ids never go backwards in lexicographic order. */
export type UuidV7Generator = () => string;

const MAX_COUNTER = 0xfff;
/** New milliseconds seed the counter below this, leaving room for increments inside the same millisecond. */
const COUNTER_SEED_LIMIT = 0x800;
const CANONICAL_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Creates a UUID version 7 generator (RFC 9562 §5.7): 48-bit big-endian Unix-millisecond timestamp, version
 * `7`, a 12-bit `rand_a` used as a monotonic counter (RFC 9562 §6.2 method 1, seeded randomly each new
 * millisecond), variant `10`, and 62 random bits. Ids come out lowercase and hyphenated, and each id is
 * lexicographically greater than the previous one from the same generator — also when the clock stands still
 * or goes backwards (the last timestamp is reused, and a counter overflow advances it by 1 ms).
 */
export function createUuidV7Generator(options: UuidV7GeneratorOptions = {}): UuidV7Generator {
  const now = options.now ?? Date.now;
  const random = options.randomBytes ?? cryptoRandomBytes;
  let lastMs = -1;
  let counter = 0;
  return () => {
    const bytes = random(10);
    const clock = Math.max(0, Math.floor(now()));
    if (clock > lastMs) {
      lastMs = clock;
      counter = (((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0)) % COUNTER_SEED_LIMIT;
    } else if (counter < MAX_COUNTER) {
      counter += 1;
    } else {
      lastMs += 1;
      counter = 0;
    }
    return formatUuidV7(lastMs, counter, bytes.subarray(2, 10));
  };
}

// A process-wide generator so that run ids created by different requests stay ordered within a millisecond;
// it holds only the last timestamp and counter (no registry of ids).
const defaultGenerator = createUuidV7Generator();

/** A new UUID v7 from the process-wide monotonic generator (see {@link createUuidV7Generator}). */
export function uuidV7(): string {
  return defaultGenerator();
}

/** Whether `text` is a canonical lowercase, hyphenated UUID v7 with the RFC 9562 variant. */
export function isUuidV7(text: string): boolean {
  return CANONICAL_V7.test(text);
}

/** The Unix-millisecond timestamp embedded in a UUID v7, or `undefined` when `text` is not one. */
export function uuidV7Timestamp(text: string): number | undefined {
  if (!isUuidV7(text)) return undefined;
  return Number.parseInt(text.slice(0, 8) + text.slice(9, 13), 16);
}

function formatUuidV7(timestampMs: number, counter: number, random: Uint8Array): string {
  const bytes = new Uint8Array(16);
  let remaining = timestampMs;
  for (let index = 5; index >= 0; index -= 1) {
    bytes[index] = remaining % 256;
    remaining = Math.floor(remaining / 256);
  }
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((random[0] ?? 0) & 0x3f);
  for (let index = 1; index < 8; index += 1) bytes[8 + index] = random[index] ?? 0;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
