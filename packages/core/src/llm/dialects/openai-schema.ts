import type { JsonSchema } from '../../tools/tool.js';
import { normalizeRootObjectSchema } from './root-object-schema.js';
import type { SchemaDialectOptions } from './schema-issue.js';

/**
 * The OpenAI (and OpenAI-compatible: Ollama, OpenRouter) dialect, applied after {@link sanitizeToolSchema}.
 *
 * OpenAI function parameters must be an object schema with no `anyOf`/`oneOf`/`allOf`/`enum`/`not` at the
 * top level; that is all this adds ({@link normalizeRootObjectSchema}). The strict-mode requirements (every
 * property required, optional ones nullable, `additionalProperties: false`) are exactly what
 * `sanitizeToolSchema` produces, so there is no separate "strict" converter: like the reference we do not
 * send `strict: true`, which would additionally forbid keywords such as `oneOf` and nested `$defs`-only
 * objects that sanitising leaves open. Pure; never throws.
 */
export function toOpenAiSchema(schema: JsonSchema, options: SchemaDialectOptions = {}): JsonSchema {
  return normalizeRootObjectSchema(schema, options.onIssue);
}
