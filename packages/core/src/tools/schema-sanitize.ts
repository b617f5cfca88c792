import { cloneJson, isJsonObject, type JsonObject, setOwn } from '../util/json-value.js';
import type { JsonSchema } from './tool.js';

/** Result of {@link sanitizeToolSchema}: a sanitised copy, or the reason the tool must be rejected. */
export type SchemaSanitizeResult =
  | { readonly ok: true; readonly schema: JsonSchema }
  | { readonly ok: false; readonly reason: string };

/**
 * The reference's schema sanitisation for MCP tool input schemas (core-spec §5, applied when
 * `[mcp].sanitize_schemas = true`), which makes schemas acceptable to OpenAI strict-style validation:
 *
 * 0. root check: a string `type` other than `"object"` rejects the tool (missing `type` or an array passes);
 * 1. bare boolean sub-schemas become `{}` / `{"not": {}}` (§5.1);
 * 2. every object with `properties` gets all of them in `required`, the missing ones made nullable (§5.2);
 * 3. strictness: `const: null` → `type: "null"`, `properties: {}` for bare objects, `additionalProperties:
 *    false` on objects that have `required`, empty `properties` or any `additionalProperties` (§5.3).
 *
 * Deliberate deviation (quirk Q13, docs/compat.md): inside an `anyOf`, repeated exact `{"type":"null"}`
 * branches are collapsed to the first one, so example E9 yields `[{"type":"string"},{"type":"null"}]`
 * instead of the reference's duplicate null branch.
 *
 * Pure: the input is never mutated. `required` order: existing names (deduplicated, original order), then
 * the missing ones in property order (the reference's order is unspecified). `$ref`s are not resolved.
 */
export function sanitizeToolSchema(schema: JsonSchema): SchemaSanitizeResult {
  if (!isJsonObject(schema)) {
    return { ok: false, reason: 'Invalid MCP tool schema: root must be a JSON object.' };
  }
  const type = schema.type;
  if (typeof type === 'string' && type !== 'object') {
    return {
      ok: false,
      reason:
        `Invalid MCP tool schema: root must be type 'object', got '${type}'. ` +
        'This is an MCP server bug - the server is returning a type definition as a tool.',
    };
  }
  const copy = cloneJson(schema) as JsonObject;
  normalizeBareBooleans(copy);
  fixRequired(copy);
  applyStrictness(copy);
  return { ok: true, schema: copy };
}

const BOOLEAN_ARRAY_KEYS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const BOOLEAN_MAP_KEYS = ['$defs', 'definitions', 'properties', 'patternProperties'] as const;

function normalizeBoolean(value: unknown): unknown {
  if (value === true) return {};
  if (value === false) return { not: {} };
  return value;
}

/** §5.1: `true` → `{}`, `false` → `{"not": {}}` in schema positions (not `additionalProperties`). */
function normalizeBareBooleans(node: JsonObject): void {
  for (const key of BOOLEAN_ARRAY_KEYS) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (let index = 0; index < list.length; index += 1) {
      const child = normalizeBoolean(list[index]);
      list[index] = child;
      if (isJsonObject(child)) normalizeBareBooleans(child);
    }
  }
  for (const key of BOOLEAN_MAP_KEYS) {
    const map = node[key];
    if (!isJsonObject(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      const child = normalizeBoolean(value);
      setOwn(map, name, child);
      if (isJsonObject(child)) normalizeBareBooleans(child);
    }
  }
  const items = node.items;
  if (typeof items === 'boolean' || isJsonObject(items)) {
    const child = normalizeBoolean(items);
    node.items = child;
    if (isJsonObject(child)) normalizeBareBooleans(child);
  }
}

/** §5.2: all properties required, the previously optional ones made nullable. */
function fixRequired(node: JsonObject): void {
  const properties = node.properties;
  if (isJsonObject(properties)) {
    const existing = Array.isArray(node.required)
      ? [...new Set(node.required.filter((name): name is string => typeof name === 'string'))]
      : [];
    const existingSet = new Set(existing);
    const missing = Object.keys(properties).filter((name) => !existingSet.has(name));
    if (missing.length > 0) {
      for (const name of missing) {
        const property = properties[name];
        if (isJsonObject(property) && !isNullable(property)) makeNullable(property);
      }
      node.required = [...existing, ...missing];
    }
    for (const child of Object.values(properties)) if (isJsonObject(child)) fixRequired(child);
  }
  if (isJsonObject(node.items)) fixRequired(node.items);
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) if (isJsonObject(child)) fixRequired(child);
  }
}

function hasNullType(value: unknown): boolean {
  return isJsonObject(value) && value.type === 'null';
}

/**
 * The reference's nullable test: an `anyOf` array decides alone (any branch with `type: "null"`); otherwise
 * a `type` array containing `"null"`. `nullable: true`, `const: null` and `type: "null"` do not count.
 */
function isNullable(schema: JsonObject): boolean {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some(hasNullType);
  if (Array.isArray(schema.type)) return schema.type.includes('null');
  return false;
}

const KEPT_AT_TOP = ['description', 'default', 'title'] as const;

function makeNullable(schema: JsonObject): void {
  const kept: Array<[string, unknown]> = [];
  for (const key of KEPT_AT_TOP) {
    if (Object.hasOwn(schema, key)) {
      kept.push([key, schema[key]]);
      delete schema[key];
    }
  }
  const anyOf = schema.anyOf;
  if (Array.isArray(anyOf)) {
    if (!anyOf.some(hasNullType)) anyOf.push({ type: 'null' });
  } else {
    const rest: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      setOwn(rest, key, value);
      delete schema[key];
    }
    schema.anyOf = [rest, { type: 'null' }];
  }
  for (const [key, value] of kept) setOwn(schema, key, value);
}

/** §5.3 step 1: `const: null` → `type: "null"` (own recursion), plus the Q13 null-branch dedupe. */
function normalizeConstNull(node: JsonObject): void {
  if (Object.hasOwn(node, 'const') && node.const === null) {
    delete node.const;
    delete node.nullable;
    node.type = 'null';
  }
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
    const list = node[key];
    if (Array.isArray(list)) for (const child of list) if (isJsonObject(child)) normalizeConstNull(child);
  }
  if (Array.isArray(node.anyOf)) node.anyOf = dedupeNullBranches(node.anyOf);
  if (isJsonObject(node.properties)) {
    for (const child of Object.values(node.properties)) if (isJsonObject(child)) normalizeConstNull(child);
  }
  if (isJsonObject(node.items)) normalizeConstNull(node.items);
}

function isExactNullBranch(value: unknown): boolean {
  return isJsonObject(value) && value.type === 'null' && Object.keys(value).length === 1;
}

function dedupeNullBranches(list: unknown[]): unknown[] {
  let seen = false;
  return list.filter((branch) => {
    if (!isExactNullBranch(branch)) return true;
    if (seen) return false;
    seen = true;
    return true;
  });
}

/** §5.3: the strictness pass (recursion through `anyOf`, `properties` and `items` only). */
function applyStrictness(node: JsonObject): void {
  normalizeConstNull(node);
  if (node.type === 'object' && !Object.hasOwn(node, 'properties')) node.properties = {};
  const properties = node.properties;
  const emptyProperties = isJsonObject(properties) && Object.keys(properties).length === 0;
  if (Object.hasOwn(node, 'required') || emptyProperties || Object.hasOwn(node, 'additionalProperties')) {
    node.additionalProperties = false;
  }
  if (Array.isArray(node.anyOf)) for (const child of node.anyOf) if (isJsonObject(child)) applyStrictness(child);
  if (isJsonObject(properties)) {
    for (const child of Object.values(properties)) if (isJsonObject(child)) applyStrictness(child);
  }
  if (isJsonObject(node.items)) applyStrictness(node.items);
}
