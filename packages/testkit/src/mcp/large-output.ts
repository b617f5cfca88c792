/** Output formats of the `large_output` tool. */
export type LargeOutputFormat = 'text' | 'json';

/** The smallest JSON document `largeOutputText(n, 'json')` produces: `{"lines":[],"pad":""}`. */
export const LARGE_OUTPUT_MIN_JSON_BYTES = 21;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function line(index: number): string {
  return `line ${String(index).padStart(6, '0')} ${ALPHABET}`;
}

/**
 * The deterministic content of the `large_output` tool, so tests can compute what they expect. All output is
 * ASCII, so characters = UTF-8 bytes.
 *
 * - `text`: newline-terminated lines `line 000001 abc…789`, cut to exactly `bytes` characters.
 * - `json`: a valid JSON document `{"lines":["line 000001 …",…],"pad":"xxx"}` of exactly
 *   `max(bytes, LARGE_OUTPUT_MIN_JSON_BYTES)` characters (`pad` fills the remainder).
 */
export function largeOutputText(bytes: number, format: LargeOutputFormat = 'text'): string {
  return format === 'json' ? jsonOutput(bytes) : textOutput(bytes);
}

function textOutput(bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let index = 1; length < bytes; index += 1) {
    const next = `${line(index)}\n`;
    parts.push(next);
    length += next.length;
  }
  return parts.join('').slice(0, bytes);
}

function jsonOutput(bytes: number): string {
  const open = '{"lines":[';
  const close = '],"pad":"';
  const end = '"}';
  const items: string[] = [];
  let length = open.length + close.length + end.length;
  for (let index = 1; ; index += 1) {
    const item = `${items.length === 0 ? '' : ','}${JSON.stringify(line(index))}`;
    if (length + item.length > bytes) break;
    items.push(item);
    length += item.length;
  }
  const pad = 'x'.repeat(Math.max(0, bytes - length));
  return `${open}${items.join('')}${close}${pad}${end}`;
}
