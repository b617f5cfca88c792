/**
 * The candidate closest to `word` by edit distance (insertions, deletions, substitutions and
 * adjacent transpositions), or `undefined` when nothing is close enough to be a plausible typo.
 * A case-insensitive exact match always wins (`OpenAI` → `openai`).
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of list) {
    if (candidate === word) continue;
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) return candidate;
    const distance = editDistance(lower, candidateLower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) {
    const allowed = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, best.length) / 3)));
    if (bestDistance <= allowed) return best;
  }
  // `system` for `system_prompt`, `servers` for `server`: a prefix of a long key is also a typo.
  if (lower.length < 4) return undefined;
  for (const candidate of list) {
    const candidateLower = candidate.toLowerCase();
    if (candidateLower.length >= 4 && (candidateLower.startsWith(lower) || lower.startsWith(candidateLower))) {
      return candidate;
    }
  }
  return undefined;
}

/** Optimal-string-alignment distance (Damerau–Levenshtein restricted to adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const at = (row: number, column: number): number => table[row]?.[column] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row < rows; row += 1) {
    const current = table[row];
    if (current === undefined) continue;
    for (let column = 1; column < columns; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let value = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + cost);
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        value = Math.min(value, at(row - 2, column - 2) + 1);
      }
      current[column] = value;
    }
  }
  return at(a.length, b.length);
}
