/**
 * Tool failures reach the model as ordinary tool-result text; whether a result is an error is decided by
 * an exact **prefix** only (core-spec §3.7). We recognise both the core's prefixes and the list the
 * reference's SSE layer uses for `aura.tool_complete` (server-spec §9.3) — the reference only checks the
 * latter there and so reports most real failures as successes (server quirk Q9; docs/compat.md).
 */

/** Error kinds, named like the reference's `aura.tool_complete` error types. */
export type ToolErrorKind =
  | 'ToolCallError'
  | 'JsonError'
  | 'ToolError'
  | 'ExecutionError'
  | 'NotFoundError'
  | 'ArgumentError'
  | 'McpError'
  | 'HttpError'
  | 'TimeoutError';

/** Outcome of {@link classifyToolOutput}. `message` is the text after the prefix. */
export type ToolOutputClassification =
  | { readonly success: true }
  | { readonly success: false; readonly kind: ToolErrorKind; readonly prefix: string; readonly message: string };

/** Prefix of a failure thrown by a tool (the agent loop's wrapper adds it). */
export const TOOL_CALL_ERROR_PREFIX = 'ToolCallError: ';
/** Prefix of an argument (de)serialisation failure. */
export const JSON_ERROR_PREFIX = 'JsonError: ';
/** Prefix of an MCP result with `isError: true`. */
export const MCP_TOOL_ERROR_PREFIX = 'Tool returned an error: ';

/** Every recognised prefix with its kind: core's three first, then server-spec §9.3's eight. */
export const TOOL_ERROR_PREFIXES: ReadonlyArray<readonly [prefix: string, kind: ToolErrorKind]> = [
  [TOOL_CALL_ERROR_PREFIX, 'ToolCallError'],
  [JSON_ERROR_PREFIX, 'JsonError'],
  [MCP_TOOL_ERROR_PREFIX, 'ToolError'],
  ['Tool returned error: ', 'ToolError'],
  ['Tool execution failed: ', 'ExecutionError'],
  ['Tool not found: ', 'NotFoundError'],
  ['Invalid tool arguments: ', 'ArgumentError'],
  ['MCP error: ', 'McpError'],
  ['HTTP error: ', 'HttpError'],
  ['JSON error: ', 'JsonError'],
  ['Timeout: ', 'TimeoutError'],
];

/**
 * Classifies tool-result text by prefix (case-sensitive, at position 0 only). Text that merely contains
 * "error" — `Found 3 error logs`, `The ToolCallError: ...` — is a success (case 61).
 *
 * @example classifyToolOutput('ToolCallError: x') // { success: false, kind: 'ToolCallError', prefix: 'ToolCallError: ', message: 'x' }
 */
export function classifyToolOutput(text: string): ToolOutputClassification {
  for (const [prefix, kind] of TOOL_ERROR_PREFIXES) {
    if (text.startsWith(prefix)) return { success: false, kind, prefix, message: text.slice(prefix.length) };
  }
  return { success: true };
}

/** Whether {@link classifyToolOutput} reports a failure. */
export function isToolErrorOutput(text: string): boolean {
  return !classifyToolOutput(text).success;
}

/**
 * The tool-result text for a failed tool call: exactly one `ToolCallError: ` prefix, even when the message
 * already carries one or several (`ToolCallError: ToolCallError: x` → `ToolCallError: x`; the reference can
 * nest them, §3.7). Accepts an `Error` (its `message`), a string, or anything else (`String(value)`).
 */
export function formatToolCallError(error: unknown): string {
  let message = error instanceof Error ? error.message : typeof error === 'string' ? error : String(error);
  while (message.startsWith(TOOL_CALL_ERROR_PREFIX)) message = message.slice(TOOL_CALL_ERROR_PREFIX.length);
  return `${TOOL_CALL_ERROR_PREFIX}${message}`;
}
