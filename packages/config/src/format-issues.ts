import type { ConfigIssue } from './config-issue.js';

/** Options for {@link formatConfigIssues}. */
export interface FormatConfigIssuesOptions {
  /** Colour severity, location and key path with ANSI escapes (for terminals). Default `false`. */
  readonly color?: boolean;
}

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
} as const;

/**
 * Renders issues as human-readable lines, one per issue, in the given order:
 *
 * ```text
 * agents/sre.toml:12:1 error agent.systm_prompt: unknown field `systm_prompt`. did you mean `system_prompt`?
 * ```
 *
 * Layout: `<file>:<line>:<column> <severity> <path>: <message>[ (expected <expected>)][. <hint>]`;
 * parts that are unknown are left out. Multi-line messages (the missing-variables text) are indented
 * under their first line. Returns `""` for no issues. Pure: never reads the environment.
 */
export function formatConfigIssues(issues: readonly ConfigIssue[], options: FormatConfigIssuesOptions = {}): string {
  const color = options.color === true;
  const paint = (code: string, text: string): string => (color ? `${code}${text}${ANSI.reset}` : text);
  return issues
    .map((issue) => {
      const parts: string[] = [];
      const location = formatLocation(issue);
      if (location !== '') parts.push(paint(ANSI.dim, location));
      parts.push(
        issue.severity === 'error' ? paint(ANSI.bold + ANSI.red, 'error') : paint(ANSI.bold + ANSI.yellow, 'warning'),
      );
      const subject = issue.path === '' ? '' : `${paint(ANSI.cyan, issue.path)}: `;
      let text = `${parts.join(' ')} ${subject}${indentContinuation(issue.message)}`;
      if (issue.expected !== undefined && !issue.message.includes(`expected ${issue.expected}`)) {
        text += ` (expected ${issue.expected})`;
      }
      if (issue.hint !== undefined) text += `${/[.!?]$/.test(text) ? '' : '.'} ${indentContinuation(issue.hint)}`;
      return text;
    })
    .join('\n');
}

function formatLocation(issue: ConfigIssue): string {
  const position =
    issue.line === undefined ? '' : issue.column === undefined ? `${issue.line}` : `${issue.line}:${issue.column}`;
  if (issue.file !== undefined) return position === '' ? `${issue.file}:` : `${issue.file}:${position}`;
  return position === '' ? '' : `line ${position}:`;
}

function indentContinuation(text: string): string {
  return text.replace(/\n/g, '\n    ');
}
