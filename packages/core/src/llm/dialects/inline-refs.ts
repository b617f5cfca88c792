import { cloneJson, isJsonObject, type JsonObject, setOwn } from '../../util/json-value.js';
import { resolveLocalRef } from './json-pointer.js';
import { childPath, type SchemaIssue } from './schema-issue.js';

/** Options for {@link inlineLocalRefs}. */
export interface InlineRefsOptions {
  /** How many times one `$ref` may be expanded inside its own expansion before it is cut. Default 3. */
  readonly maxRefDepth?: number;
  /** Total expansions allowed per schema (guards exponential blow-up of shared definitions). Default 500. */
  readonly maxExpansions?: number;
  /** The node that replaces a cut or unresolvable reference; receives the `$ref` node's sibling keys. */
  readonly permissive: (siblings: JsonObject) => JsonObject;
  readonly onIssue?: (issue: SchemaIssue) => void;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'dependentSchemas'] as const;
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const SCHEMA_VALUES = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
] as const;

/**
 * Replaces every `$ref` in `root` by a copy of the local definition it points to (any JSON pointer into the
 * document, not only `$defs`), with the `$ref` node's sibling keywords winning (JSON Schema 2020-12).
 * Recursive references are expanded `maxRefDepth` times and then cut with the `permissive` node; remote or
 * dangling references are replaced the same way. Both are reported as warnings. `$defs`/`definitions` are
 * removed from the result. Pure: returns a new object.
 */
export function inlineLocalRefs(root: JsonObject, options: InlineRefsOptions): JsonObject {
  const maxRefDepth = options.maxRefDepth ?? 3;
  let budget = options.maxExpansions ?? 500;
  const warn = (path: string, message: string): void => options.onIssue?.({ severity: 'warning', path, message });

  const visit = (node: unknown, path: string, stack: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => visit(item, childPath(path, index), stack));
    if (!isJsonObject(node)) return node;
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      const { $ref: _ref, ...siblings } = node;
      const depth = stack.filter((seen) => seen === ref).length;
      if (depth >= maxRefDepth) {
        warn(path, `recursive $ref '${ref}' cut after ${maxRefDepth} levels`);
        return options.permissive(siblings);
      }
      if (budget <= 0) {
        warn(path, `$ref '${ref}' not inlined: expansion budget exhausted`);
        return options.permissive(siblings);
      }
      const target = resolveLocalRef(root, ref);
      if (target === undefined || (!isJsonObject(target.value) && typeof target.value !== 'boolean')) {
        warn(path, `unresolvable $ref '${ref}' replaced by a permissive schema`);
        return options.permissive(siblings);
      }
      budget -= 1;
      const base = isJsonObject(target.value) ? (cloneJson(target.value) as JsonObject) : {};
      if (target.value === false) warn(path, `$ref '${ref}' points to the false schema; replaced by a permissive one`);
      const merged: JsonObject = { ...base };
      for (const [key, value] of Object.entries(siblings)) setOwn(merged, key, value);
      return visit(merged, path, [...stack, ref]);
    }
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$defs' || key === 'definitions') continue;
      setOwn(out, key, visitKeyword(key, value, path, stack));
    }
    return out;
  };

  const visitKeyword = (key: string, value: unknown, path: string, stack: readonly string[]): unknown => {
    const here = childPath(path, key);
    if ((SCHEMA_MAPS as readonly string[]).includes(key) && isJsonObject(value)) {
      const out: JsonObject = {};
      for (const [name, child] of Object.entries(value)) setOwn(out, name, visit(child, childPath(here, name), stack));
      return out;
    }
    if ((SCHEMA_LISTS as readonly string[]).includes(key) || (SCHEMA_VALUES as readonly string[]).includes(key)) {
      return visit(value, here, stack);
    }
    return value;
  };

  const result = visit(root, '#', []);
  return isJsonObject(result) ? result : {};
}
