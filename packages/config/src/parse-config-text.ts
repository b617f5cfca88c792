import { parse, TomlError } from 'smol-toml';
import { checkConfig } from './check-config.js';
import { type ConfigIssue, makeIssue, sortIssues } from './config-issue.js';
import { finalizeIssues } from './draft-issue.js';
import { missingEnvMessage, substituteEnv } from './env-template.js';
import { formatKeyPath } from './key-path.js';
import { type KeyPositions, scanKeyPositions } from './toml-positions.js';
import type { AuraConfig } from './types.js';

/** Outcome of parsing one config text: the config (when there is no error) and every issue. */
export interface ParsedConfigText {
  readonly config: AuraConfig | undefined;
  readonly issues: readonly ConfigIssue[];
  /** Unset env variables (first-seen order); non-empty means the env was the problem. */
  readonly missingVariables: readonly string[];
  /** Key positions of the text (computed on first use). */
  readonly positions: () => KeyPositions;
}

/**
 * The single-file procedure: TOML parse → `{{ env.X }}` substitution → legacy/schema/validation
 * checks. Never throws for bad input; every problem becomes an issue tied to `file`, line and
 * column. Positions come from the TOML parser for syntax errors and from the key scanner otherwise.
 */
/**
 * How unset `{{ env.X }}` variables (without a default) are treated: `error` (the reference's
 * behaviour, used when serving) or `warn` (for `aura validate` in CI, where secrets are usually absent:
 * the placeholder text is kept as the value, checks that depend on it are skipped, and the issue is a
 * warning).
 */
export type MissingEnvMode = 'error' | 'warn';

export function parseConfigText(
  text: string,
  file: string | undefined,
  env: NodeJS.ProcessEnv,
  missingEnv: MissingEnvMode = 'error',
): ParsedConfigText {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let cached: KeyPositions | undefined;
  const positions = (): KeyPositions => {
    cached ??= scanKeyPositions(source);
    return cached;
  };
  let document: unknown;
  try {
    document = parse(source, { unsafeKeyBehaviour: 'throw' });
  } catch (error) {
    return { config: undefined, issues: [syntaxIssue(error, source, file)], missingVariables: [], positions };
  }
  const substitution = substituteEnv(document, env);
  const unresolvedPaths = [...substitution.missing.values()].flat();
  const checked = checkConfig(substitution.value, {
    file,
    positions,
    envUsages: substitution.usages,
    unresolvedPaths,
  });
  const envIssues = finalizeIssues(
    [...substitution.missing].map(([name, paths]) => {
      const others = paths.slice(1).map(formatKeyPath);
      return {
        severity: missingEnv === 'warn' ? ('warning' as const) : ('error' as const),
        code: 'env_missing' as const,
        path: paths[0] ?? [],
        message: `environment variable ${name} is not set${others.length > 0 ? ` (also used by ${others.join(', ')})` : ''}${
          missingEnv === 'warn' ? '; it must be set before the config is served' : ''
        }`,
        hint: `export ${name}=your_value, add it to .env, or use {{ env.${name} | default: '...' }}`,
      };
    }),
    { file, positions: substitution.missing.size > 0 ? positions() : undefined },
  );
  const blocked = missingEnv === 'error' ? envIssues.length > 0 : false;
  const unbuildable =
    !blocked && checked.config === undefined && !checked.issues.some((issue) => issue.severity === 'error');
  const buildIssues = unbuildable
    ? finalizeIssues(
        [
          {
            severity: 'warning' as const,
            code: 'env_missing' as const,
            path: unresolvedPaths[0] ?? [],
            message: `this config cannot be fully checked until ${[...substitution.missing.keys()].join(', ')} ${
              substitution.missing.size === 1 ? 'is' : 'are'
            } set: ${substitution.missing.size === 1 ? 'it feeds' : 'they feed'} a value that must be checked`,
          },
        ],
        { file, positions: positions() },
      )
    : [];
  return {
    config: blocked ? undefined : checked.config,
    issues: sortIssues([...envIssues, ...buildIssues, ...checked.issues]),
    missingVariables: [...substitution.missing.keys()],
    positions,
  };
}

/** The summary line(s) of a failed load: the reference's env text when variables are missing. */
export function failureSummary(missingVariables: readonly string[]): string | undefined {
  return missingVariables.length > 0 ? missingEnvMessage(missingVariables) : undefined;
}

function syntaxIssue(error: unknown, text: string, file: string | undefined): ConfigIssue {
  const raw = error instanceof Error ? error.message : String(error);
  // smol-toml appends a code block quoting the offending lines; never echo it (it may hold secrets).
  const detail = (raw.split('\n')[0] ?? raw).replace(/^Invalid TOML document:\s*/, '');
  const line = error instanceof TomlError ? error.line : undefined;
  const column = error instanceof TomlError ? error.column : undefined;
  const sourceLine = line === undefined ? '' : (text.split('\n')[line - 1] ?? '');
  const hint = /=\s*\{\{\s*env\./.test(sourceLine)
    ? 'a {{ env.X }} placeholder must be inside a quoted string, e.g. key = "{{ env.X }}" (the value is then a string)'
    : undefined;
  return makeIssue({
    severity: 'error',
    code: 'toml_syntax',
    path: '',
    message: `TOML parse error: ${detail}`,
    file,
    line,
    column,
    hint,
  });
}
