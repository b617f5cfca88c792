/** Any JSON value. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A JSON object whose values are not inspected (tool arguments, JSON Schemas, MCP payloads). Values are
 * `unknown` so that `Record<string, unknown>` produced by parsers is assignable without a cast.
 */
export type JsonObject = { readonly [key: string]: unknown };
