/**
 * The `_aura_reasoning` argument (spec §2.7): an optional string the model may add to any wrapped tool call to
 * say why it makes the call. It is advertised in the schema, removed before the real tool runs, and recorded.
 */
import type { JsonSchema } from '../../tools/tool.js';
import { cloneJson, isJsonObject, type JsonObject, setOwn } from '../../util/json-value.js';

/** Name of the reasoning argument. */
export const REASONING_FIELD = '_aura_reasoning';

/** Description of the reasoning argument shown to the model. */
export const REASONING_FIELD_DESCRIPTION =
  'Required: briefly explain why you are calling this tool with these arguments and what you expect to learn.';

/**
 * A copy of `schema` with an `_aura_reasoning` property. It is a plain optional string, except in a strict
 * schema (`additionalProperties: false` with every property listed in `required`, as the schema sanitiser
 * produces) where it becomes `anyOf: [string, null]` and is added to `required` — the sanitiser's own form of
 * an optional property, so the schema stays valid for strict providers. Never mutates `schema`.
 */
export function addReasoningToSchema(schema: JsonSchema): JsonSchema {
  const copy = cloneJson(schema) as JsonObject;
  const properties: JsonObject = isJsonObject(copy.properties) ? copy.properties : {};
  const required = Array.isArray(copy.required) ? copy.required : undefined;
  const strict =
    copy.additionalProperties === false && Object.keys(properties).every((name) => required?.includes(name) === true);
  if (strict) {
    setOwn(properties, REASONING_FIELD, {
      anyOf: [{ type: 'string' }, { type: 'null' }],
      description: REASONING_FIELD_DESCRIPTION,
    });
    copy.required = [...(required ?? []).filter((name) => name !== REASONING_FIELD), REASONING_FIELD];
  } else {
    setOwn(properties, REASONING_FIELD, { type: 'string', description: REASONING_FIELD_DESCRIPTION });
  }
  copy.properties = properties;
  return copy;
}

/**
 * Splits call arguments into the reasoning (`""` when absent, `null` or not a string) and a copy of the
 * arguments without the top-level `_aura_reasoning` key.
 */
export function extractReasoning(args: Record<string, unknown>): {
  readonly reasoning: string;
  readonly args: Record<string, unknown>;
} {
  if (!Object.hasOwn(args, REASONING_FIELD)) return { reasoning: '', args };
  const clean: JsonObject = {};
  for (const [key, value] of Object.entries(args)) if (key !== REASONING_FIELD) setOwn(clean, key, value);
  const value = args[REASONING_FIELD];
  return { reasoning: typeof value === 'string' ? value : '', args: clean };
}

/** A copy of a JSON value with every `_aura_reasoning` key removed, at every object level. */
export function stripReasoningDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripReasoningDeep);
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      if (key !== REASONING_FIELD) setOwn(copy, key, stripReasoningDeep(child));
    }
    return copy;
  }
  return value;
}
