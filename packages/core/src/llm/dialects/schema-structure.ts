import type { JsonSchema } from '../../tools/tool.js';
import { isJsonObject, type JsonObject } from '../../util/json-value.js';
import { GEMINI_FORMATS, geminiEnumAccepted } from './gemini-rules.js';
import { resolveLocalRef } from './json-pointer.js';
import { childPath, type SchemaIssue } from './schema-issue.js';

/** Which structural rules to apply: OpenAI-style JSON Schema, Anthropic's, or Gemini's OpenAPI subset. */
export type SchemaDialect = 'openai' | 'anthropic' | 'gemini';

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const MAX_DEPTH = 128;

/**
 * Structural validation of a tool parameters schema for a dialect — a dependency-free stand-in for
 * compiling it: reports (as `error` issues) what the provider would reject, without judging semantics.
 *
 * All dialects: the root is an object schema with `type: "object"` and no top-level
 * `anyOf`/`oneOf`/`allOf`/`not`/`enum`; `type` names are JSON types; `properties` is an object of schemas;
 * `required` an array of strings; combinators non-empty arrays of schemas; `enum` a non-empty array;
 * local `$ref`s resolve. Gemini additionally (as `@ai-sdk/google` forwards it): no `$ref` at all, no
 * `oneOf`/`allOf`, no boolean schemas, one non-null type per node, a type on every node (unless `anyOf` or
 * an enum provides one), `properties`/`required` only on objects and `items` only on arrays, `items` on
 * every array, `required` names declared, supported formats and enums.
 */
export function validateSchemaStructure(schema: JsonSchema, dialect: SchemaDialect): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const error = (path: string, message: string): void => {
    issues.push({ severity: 'error', path, message });
  };
  if (!isJsonObject(schema)) {
    error('#', 'the parameters schema must be a JSON object');
    return issues;
  }
  if (schema.type !== 'object') error('#', `the root must have type "object", got ${JSON.stringify(schema.type)}`);
  for (const key of ['anyOf', 'oneOf', 'allOf', 'not', 'enum']) {
    if (Object.hasOwn(schema, key)) error('#', `${key} is not allowed at the top level`);
  }
  const gemini = dialect === 'gemini';

  const visit = (node: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) {
      error(path, `schema nested deeper than ${MAX_DEPTH} levels`);
      return;
    }
    if (typeof node === 'boolean') {
      if (gemini) error(path, 'boolean schemas are not supported');
      return;
    }
    if (!isJsonObject(node)) {
      error(path, 'a schema must be an object or a boolean');
      return;
    }
    checkType(node, path);
    if (Object.hasOwn(node, '$ref')) checkRef(node.$ref, path);
    if (Object.hasOwn(node, 'required')) {
      const required = node.required;
      if (!Array.isArray(required) || !required.every((name) => typeof name === 'string')) {
        error(path, 'required must be an array of strings');
      } else if (gemini) {
        const properties = isJsonObject(node.properties) ? node.properties : {};
        for (const name of required)
          if (!Object.hasOwn(properties, name)) error(path, `required names undeclared property '${name}'`);
      }
    }
    if (Object.hasOwn(node, 'enum')) {
      if (!Array.isArray(node.enum) || node.enum.length === 0) error(path, 'enum must be a non-empty array');
      else if (gemini && !geminiEnumAccepted(node.enum, node.type)) error(path, 'enum values Gemini cannot express');
    }
    if (gemini && Object.hasOwn(node, 'const') && !geminiEnumAccepted([node.const], node.type)) {
      error(path, 'const value Gemini cannot express');
    }
    if (gemini) checkGeminiNode(node, path);
    if (Object.hasOwn(node, 'properties')) {
      if (!isJsonObject(node.properties)) error(path, 'properties must be an object');
      else
        for (const [name, child] of Object.entries(node.properties))
          visit(child, childPath(path, 'properties', name), depth + 1);
    }
    if (Object.hasOwn(node, 'items')) {
      const items = node.items;
      if (Array.isArray(items)) {
        if (gemini) error(path, 'items must be a single schema');
        items.forEach((item, index) => {
          visit(item, childPath(path, 'items', index), depth + 1);
        });
      } else visit(items, childPath(path, 'items'), depth + 1);
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (!Object.hasOwn(node, key)) continue;
      const list = node[key];
      if (gemini && key !== 'anyOf') error(path, `${key} is not supported by Gemini`);
      if (!Array.isArray(list) || list.length === 0) error(path, `${key} must be a non-empty array of schemas`);
      else
        list.forEach((branch, index) => {
          visit(branch, childPath(path, key, index), depth + 1);
        });
    }
    if (gemini) return;
    for (const key of ['additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'] as const) {
      if (Object.hasOwn(node, key)) visit(node[key], childPath(path, key), depth + 1);
    }
    for (const key of ['$defs', 'definitions', 'patternProperties', 'dependentSchemas'] as const) {
      const map = node[key];
      if (isJsonObject(map))
        for (const [name, child] of Object.entries(map)) visit(child, childPath(path, key, name), depth + 1);
    }
    if (Array.isArray(node.prefixItems))
      node.prefixItems.forEach((item, index) => {
        visit(item, childPath(path, 'prefixItems', index), depth + 1);
      });
  };

  const checkType = (node: JsonObject, path: string): void => {
    if (!Object.hasOwn(node, 'type')) return;
    const type = node.type;
    const names = typeof type === 'string' ? [type] : Array.isArray(type) ? type : undefined;
    if (
      names === undefined ||
      names.length === 0 ||
      !names.every((name) => typeof name === 'string' && JSON_TYPES.has(name))
    ) {
      error(path, `invalid type ${JSON.stringify(type)}`);
      return;
    }
    if (new Set(names).size !== names.length) error(path, `duplicate names in type ${JSON.stringify(type)}`);
    if (gemini && names.filter((name) => name !== 'null').length > 1)
      error(path, `Gemini allows one type per schema, got ${JSON.stringify(type)}`);
  };

  const checkRef = (ref: unknown, path: string): void => {
    if (typeof ref !== 'string') error(path, '$ref must be a string');
    else if (gemini) error(path, `unresolved $ref '${ref}' (Gemini needs references inlined)`);
    else if (resolveLocalRef(schema, ref) === undefined)
      error(path, `$ref '${ref}' does not resolve within the schema`);
  };

  const checkGeminiNode = (node: JsonObject, path: string): void => {
    const names = typeof node.type === 'string' ? [node.type] : Array.isArray(node.type) ? node.type : [];
    const type = names.find((name) => name !== 'null');
    // Nodes already reported for $ref/oneOf/allOf are not reported again for lacking a type.
    const typed =
      names.length > 0 || ['anyOf', 'oneOf', 'allOf', 'enum', 'const', '$ref'].some((key) => Object.hasOwn(node, key));
    if (!typed) error(path, 'Gemini requires a type on every schema');
    if (typeof type === 'string' && type !== 'object' && Object.hasOwn(node, 'properties'))
      error(path, `properties only allowed for OBJECT type, got "${type}"`);
    if (typeof type === 'string' && type !== 'array' && Object.hasOwn(node, 'items'))
      error(path, `items only allowed for ARRAY type, got "${type}"`);
    if (type === 'array' && !Object.hasOwn(node, 'items')) error(path, 'arrays need items');
    if (Object.hasOwn(node, 'format')) {
      const allowed = typeof type === 'string' ? GEMINI_FORMATS[type] : undefined;
      if (typeof node.format !== 'string' || allowed?.includes(node.format) !== true)
        error(path, `format ${JSON.stringify(node.format)} not supported for type ${JSON.stringify(type ?? null)}`);
    }
  };

  visit(schema, '#', 0);
  return issues;
}
