/**
 * The raw-output side channel between tool decorators. A decorator that rewrites a tool's text (the persistence
 * wrapper's artifact footer, a scratchpad pointer) keeps the original in `rawText`, so an outer decorator — the
 * duplicate-call guard — can compare what the tool actually returned (fix of spec §9 item 13).
 */
import type { ToolOutput } from '../../tools/tool.js';

/** A tool output that remembers the tool's original text. */
export interface RawAwareToolOutput extends ToolOutput {
  /** The tool's text before any decorator changed it. */
  readonly rawText?: string;
}

/** Start of the footer the persistence wrapper appends to a promoted tool output. */
export const TOOL_OUTPUT_FOOTER_START = '\n\n[Tool output saved to artifact: ';

const TRAILING_FOOTER = /\n\n\[Tool output saved to artifact: [^\]\n]*\]$/;

/** `\n\n[Tool output saved to artifact: <filename>]`. */
export function toolOutputFooter(filename: string): string {
  return `${TOOL_OUTPUT_FOOTER_START}${filename}]`;
}

/** `output` with `rawText` set (an existing `rawText` wins: it is older, i.e. closer to the tool). */
export function withRawText(output: ToolOutput, rawText: string): RawAwareToolOutput {
  const existing = (output as RawAwareToolOutput).rawText;
  return { ...output, rawText: existing ?? rawText };
}

/**
 * The tool's original text: `rawText` when a decorator recorded it, else `text` without a trailing
 * tool-output artifact footer.
 */
export function rawTextOf(output: ToolOutput): string {
  const raw = (output as RawAwareToolOutput).rawText;
  if (typeof raw === 'string') return raw;
  return output.text.replace(TRAILING_FOOTER, '');
}
