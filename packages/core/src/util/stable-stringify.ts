import { AuraError } from '@aura/events';
import { isJsonObject } from './json-value.js';

/** Options for {@link stableStringify}. */
export interface StableStringifyOptions {
  /** Pretty-print like serde_json `to_string_pretty`: 2-space indent, `"key": value`. Default `false` (compact). */
  readonly pretty?: boolean;
}

/**
 * `JSON.stringify` with object keys sorted recursively in ascending UTF-8 byte order, the order the
 * reference emits for every JSON object it constructs (core-spec §0). Output is byte-identical to
 * serde_json for the same value (except float formatting such as `1.0`, which JavaScript cannot keep).
 *
 * Follows `JSON.stringify` rules for non-JSON values: `toJSON()` is honoured; `undefined`, functions and
 * symbols are dropped from objects and become `null` in arrays (and at the top level); non-finite numbers
 * become `null`. Integer-like keys are sorted as strings too (`"10"` before `"9"`), unlike plain objects.
 *
 * @throws AuraError `INTERNAL` for a cyclic structure or a `bigint` (not representable in JSON).
 */
export function stableStringify(value: unknown, options: StableStringifyOptions = {}): string {
  return write(value, options.pretty === true ? '\n' : '', new Set()) ?? 'null';
}

/** Compares two strings by Unicode code point, which equals UTF-8 byte order. */
export function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const a = left.codePointAt(index) ?? 0;
    const b = right.codePointAt(index) ?? 0;
    if (a !== b) return a - b;
    if (a > 0xffff) index += 1;
  }
  return left.length - right.length;
}

/** Returns `undefined` for values that JSON omits (undefined, functions, symbols). */
function write(raw: unknown, newline: string, seen: Set<object>): string | undefined {
  const value = hasToJson(raw) ? raw.toJSON() : raw;
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new AuraError('INTERNAL', 'stableStringify: a bigint value cannot be serialised as JSON');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (value === null) return 'null';
  if (typeof value !== 'object') return undefined;
  if (seen.has(value)) throw new AuraError('INTERNAL', 'stableStringify: cannot serialise a cyclic structure');
  seen.add(value);
  try {
    const inner = newline === '' ? '' : `${newline}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      const items = value.map((item: unknown) => write(item, inner, seen) ?? 'null');
      return newline === '' ? `[${items.join(',')}]` : `[${inner}${items.join(`,${inner}`)}${newline}]`;
    }
    const source = isJsonObject(value) ? value : {};
    const parts: string[] = [];
    for (const key of Object.keys(source).sort(compareCodePoints)) {
      const text = write(source[key], inner, seen);
      if (text !== undefined) parts.push(`${JSON.stringify(key)}${newline === '' ? ':' : ': '}${text}`);
    }
    if (parts.length === 0) return '{}';
    return newline === '' ? `{${parts.join(',')}}` : `{${inner}${parts.join(`,${inner}`)}${newline}}`;
  } finally {
    seen.delete(value);
  }
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
