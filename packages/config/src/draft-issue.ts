import { type ConfigIssue, type ConfigIssueCode, makeIssue } from './config-issue.js';
import { formatKeyPath, type PathSegment } from './key-path.js';
import { type KeyPositions, lookupKeyPosition } from './toml-positions.js';

/** An issue before it is tied to a file: the path is still structured. */
export interface DraftIssue {
  readonly severity: 'error' | 'warning';
  readonly code: ConfigIssueCode;
  readonly path: readonly PathSegment[];
  readonly message: string;
  readonly expected?: string | undefined;
  readonly hint?: string | undefined;
}

/** Ties drafts to a file and, when positions are known, to the line and column of their key. */
export function finalizeIssues(
  drafts: readonly DraftIssue[],
  source: { file?: string | undefined; positions?: KeyPositions | undefined },
): ConfigIssue[] {
  return drafts.map((draft) => {
    const position = source.positions === undefined ? undefined : lookupKeyPosition(source.positions, draft.path);
    return makeIssue({
      severity: draft.severity,
      code: draft.code,
      path: formatKeyPath(draft.path),
      message: draft.message,
      file: source.file,
      line: position?.line,
      column: position?.column,
      expected: draft.expected,
      hint: draft.hint,
    });
  });
}

/** Backtick-quotes a list for messages: `` `a`, `b`, `c` ``. */
export function quoteList(values: readonly string[]): string {
  return values.map((value) => `\`${value}\``).join(', ');
}

/** The TOML type name of a parsed value, for "expected X, got Y" messages. Never the value itself. */
export function tomlTypeOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return 'integer';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'datetime';
  if (typeof value === 'object' && value !== null) return 'table';
  return typeof value;
}
