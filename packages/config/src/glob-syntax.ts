/**
 * Checks a HITL `require_approval` pattern against the full glob syntax the reference compiles at
 * load time (Rust `globset`): `*`, `?`, `**`, character classes `[abc]` / `[!a-z]` / `[^a-z]`,
 * alternation `{a,b}` (not nested) and `\` escapes. Returns the problem as text, or `undefined` when
 * the pattern is valid. Only syntax is checked; matching lives in core.
 */
export function globSyntaxError(pattern: string): string | undefined {
  let inAlternation = false;
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === '\\') {
      if (index + 1 >= pattern.length) return "dangling '\\' at the end of the pattern (escape something or remove it)";
      index += 2;
      continue;
    }
    if (char === '[') {
      const end = classEnd(pattern, index);
      if (typeof end === 'string') return end;
      index = end;
      continue;
    }
    if (char === '{') {
      if (inAlternation) return 'nested alternate groups `{...{...}}` are not allowed';
      inAlternation = true;
    } else if (char === '}') {
      if (!inAlternation) return "unopened alternate group: '}' without a matching '{'";
      inAlternation = false;
    }
    index += 1;
  }
  if (inAlternation) return "unclosed alternate group: '{' without a matching '}'";
  return undefined;
}

/** Returns the index just after the class that starts at `start`, or the syntax problem. */
function classEnd(pattern: string, start: number): number | string {
  let index = start + 1;
  if (pattern[index] === '!' || pattern[index] === '^') index += 1;
  // A `]` right after the opening bracket (or its negation) is a literal member.
  if (pattern[index] === ']') index += 1;
  let previous: string | undefined;
  while (index < pattern.length) {
    const char = pattern[index] ?? '';
    if (char === ']') return index + 1;
    if (char === '-' && previous !== undefined && index + 1 < pattern.length && pattern[index + 1] !== ']') {
      const upper = pattern[index + 1] ?? '';
      if (upper < previous) return `invalid character range '${previous}-${upper}' in a class (start is after end)`;
      previous = undefined;
      index += 2;
      continue;
    }
    previous = char;
    index += 1;
  }
  return "unclosed character class: '[' without a matching ']'";
}
