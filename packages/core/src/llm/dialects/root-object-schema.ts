import type { JsonSchema } from '../../tools/tool.js';
import { cloneJson, isJsonObject, type JsonObject, setOwn } from '../../util/json-value.js';
import { resolveLocalRef } from './json-pointer.js';
import type { SchemaIssue } from './schema-issue.js';

const ROOT_COMBINATORS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * Makes the ROOT of a tool schema an object schema, which OpenAI ("must have type 'object' and not have
 * 'oneOf'/'anyOf'/'allOf'/'enum'/'not' at the top level"), Anthropic ("input_schema does not support oneOf,
 * allOf, or anyOf at the top level") and Gemini all require. Nested schemas are untouched.
 *
 * - a root `$ref` to a local definition is inlined (sibling keywords win);
 * - a missing `type` becomes `"object"`; a `type` array containing `"object"` is narrowed to it;
 * - top-level `allOf`/`anyOf`/`oneOf` are flattened: branch properties are merged in (the root's own
 *   definitions win); `allOf` branches add their `required` names, `anyOf`/`oneOf` add only the names every
 *   branch requires (the alternatives themselves can no longer be expressed — the tool still validates);
 * - top-level `not`, `enum` and `const` are dropped;
 * - `properties: {}` is added when absent.
 *
 * Every change is reported as a `warning`; a string `type` other than `"object"` cannot be repaired and is
 * reported as an `error` (the schema is returned otherwise unchanged). Pure: returns a new object.
 */
export function normalizeRootObjectSchema(schema: JsonSchema, onIssue?: (issue: SchemaIssue) => void): JsonObject {
  const report = (severity: SchemaIssue['severity'], message: string): void =>
    onIssue?.({ severity, path: '#', message });
  let root = cloneJson(schema) as JsonObject;

  if (typeof root.$ref === 'string') {
    const ref = root.$ref;
    const target = resolveLocalRef(schema, ref);
    if (target !== undefined && isJsonObject(target.value)) {
      const { $ref: _ref, ...siblings } = root;
      root = { ...(cloneJson(target.value) as JsonObject), ...siblings };
      report('warning', `root $ref '${ref}' inlined`);
    }
  }

  const type = root.type;
  if (type === undefined) {
    root.type = 'object';
  } else if (Array.isArray(type) && type.includes('object')) {
    root.type = 'object';
    report('warning', `root type ${JSON.stringify(type)} narrowed to "object"`);
  } else if (type !== 'object') {
    report('error', `the root must have type "object", got ${JSON.stringify(type)}`);
    return root;
  }

  for (const key of ROOT_COMBINATORS) {
    const branches = root[key];
    if (!Object.hasOwn(root, key)) continue;
    delete root[key];
    if (!Array.isArray(branches)) continue;
    flattenBranches(root, schema, key, branches);
    report('warning', `top-level ${key} flattened into the root object (branch alternatives are not enforced)`);
  }
  for (const key of ['not', 'enum', 'const'] as const) {
    if (Object.hasOwn(root, key)) {
      delete root[key];
      report('warning', `top-level ${key} dropped`);
    }
  }
  if (!isJsonObject(root.properties)) root.properties = {};
  return root;
}

function flattenBranches(root: JsonObject, document: JsonSchema, key: string, branches: unknown[]): void {
  const properties = isJsonObject(root.properties) ? root.properties : {};
  const required = new Set(
    Array.isArray(root.required) ? root.required.filter((name): name is string => typeof name === 'string') : [],
  );
  let common: Set<string> | undefined;
  for (const raw of branches) {
    const branch = resolveBranch(raw, document);
    const branchProperties = isJsonObject(branch.properties) ? branch.properties : {};
    for (const [name, value] of Object.entries(branchProperties)) {
      if (!Object.hasOwn(properties, name)) setOwn(properties, name, cloneJson(value));
    }
    const branchRequired = Array.isArray(branch.required)
      ? branch.required.filter((name): name is string => typeof name === 'string')
      : [];
    if (key === 'allOf') for (const name of branchRequired) required.add(name);
    else common = common === undefined ? new Set(branchRequired) : intersect(common, branchRequired);
  }
  for (const name of common ?? []) required.add(name);
  root.properties = properties;
  if (required.size > 0 || Object.hasOwn(root, 'required')) root.required = [...required];
}

function resolveBranch(raw: unknown, document: JsonSchema): JsonObject {
  if (!isJsonObject(raw)) return {};
  if (typeof raw.$ref !== 'string') return raw;
  const target = resolveLocalRef(document, raw.$ref);
  return target !== undefined && isJsonObject(target.value) ? { ...target.value, ...raw } : raw;
}

function intersect(left: Set<string>, right: readonly string[]): Set<string> {
  const keep = new Set(right);
  return new Set([...left].filter((name) => keep.has(name)));
}
