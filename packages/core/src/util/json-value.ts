/**
 * Small helpers for walking untrusted JSON values (tool schemas, tool arguments, MCP results) without
 * `any`, and without letting a `"__proto__"` key rewrite an object's prototype.
 */

/** A JSON object as produced by `JSON.parse`: a non-null, non-array object with string keys. */
export type JsonObject = { [key: string]: unknown };

/** Whether `value` is a JSON object (not `null`, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own enumerable property, also for the key `"__proto__"` (plain assignment would change the
 * prototype instead of creating the key, silently losing data from untrusted input).
 */
export function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Deep copy of a JSON-like value: plain objects and arrays are copied, everything else is returned as is.
 * Key order is preserved. Does not detect cycles (JSON values have none).
 */
export function cloneJson<T>(value: T): T {
  return cloneUnknown(value) as T;
}

function cloneUnknown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneUnknown);
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const [key, child] of Object.entries(value)) setOwn(copy, key, cloneUnknown(child));
    return copy;
  }
  return value;
}

/** `JSON.parse` that reports failure as a value instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
