import type * as z from 'zod';
import { type ConfigIssueCode, isConfigIssueCode } from './config-issue.js';
import { type DraftIssue, quoteList, tomlTypeOf } from './draft-issue.js';
import { formatKeyPath, type PathSegment, valueAtPath } from './key-path.js';
import { closestMatch } from './suggest.js';

const EXPECTED_NAMES: Record<string, string> = {
  string: 'string',
  number: 'number',
  int: 'integer',
  boolean: 'boolean',
  object: 'table',
  record: 'table',
  array: 'array',
};

/**
 * Turns zod issues into drafts with TOML vocabulary and reference wording
 * (``missing field `x` ``, ``unknown variant `x`, expected one of ...``, ``invalid type: ...``).
 * `unrecognized_keys` issues are dropped (unknown keys are reported by `findUnknownKeys`, with
 * hints). Values are never echoed except enum-like tags, numbers and the lenient-boolean text.
 *
 * @param data the input that was validated (to tell "missing" from "wrong type").
 * @param envUsages key path → variables its value came from (for templating hints).
 */
export function mapZodIssues(
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  envUsages: ReadonlyMap<string, readonly string[]> = new Map(),
): DraftIssue[] {
  const drafts: DraftIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
    const draft = mapOne(issue, path, data, envUsages);
    if (draft !== undefined) drafts.push(draft);
  }
  return drafts;
}

function mapOne(
  issue: z.core.$ZodIssue,
  path: PathSegment[],
  data: unknown,
  envUsages: ReadonlyMap<string, readonly string[]>,
): DraftIssue | undefined {
  const value = valueAtPath(data, path);
  const last = path.at(-1);
  const error = (code: ConfigIssueCode, message: string, extra: { expected?: string; hint?: string } = {}) => ({
    severity: 'error' as const,
    code,
    path,
    message,
    expected: extra.expected,
    hint: extra.hint,
  });
  switch (issue.code) {
    case 'unrecognized_keys':
      return undefined;
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (value === undefined) return error('missing_key', `missing field \`${String(last)}\``, { expected });
      const hint = typeHint(expected, value, envUsages.get(formatKeyPath(path)));
      return error('invalid_type', `invalid type: expected ${expected}, got ${tomlTypeOf(value)}`, {
        expected,
        ...(hint === undefined ? {} : { hint }),
      });
    }
    case 'invalid_union': {
      if (issue.discriminator !== undefined) return discriminatorIssue(issue, path, value, error);
      const expected = [
        ...new Set(issue.errors.flatMap((branch) => branch.map((sub) => expectedOf(sub)).filter(isDefined))),
      ].join(' or ');
      return error('invalid_type', `invalid type: expected ${expected || 'another type'}, got ${tomlTypeOf(value)}`, {
        ...(expected === '' ? {} : { expected }),
      });
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const shown = typeof value === 'string' ? ` \`${value}\`` : '';
      const suggestion = typeof value === 'string' ? closestMatch(value, allowed) : undefined;
      return error('invalid_value', `unknown variant${shown}, expected one of ${quoteList(allowed)}`, {
        ...(suggestion === undefined ? {} : { hint: `did you mean \`${suggestion}\`?` }),
      });
    }
    case 'too_small': {
      if (issue.origin === 'array') return error('invalid_value', 'must not be empty');
      const bound = `${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
      return error('invalid_value', `must be ${bound}, got ${typeof value === 'number' ? value : tomlTypeOf(value)}`);
    }
    case 'too_big': {
      const bound = `${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
      return error('invalid_value', `must be ${bound}, got ${typeof value === 'number' ? value : tomlTypeOf(value)}`);
    }
    case 'custom': {
      const params: Record<string, unknown> = issue.params ?? {};
      const code = isConfigIssueCode(params.auraCode) ? params.auraCode : 'invalid_value';
      const hint = typeof params.hint === 'string' ? params.hint : undefined;
      return error(code, issue.message, hint === undefined ? {} : { hint });
    }
    default:
      return error('invalid_value', issue.message);
  }
}

function discriminatorIssue(
  issue: z.core.$ZodIssueInvalidUnion,
  path: PathSegment[],
  value: unknown,
  error: (code: ConfigIssueCode, message: string, extra?: { expected?: string; hint?: string }) => DraftIssue,
): DraftIssue {
  const options = ('options' in issue ? (issue.options ?? []) : []).map(String);
  const expected = `one of ${quoteList(options)}`;
  const key = String(path.at(-1) ?? issue.discriminator);
  if (value === undefined) {
    return error('missing_key', `missing field \`${key}\``, {
      expected,
      hint: `add ${key} = "${options[0] ?? ''}" (or another of ${options.join(', ')})`,
    });
  }
  if (typeof value !== 'string') {
    return error('invalid_type', `invalid type: expected string, got ${tomlTypeOf(value)}`, { expected });
  }
  const suggestion = closestMatch(value, options);
  return error('invalid_value', `unknown variant \`${value}\`, expected ${expected}`, {
    ...(suggestion === undefined ? {} : { hint: `did you mean \`${suggestion}\`?` }),
  });
}

function typeHint(expected: string, value: unknown, envVariables: readonly string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (envVariables !== undefined && (expected === 'number' || expected === 'integer')) {
    return `values from {{ env.${envVariables[0]} }} are always strings, so this number cannot be templated; write the number literally`;
  }
  if (expected === 'number' || expected === 'integer') return 'write numbers without quotes, e.g. 8000';
  if (expected === 'boolean') return 'write booleans without quotes: true or false';
  return undefined;
}

function expectedOf(issue: z.core.$ZodIssue): string | undefined {
  return issue.code === 'invalid_type' ? (EXPECTED_NAMES[issue.expected] ?? issue.expected) : undefined;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
