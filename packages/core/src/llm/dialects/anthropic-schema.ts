import type { JsonSchema } from '../../tools/tool.js';
import { normalizeRootObjectSchema } from './root-object-schema.js';
import type { SchemaDialectOptions } from './schema-issue.js';

/**
 * The Anthropic (and Bedrock Converse) dialect. Anthropic accepts nearly all of JSON Schema in
 * `input_schema` — `$ref`/`$defs`, nested `anyOf`/`oneOf`/`allOf`, `additionalProperties`, formats, type
 * arrays — but the root must be `type: "object"` and must not use `oneOf`/`allOf`/`anyOf` at the top level
 * (400 "input_schema does not support oneOf, allOf, or anyOf at the top level"). That root rule is the only
 * transformation ({@link normalizeRootObjectSchema}). Bedrock models other than Claude may be stricter; they
 * get the same treatment. Pure; never throws.
 */
export function toAnthropicSchema(schema: JsonSchema, options: SchemaDialectOptions = {}): JsonSchema {
  return normalizeRootObjectSchema(schema, options.onIssue);
}
