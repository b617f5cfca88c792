/**
 * `additional_params` plumbing shared by the providers: converting the TOML table to JSON, keeping the keys
 * Aura itself must own, and a `fetch` wrapper that rewrites the JSON request body the provider package built
 * (how `additional_params` reach the wire exactly as the reference sends them).
 */
import type { JSONObject, JSONValue } from '@ai-sdk/provider';
import { AuraError } from '@aura/events';
import { isJsonObject, type JsonObject, setOwn, tryParseJson } from '../util/json-value.js';

/** A request-body rewrite: receives the parsed JSON body, returns the body to send. */
export type RequestBodyTransform = (body: JsonObject) => JsonObject;

/**
 * `value` as JSON: plain objects, arrays, strings, finite numbers, booleans and `null` are kept, `undefined`
 * entries dropped, dates (TOML datetimes) become ISO strings, safe bigints numbers.
 * @throws AuraError `CONFIG_INVALID` naming `path` for anything else (functions, NaN, huge bigints, …).
 */
export function toJsonValue(value: unknown, path: string): JSONValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'bigint') {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
  } else if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.toISOString();
  } else if (Array.isArray(value)) {
    return value.map((item, index) => toJsonValue(item, `${path}[${index}]`));
  } else if (isJsonObject(value)) {
    return toJsonObject(value, path);
  }
  throw new AuraError('CONFIG_INVALID', `${path}: value ${String(value)} cannot be sent to a provider as JSON`, {
    data: { path },
  });
}

/**
 * A table (e.g. `additional_params`) as a JSON object; `undefined` gives `{}`. See {@link toJsonValue}.
 * @throws AuraError `CONFIG_INVALID` for values that are not JSON.
 */
export function toJsonObject(value: Readonly<Record<string, unknown>> | undefined, path: string): JSONObject {
  const result: JSONObject = {};
  for (const [key, item] of Object.entries(value ?? {})) {
    if (item !== undefined) setOwn(result, key, toJsonValue(item, `${path}.${key}`));
  }
  return result;
}

/** `value` when it is a JSON object (not an array, not `null`), else `undefined`. */
export function asJsonObject(value: JSONValue | undefined): JSONObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/**
 * Splits off the keys Aura must own (`reserved`, e.g. `messages`, `stream`, `tools`): they are dropped, with
 * one warning each naming `path`.
 */
export function withoutReservedKeys(
  params: JSONObject,
  reserved: readonly string[],
  path: string,
): { readonly params: JSONObject; readonly warnings: readonly string[] } {
  const kept: JSONObject = {};
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (reserved.includes(key)) warnings.push(`${path}.${key} is ignored: Aura builds this part of the request itself`);
    else setOwn(kept, key, value);
  }
  return { params: kept, warnings };
}

/** `base` with `extra`'s top-level keys added; `extra` wins on conflict (the reference's shallow merge). */
export function mergeTopLevel(base: JsonObject, extra: Readonly<JsonObject>): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(base)) setOwn(result, key, value);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) setOwn(result, key, value);
  return result;
}

/**
 * `snake_case` → `camelCase` for one key (`thinking_budget` → `thinkingBudget`); camelCase keys are unchanged.
 */
export function camelCaseKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * A `fetch` that applies `transform` to every request whose body is a JSON object string (what the AI SDK
 * provider packages send), and passes everything else through untouched. Uses `baseFetch`, else the global
 * `fetch` at call time.
 */
export function createBodyMergingFetch(
  baseFetch: typeof fetch | undefined,
  transform: RequestBodyTransform,
): typeof fetch {
  const merged = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const send = baseFetch ?? globalThis.fetch;
    const body = init?.body;
    if (typeof body === 'string' && body.trimStart().startsWith('{')) {
      const parsed = tryParseJson(body);
      if (parsed.ok && isJsonObject(parsed.value)) {
        return send(input, { ...init, body: JSON.stringify(transform(parsed.value)) });
      }
    }
    return send(input, init);
  };
  return merged as typeof fetch;
}
