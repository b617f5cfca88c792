/**
 * Facts about Gemini's function-declaration `Schema` (an OpenAPI 3.0 subset) and about what
 * `@ai-sdk/google`'s converter accepts, shared by {@link toGeminiSchema} and the schema checker.
 */

/** `format` values Gemini accepts, per type (anything else is a 400 `format: only 'enum' and 'date-time' …`). */
export const GEMINI_FORMATS: Readonly<Record<string, readonly string[]>> = {
  string: ['enum', 'date-time'],
  number: ['float', 'double'],
  integer: ['int32', 'int64'],
};

type EnumType = 'string' | 'number' | 'integer' | 'boolean';

/**
 * Whether `@ai-sdk/google`'s converter can express `enum` (or `const`) `values` on a node of JSON-Schema
 * `type` — it throws `UnsupportedFunctionalityError` otherwise. Mirrors its `addEnumToSchema` /
 * `getEnumType` (3.0.x): all-null enums are fine where the type allows null; otherwise the non-null values
 * must share one primitive type that the declared type allows.
 */
export function geminiEnumAccepted(values: readonly unknown[], type: unknown): boolean {
  const typeIncludes = (name: string): boolean => Array.isArray(type) && type.includes(name);
  if (values.length > 0 && values.every((value) => value === null)) {
    if (type === undefined || type === 'null' || typeIncludes('null')) return true;
  }
  const nullable = typeIncludes('null') || (type === undefined && values.includes(null));
  const enumValues = nullable ? values.filter((value) => value !== null) : values;
  if (enumValues.length === 0) return false;
  const allows = (name: EnumType): boolean => type === undefined || type === name || typeIncludes(name);
  if (allows('string') && enumValues.every((value) => typeof value === 'string')) return true;
  const numbers = enumValues.every((value) => typeof value === 'number' && Number.isFinite(value));
  if (numbers && allows('number')) return true;
  if (numbers && allows('integer') && enumValues.every((value) => Number.isInteger(value))) return true;
  return allows('boolean') && enumValues.every((value) => typeof value === 'boolean');
}
