/**
 * The one truncation rule of the SSE layer (server-spec §8.5): tool results and orchestration `result`
 * fields are capped in UTF-8 **bytes**, cut at a character boundary, and marked with a suffix.
 */

/** Appended to a truncated result. */
export const TRUNCATION_SUFFIX = '... [truncated]';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Caps `text` at `maxBytes` UTF-8 bytes. `maxBytes <= 0` means unlimited, and text that fits is returned
 * unchanged; otherwise the longest prefix that fits without splitting a character is kept and
 * {@link TRUNCATION_SUFFIX} appended (the suffix is not counted against the cap, as in the reference).
 *
 * @example truncateToolResult('a'.repeat(50), 10) // 'aaaaaaaaaa... [truncated]'
 */
export function truncateToolResult(text: string, maxBytes: number): string {
  if (maxBytes <= 0 || text.length <= maxBytes / 3) return text;
  const bytes = encoder.encode(text);
  if (bytes.length <= maxBytes) return text;
  let end = Math.floor(maxBytes);
  // Step back over UTF-8 continuation bytes (10xxxxxx) to land on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return `${decoder.decode(bytes.subarray(0, end))}${TRUNCATION_SUFFIX}`;
}

/** Longest provider-error detail surfaced in debug mode, in characters (code points). */
export const ERROR_DETAIL_MAX_CHARS = 500;

/**
 * Caps an error detail at {@link ERROR_DETAIL_MAX_CHARS} characters (code points, never splitting a
 * surrogate pair) and appends `…` when it was cut. Leading/trailing whitespace is trimmed first.
 */
export function truncateErrorDetail(detail: string): string {
  const trimmed = detail.trim();
  const characters = Array.from(trimmed);
  if (characters.length <= ERROR_DETAIL_MAX_CHARS) return trimmed;
  return `${characters.slice(0, ERROR_DETAIL_MAX_CHARS).join('')}…`;
}
