/**
 * Argument parsing and result encoding shared by the orchestration tools (routing, worker and recon tools).
 * Argument failures reach the model as `JsonError: ` tool errors so it can fix the call and try again.
 */
import type * as z from 'zod';
import type { ToolOutput } from '../../tools/tool.js';
import { formatToolCallError, JSON_ERROR_PREFIX } from '../../tools/tool-error-detection.js';

/** Outcome of {@link parseToolArguments}: the parsed value, or the error output to hand back to the model. */
export type ParsedArguments<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly output: ToolOutput };

/**
 * Parses `args` with `schema`. On failure returns `{ isError: true, text: "JsonError: invalid arguments for
 * tool '<name>': <path>: <message>; ..." }` listing every issue. Never throws.
 */
export function parseToolArguments<T>(
  schema: z.ZodType<T, unknown>,
  args: Record<string, unknown>,
  toolName: string,
): ParsedArguments<T> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  return {
    ok: false,
    output: {
      text: `${JSON_ERROR_PREFIX}invalid arguments for tool '${toolName}': ${issues.join('; ')}`,
      isError: true,
    },
  };
}

/** A successful tool output carrying `value` as compact JSON (keys in insertion order). */
export function jsonToolOutput(value: unknown): ToolOutput {
  return { text: JSON.stringify(value), isError: false };
}

/** A tool error output: `ToolCallError: <message>`. */
export function toolErrorOutput(message: string): ToolOutput {
  return { text: formatToolCallError(message), isError: true };
}

/** `steps[0].items[1].task` style path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
