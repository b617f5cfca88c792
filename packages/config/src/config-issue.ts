import { AuraError, type ConfigErrorCode } from '@aura/events';
import { formatConfigIssues } from './format-issues.js';

/** What kind of problem a {@link ConfigIssue} describes. Stable: tools may branch on it. */
export type ConfigIssueCode =
  /** The file is not valid TOML (position from the TOML parser). */
  | 'toml_syntax'
  /** A key the schema does not know (an error in strict tables, a warning where it is ignored). */
  | 'unknown_key'
  /** A required key is absent. */
  | 'missing_key'
  /** The value has the wrong TOML type (string where a number is expected, ...). */
  | 'invalid_type'
  /** The type is right but the value is not allowed (unknown provider, negative count, bad glob). */
  | 'invalid_value'
  /** A `{{ env.VAR }}` placeholder names a variable that is not set. */
  | 'env_missing'
  /** The legacy top-level `[llm]` table (moved to `[agent.llm]`). */
  | 'legacy_llm'
  /** Two loaded configs share an effective id (alias or name). */
  | 'duplicate_id'
  /** A cross-field rule of the reference's `Config.validate` (API key present, memory_dir set, ...). */
  | 'validation'
  /** A key that is accepted for compatibility but has no effect. */
  | 'no_effect'
  /** The config path or directory entry does not exist / holds no `.toml` file. */
  | 'not_found'
  /** `DEFAULT_AGENT` names no loaded agent. */
  | 'unknown_agent'
  /** A `.env` file line that cannot be parsed. */
  | 'dotenv_syntax';

const ISSUE_CODES: ReadonlySet<string> = new Set<ConfigIssueCode>([
  'toml_syntax',
  'unknown_key',
  'missing_key',
  'invalid_type',
  'invalid_value',
  'env_missing',
  'legacy_llm',
  'duplicate_id',
  'validation',
  'no_effect',
  'not_found',
  'unknown_agent',
  'dotenv_syntax',
]);

/** Whether `value` is one of the {@link ConfigIssueCode}s. */
export function isConfigIssueCode(value: unknown): value is ConfigIssueCode {
  return typeof value === 'string' && ISSUE_CODES.has(value);
}

/**
 * One problem found in a configuration. Errors make the load fail; warnings are returned with a
 * successful load. `path` is the dotted TOML key path (`agent.llm.api_key`, `vector_stores[0].name`,
 * `mcp.servers.k8s.url`; `""` for the whole document). `line`/`column` (1-based) point at the key in
 * the file when the config came from TOML. Messages never contain secret values.
 */
export interface ConfigIssue {
  readonly severity: 'error' | 'warning';
  readonly code: ConfigIssueCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly path: string;
  readonly message: string;
  /** What would have been valid, e.g. `one of \`openai\`, \`anthropic\`` or `integer`. */
  readonly expected?: string;
  /** How to fix it, e.g. ``did you mean `system_prompt`?``. */
  readonly hint?: string;
}

/** Structured payload of a {@link ConfigError} (`error.data`). */
export interface ConfigErrorData {
  readonly issues: readonly ConfigIssue[];
}

/**
 * Thrown when a configuration cannot be loaded. Carries every issue found (all errors of every
 * file, collected in one pass, plus the warnings seen so far) in `issues`; `message` is a plain-text
 * rendering that names file, line, key and fix for each error.
 *
 * Codes: `CONFIG_INVALID` (schema or validation errors), `CONFIG_ENV_MISSING` (unset `{{ env.X }}`
 * variables; the message starts with the reference's `Missing environment variable(s): ...` text),
 * `CONFIG_NOT_FOUND` (missing path or a directory without `.toml` files).
 */
export class ConfigError extends AuraError<ConfigErrorData> {
  readonly issues: readonly ConfigIssue[];

  constructor(code: ConfigErrorCode, issues: readonly ConfigIssue[], options: { summary?: string } = {}) {
    super(code, renderMessage(issues, options.summary), { data: { issues } });
    this.issues = issues;
  }

  /** The issues with severity `error`. */
  get errors(): readonly ConfigIssue[] {
    return this.issues.filter((issue) => issue.severity === 'error');
  }
}

function renderMessage(issues: readonly ConfigIssue[], summary: string | undefined): string {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const files = [...new Set(errors.map((issue) => issue.file).filter((file) => file !== undefined))];
  const where = files.length === 1 ? ` in ${files[0]}` : files.length > 1 ? ` in ${files.length} files` : '';
  const head = summary ?? `Invalid configuration${where}: ${errors.length} error${errors.length === 1 ? '' : 's'}`;
  // A lone error that the summary already states (path not found) is not repeated.
  if (errors.length === 1 && errors[0]?.message === head) return head;
  const body = formatConfigIssues(errors);
  return body === '' ? head : `${head}\n${body}`;
}

/** Builds an issue, leaving out optional fields that are `undefined` (exactOptionalPropertyTypes). */
export function makeIssue(issue: {
  severity: 'error' | 'warning';
  code: ConfigIssueCode;
  path: string;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  expected?: string | undefined;
  hint?: string | undefined;
}): ConfigIssue {
  const out: {
    -readonly [K in keyof ConfigIssue]: ConfigIssue[K];
  } = { severity: issue.severity, code: issue.code, path: issue.path, message: issue.message };
  if (issue.file !== undefined) out.file = issue.file;
  if (issue.line !== undefined) out.line = issue.line;
  if (issue.column !== undefined) out.column = issue.column;
  if (issue.expected !== undefined) out.expected = issue.expected;
  if (issue.hint !== undefined) out.hint = issue.hint;
  return out;
}

/** Orders issues by file, then line and column; issues without a position keep their order at the end. */
export function sortIssues(issues: readonly ConfigIssue[]): ConfigIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      const fileA = a.issue.file ?? '';
      const fileB = b.issue.file ?? '';
      if (fileA !== fileB) return fileA < fileB ? -1 : 1;
      const lineA = a.issue.line ?? Number.MAX_SAFE_INTEGER;
      const lineB = b.issue.line ?? Number.MAX_SAFE_INTEGER;
      if (lineA !== lineB) return lineA - lineB;
      const columnA = a.issue.column ?? 0;
      const columnB = b.issue.column ?? 0;
      if (columnA !== columnB) return columnA - columnB;
      return a.index - b.index;
    })
    .map((entry) => entry.issue);
}
