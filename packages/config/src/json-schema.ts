import * as z from 'zod';
import { LEGACY_LLM_MESSAGE } from './check-config.js';
import { configSchema } from './schema/config.js';
import { ENV_PLACEHOLDER_PATTERN, type JsonSchemaObject, jsonSchemaAdjustment } from './schema/scalars.js';

let cached: JsonSchemaObject | undefined;

/**
 * A JSON Schema (draft-07, the dialect Taplo / Even Better TOML support best) of the TOML input,
 * generated from the same zod schema the loader uses, with a description for every key and enums
 * for providers, transports, store types and HITL modes. Map it to `*.toml` agent configs in your
 * editor for completion and checking (`aura schema > aura.schema.json`).
 *
 * Differences from the loader, on purpose: a string that is exactly one `{{ env.X }}` placeholder
 * is accepted wherever an enum or tag is expected (`provider = "{{ env.LLM_PROVIDER }}"` is fine at
 * load time); numbers and strict booleans cannot be templated (as in the loader). Tables whose
 * unknown keys the loader only warns about allow extra keys here too. Cross-field rules (API key
 * present, `memory_dir` set when scratchpad is on, ...) are not expressible and are left to
 * `aura validate`. Returns a fresh object on every call.
 */
export function configJsonSchema(): JsonSchemaObject {
  cached ??= buildSchema();
  return structuredClone(cached);
}

function buildSchema(): JsonSchemaObject {
  const generated: JsonSchemaObject = z.toJSONSchema(configSchema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: (context) => {
      jsonSchemaAdjustment(context.zodSchema)?.(context.jsonSchema);
    },
  });
  const schema = allowPlaceholders(generated);
  if (!isObject(schema)) return generated;
  const properties = isObject(schema.properties) ? schema.properties : {};
  properties.llm = { not: {}, description: `Not allowed. ${LEGACY_LLM_MESSAGE}` };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Aura agent configuration',
    ...schema,
    properties,
  };
}

/**
 * Rewrites every string enum / const so that a lone `{{ env.X }}` placeholder also validates, and
 * turns `oneOf` into `anyOf` (a templated tag may match several variants).
 */
function allowPlaceholders(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(allowPlaceholders);
  if (!isObject(node)) return node;
  const out: JsonSchemaObject = {};
  for (const [key, value] of Object.entries(node)) {
    // zod's int bounds (±2^53-1) are implementation limits, not something to show a user.
    if ((key === 'maximum' || key === 'minimum') && Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER) continue;
    out[key === 'oneOf' ? 'anyOf' : key] = allowPlaceholders(value);
  }
  const values = Array.isArray(out.enum) ? out.enum : typeof out.const === 'string' ? [out.const] : undefined;
  if (values === undefined || !values.every((value) => typeof value === 'string')) return out;
  const { enum: _enum, const: _const, type: _type, ...rest } = out;
  const exact: JsonSchemaObject = {
    type: 'string',
    ...(values.length === 1 ? { const: values[0] } : { enum: values }),
  };
  return { ...rest, anyOf: [exact, { type: 'string', pattern: ENV_PLACEHOLDER_PATTERN }] };
}

function isObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
