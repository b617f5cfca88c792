/**
 * The reference's "simple glob" (`glob_match`, core-spec §0): used by `mcp_filter`, `client_tool_filter`,
 * scratchpad per-tool patterns and telemetry schema filtering.
 *
 * Only two metacharacters: `*` matches any run of characters (including none) and `?` matches exactly one
 * character (one Unicode code point). Everything else is literal and case-sensitive; there is no escaping,
 * no `[...]` class and no `**` meaning. The whole string must match.
 */

/**
 * Whether `text` matches the simple-glob `pattern` (whole-string, case-sensitive).
 *
 * Runs in O(pattern × text) worst case (iterative star backtracking, no recursion), so hostile patterns
 * such as `*a*a*a*a*b` cannot blow the stack or take exponential time. Never throws.
 *
 * @example simpleGlobMatch('mezmo_*', 'mezmo_logs') // true
 * @example simpleGlobMatch('tool_?', 'tool_ab') // false
 */
export function simpleGlobMatch(pattern: string, text: string): boolean {
  const p = Array.from(pattern);
  const t = Array.from(text);
  let pi = 0;
  let ti = 0;
  let starPattern = -1;
  let starText = 0;
  while (ti < t.length) {
    const pc = p[pi];
    if (pc !== undefined && pc !== '*' && (pc === '?' || pc === t[ti])) {
      pi += 1;
      ti += 1;
    } else if (pc === '*') {
      starPattern = pi;
      starText = ti;
      pi += 1;
    } else if (starPattern >= 0) {
      // Let the last `*` swallow one more character and retry from there.
      pi = starPattern + 1;
      starText += 1;
      ti = starText;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi += 1;
  return pi === p.length;
}

/**
 * `mcp_filter` semantics (core-spec §4.7, case 25): `undefined` (no filter configured) allows every tool, an
 * empty list allows none, otherwise a tool is allowed when any pattern matches its name.
 */
export function matchesToolFilter(filter: readonly string[] | undefined, name: string): boolean {
  if (filter === undefined) return true;
  return filter.some((pattern) => simpleGlobMatch(pattern, name));
}

/**
 * `client_tool_filter` semantics (core-spec §3.1, case 26): `undefined` or an empty list allows every client
 * tool; otherwise a tool is allowed when any pattern matches its name.
 */
export function clientToolFilterAllows(filter: readonly string[] | undefined, name: string): boolean {
  if (filter === undefined || filter.length === 0) return true;
  return filter.some((pattern) => simpleGlobMatch(pattern, name));
}
