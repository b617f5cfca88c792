/** The `Current time:` header of coordinator prompts (orchestration-spec §1.9, §1.11). */

/**
 * `date` as UTC RFC 3339 to whole seconds with a `Z` suffix, e.g. `2025-03-01T09:30:05Z` (sub-second digits
 * are dropped, not rounded).
 *
 * @throws RangeError for an invalid date (`new Date(NaN)`), like `Date.prototype.toISOString`.
 */
export function formatCurrentTime(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** `Current time: <formatCurrentTime(now)>`, a blank line, then `body` (the planning and continuation wrappers). */
export function withCurrentTime(now: Date, body: string): string {
  return `Current time: ${formatCurrentTime(now)}\n\n${body}`;
}
