/**
 * Tool-result texts the loop produces itself (unknown tool, bad arguments, cancellation, a thrown failure) and
 * the classification of any result into `success` / `error` (core-spec §3.7). Every failure reaches the model
 * as ordinary tool-result text so it can recover; nothing here throws.
 */
import type { ToolResultError } from '@aura/events';
import { classifyToolOutput, JSON_ERROR_PREFIX, TOOL_CALL_ERROR_PREFIX } from '../tools/tool-error-detection.js';

/** Marker the reference returns for client (passthrough) tool calls; never shown to users. */
export const CLIENT_TOOL_PENDING_MARKER = '__AURA_CLIENT_TOOL_PENDING__';

/** Result for a call to a tool that does not exist. */
export function toolNotFoundText(toolName: string): string {
  return `${TOOL_CALL_ERROR_PREFIX}Tool not found: ${toolName}`;
}

/** Result for arguments that are not valid JSON (`detail` = the parser's message). */
export function invalidJsonArgumentsText(toolName: string, detail: string): string {
  return `${JSON_ERROR_PREFIX}arguments of tool '${toolName}' are not valid JSON: ${detail}`;
}

/** Result for arguments that are valid JSON but not an object. */
export function nonObjectArgumentsText(toolName: string, value: unknown): string {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return `${JSON_ERROR_PREFIX}arguments of tool '${toolName}' must be a JSON object, got ${kind}`;
}

/** Synthetic result of a call that was cancelled before it finished (or before it started). */
export function cancelledToolCallText(reason: string): string {
  return `${TOOL_CALL_ERROR_PREFIX}Tool call cancelled: ${reason}`;
}

/** How a tool-result text is reported in `tool-result` events. */
export interface ToolResultClassification {
  readonly success: boolean;
  readonly error?: ToolResultError;
}

/**
 * Classifies a result: a failure when the text carries an error prefix or the tool flagged `isError` (then
 * `error.kind` is the prefix's kind, or `ToolError` for an unprefixed error text).
 */
export function classifyToolResult(text: string, isError: boolean): ToolResultClassification {
  const classified = classifyToolOutput(text);
  if (classified.success) return isError ? { success: false, error: { kind: 'ToolError', message: text } } : SUCCESS;
  return { success: false, error: { kind: classified.kind, message: classified.message } };
}

const SUCCESS: ToolResultClassification = Object.freeze({ success: true });
