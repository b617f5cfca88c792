/**
 * Builds wire payloads whose JSON key order is fixed by the spec (byte-compat tests compare frames), and
 * whose optional fields are omitted when absent (never `null`, never `undefined`).
 */
import type { NamedEvent } from './aura-event-names.js';

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type RequiredKeys<T> = Exclude<keyof T, OptionalKeys<T>>;

/**
 * The input accepted by a payload constructor: the payload type itself, except that optional fields may
 * also be given as `undefined` (they are then dropped). This lets callers write `{ trace_id: maybeTrace }`
 * under `exactOptionalPropertyTypes`.
 */
export type PayloadInput<T> = { [K in RequiredKeys<T>]: T[K] } & { [K in OptionalKeys<T>]?: T[K] | undefined };

type ExhaustiveKeys<P, K extends readonly PropertyKey[]> = [Exclude<keyof P, K[number]>] extends [never]
  ? unknown
  : { readonly missingKeys: Exclude<keyof P, K[number]> };

/**
 * Declares the wire key order of payload type `P`. The compiler rejects a list that misses a key of `P`
 * (the error names `missingKeys`), so adding a field to a payload type forces its order to be decided.
 */
export function keyOrder<P>() {
  return <const K extends readonly (keyof P & string)[]>(keys: K & ExhaustiveKeys<P, K>): K => keys;
}

/** Options of {@link orderedPayload}. */
export interface OrderedPayloadOptions<P = unknown> {
  /** Keys also dropped when their value is `''` or an empty array (the spec's "omitted when empty"). */
  readonly omitEmpty?: readonly (keyof P & string)[];
}

/**
 * Copies `input` into a new object with keys in `keys` order, dropping `undefined` values (and, for the
 * `omitEmpty` keys, empty strings and arrays). Keys of `input` not listed in `keys` are not copied.
 */
export function orderedPayload<P>(
  input: PayloadInput<P>,
  keys: readonly (keyof P & string)[],
  options: OrderedPayloadOptions<P> = {},
): P {
  return pickInOrder(input, keys, options.omitEmpty ?? []) as P;
}

function pickInOrder(input: object, keys: readonly string[], omitEmpty: readonly string[]): Record<string, unknown> {
  const source = input as Readonly<Record<string, unknown>>;
  const output: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (value === undefined) continue;
    if (omitEmpty.includes(key) && (value === '' || (Array.isArray(value) && value.length === 0))) continue;
    output[key] = value;
  }
  return output;
}

/**
 * Declares the constructor of one named wire event with payload `P`: `name` is the SSE event name, `keys`
 * the exhaustive payload key order (checked like {@link keyOrder}). The constructor returns
 * `{ event: name, data }` with `data` built by {@link orderedPayload}.
 */
export function wireEventConstructor<P>() {
  return <const N extends string, const K extends readonly (keyof P & string)[]>(
    name: N,
    keys: K & ExhaustiveKeys<P, K>,
    options: OrderedPayloadOptions<P> = {},
  ) =>
    (data: PayloadInput<P>): NamedEvent<N, P> => ({ event: name, data: orderedPayload(data, keys, options) });
}

/**
 * Returns a shallow copy of `input` without its `undefined`-valued keys, keeping the remaining key order.
 * Used by the runtime-event constructors, whose key order does not matter on the wire.
 */
export function withoutUndefined<T extends object>(input: T): T {
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) output[key] = value;
  }
  return output as T;
}
