import * as z from 'zod';

/** A JSON Schema fragment as produced by `z.toJSONSchema` (a plain JSON object). */
export type JsonSchemaObject = Record<string, unknown>;

const jsonSchemaAdjustments = new WeakMap<z.core.$ZodType, (json: JsonSchemaObject) => void>();

/**
 * Registers a tweak applied to `schema`'s JSON Schema rendering (see `configJsonSchema`), for the
 * few places where the TOML input accepts more or less than zod can express (lenient scalars,
 * defaults computed at load time). Returns `schema` for chaining.
 */
export function adjustJsonSchema<T extends z.core.$ZodType>(schema: T, adjust: (json: JsonSchemaObject) => void): T {
  jsonSchemaAdjustments.set(schema, adjust);
  return schema;
}

/** The tweak registered for `schema`, if any. */
export function jsonSchemaAdjustment(schema: z.core.$ZodType): ((json: JsonSchemaObject) => void) | undefined {
  return jsonSchemaAdjustments.get(schema);
}

/**
 * JSON Schema pattern for a string that is exactly one `{{ env.X }}` placeholder (optionally with a
 * default). Editors use it so a templated enum (`provider = "{{ env.LLM_PROVIDER }}"`) is not flagged.
 */
export const ENV_PLACEHOLDER_PATTERN = "^\\{\\{\\s*env\\.[A-Z_][A-Z0-9_]*\\s*(\\|\\s*default:\\s*'[^']*'\\s*)?\\}\\}$";

/**
 * The reference's lenient integer (`lenient_int.rs`): any TOML number that is a whole,
 * non-negative value — `8000`, `8000.0` and `200_000` all read as 8000 (Helm renders floats).
 * Strings are rejected. Error texts match the reference
 * (`expected whole number for u64, got 3.5`, `expected non-negative number for u64, got -1`).
 */
export function lenientUint(typeName: 'u64' | 'usize') {
  const schema = z.number().check((ctx) => {
    const value = ctx.value;
    let message: string | undefined;
    if (!Number.isFinite(value)) message = `${value} out of range for ${typeName}`;
    else if (value < 0) message = `expected non-negative number for ${typeName}, got ${value}`;
    else if (!Number.isInteger(value)) message = `expected whole number for ${typeName}, got ${value}`;
    else if (value > Number.MAX_SAFE_INTEGER) message = `${value} out of range for ${typeName}`;
    if (message !== undefined) {
      ctx.issues.push({ code: 'custom', message, input: value, params: { auraCode: 'invalid_value' } });
    }
  });
  return adjustJsonSchema(schema, (json) => {
    json.minimum = 0;
  });
}

/** A strict non-negative integer (TOML integer; fractional values are rejected). */
export function uint() {
  return z.number().int().min(0);
}

/**
 * The reference's lenient boolean (`lenient_bool.rs`): a TOML boolean, or a string that is exactly
 * `true` or `false` after trimming (so `hidden = "{{ env.HIDDEN }}"` works). Anything else fails
 * with `expected "true" or "false", got "<trimmed value>"`.
 */
export function lenientBool() {
  const schema = z.union([z.boolean(), z.string()]).transform((value, ctx): boolean => {
    if (typeof value === 'boolean') return value;
    const trimmed = value.trim();
    if (trimmed === 'true') return true;
    if (trimmed === 'false') return false;
    ctx.issues.push({
      code: 'custom',
      message: `expected "true" or "false", got "${trimmed}"`,
      input: value,
      params: { auraCode: 'invalid_value' },
    });
    return z.NEVER;
  });
  return adjustJsonSchema(schema, (json) => {
    delete json.type;
    json.anyOf = [
      { type: 'boolean' },
      { type: 'string', pattern: `^\\s*(true|false)\\s*$|${ENV_PLACEHOLDER_PATTERN}` },
    ];
  });
}

/** A TOML table of string values (HTTP headers, env vars). */
export function stringMap() {
  return z.record(z.string(), z.string());
}
