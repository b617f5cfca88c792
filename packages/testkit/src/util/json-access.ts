/**
 * Lenient readers for untrusted JSON (request bodies from any client). They never throw: a missing or
 * mistyped field reads as `undefined` / empty, which the normalisers turn into an honest view of what was sent.
 */

/** A JSON object as read from the wire. */
export type JsonRecord = Readonly<Record<string, unknown>>;

/** Whether `value` is a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is an object, else an empty object. */
export function asRecord(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** `value` when it is an array, else an empty array. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a string, else `undefined`. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `value` when it is a finite number, else `undefined`. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Joins the non-empty strings with `\n`; `undefined` when none is left. */
export function joinTexts(values: readonly (string | undefined)[]): string | undefined {
  const kept = values.filter((value): value is string => value !== undefined && value !== '');
  return kept.length === 0 ? undefined : kept.join('\n');
}
