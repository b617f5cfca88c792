import { type ConfigIssue, sortIssues } from './config-issue.js';
import { type DraftIssue, finalizeIssues, quoteList } from './draft-issue.js';
import { isPlainRecord, type PathSegment } from './key-path.js';
import { configSchema } from './schema/config.js';
import { closestMatch } from './suggest.js';
import type { KeyPositions } from './toml-positions.js';
import type { AuraConfig } from './types.js';
import { findUnknownKeys, type UnknownKey } from './unknown-keys.js';
import { validateConfig } from './validate-config.js';
import { mapZodIssues } from './zod-issues.js';

/** The reference's migration text for the legacy top-level `[llm]` table. */
export const LEGACY_LLM_MESSAGE =
  'Configuration uses the legacy top-level [llm] table. Move it under [agent.llm] (and any [llm.additional_params] under [agent.llm.additional_params]). Workers may optionally override the LLM via [orchestration.worker.<name>.llm].';

/** Inputs of {@link checkConfig} besides the document itself. */
export interface CheckConfigOptions {
  readonly file?: string | undefined;
  /** Key positions of the source text; computed only when an issue needs a location. */
  readonly positions?: (() => KeyPositions) | undefined;
  /** Key path → env variables its value was templated from. */
  readonly envUsages?: ReadonlyMap<string, readonly string[]> | undefined;
  /** Paths whose values still hold a placeholder for an unset variable (issues there are noise). */
  readonly unresolvedPaths?: readonly (readonly PathSegment[])[] | undefined;
}

/** Result of {@link checkConfig}: the config when there is no error, and every issue found. */
export interface CheckConfigResult {
  readonly config: AuraConfig | undefined;
  readonly issues: readonly ConfigIssue[];
}

/**
 * Validates a parsed (and env-substituted) document in one pass: legacy-layout check, unknown
 * keys (errors in strict tables, warnings elsewhere), schema, then the cross-field rules — all
 * issues are collected, none stops the others (the cross-field rules need a schema-valid document,
 * so they run only when the schema passed). Pure apart from the `created_at` default (load time).
 */
export function checkConfig(document: unknown, options: CheckConfigOptions = {}): CheckConfigResult {
  const drafts: DraftIssue[] = [];
  let config: AuraConfig | undefined;
  if (isPlainRecord(document) && Object.hasOwn(document, 'llm')) {
    drafts.push({
      severity: 'error',
      code: 'legacy_llm',
      path: ['llm'],
      message: LEGACY_LLM_MESSAGE,
      hint: 'rename the [llm] header to [agent.llm] (and [llm.additional_params] to [agent.llm.additional_params])',
    });
  } else {
    const envUsages = options.envUsages ?? new Map<string, readonly string[]>();
    const unknownKeys = findUnknownKeys(configSchema, document);
    drafts.push(...unknownKeys.map(unknownKeyDraft));
    // Unknown keys are already reported (with hints); without them the schema and the cross-field
    // rules can still check everything else in the same pass.
    const parsed = configSchema.safeParse(
      withoutPaths(
        document,
        unknownKeys.map((unknown) => unknown.path),
      ),
    );
    if (parsed.success) {
      config = parsed.data;
      drafts.push(...validateConfig(parsed.data, document, envUsages));
    } else {
      const schemaDrafts = mapZodIssues(parsed.error.issues, document, envUsages);
      drafts.push(...schemaDrafts.map((draft) => withTypoHint(draft, unknownKeys)));
    }
  }
  const unresolved = options.unresolvedPaths ?? [];
  const relevant = drafts.filter((draft) => !unresolved.some((path) => startsWith(draft.path, path)));
  const needsPositions = options.positions !== undefined && relevant.length > 0;
  const issues = sortIssues(
    finalizeIssues(relevant, { file: options.file, positions: needsPositions ? options.positions?.() : undefined }),
  );
  const failed = drafts.some((draft) => draft.severity === 'error');
  return { config: failed ? undefined : config, issues };
}

function unknownKeyDraft(unknown: UnknownKey): DraftIssue {
  if (unknown.strict) {
    return {
      severity: 'error',
      code: 'unknown_key',
      path: unknown.path,
      message: `unknown field \`${unknown.key}\``,
      hint: unknown.hint,
      expected: unknown.hint === undefined ? `one of ${quoteList(unknown.validKeys)}` : undefined,
    };
  }
  return {
    severity: 'warning',
    code: 'unknown_key',
    path: unknown.path,
    message: `unknown key \`${unknown.key}\` is ignored`,
    hint: unknown.hint,
  };
}

/** For a missing key, points at an unknown sibling that looks like a misspelling of it. */
function withTypoHint(draft: DraftIssue, unknownKeys: readonly UnknownKey[]): DraftIssue {
  const missing = draft.path.at(-1);
  if (draft.code !== 'missing_key' || typeof missing !== 'string' || draft.hint !== undefined) return draft;
  const parent = draft.path.slice(0, -1);
  const typo = unknownKeys.find(
    (unknown) =>
      unknown.path.length === draft.path.length &&
      startsWith(unknown.path, parent) &&
      closestMatch(unknown.key, [missing]) === missing,
  );
  return typo === undefined ? draft : { ...draft, hint: `found \`${typo.key}\` instead; is it a typo?` };
}

/** A deep copy of `document` without the keys at `paths` (only tables along the paths are copied). */
function withoutPaths(document: unknown, paths: readonly (readonly PathSegment[])[]): unknown {
  if (paths.length === 0) return document;
  const copy = (value: unknown, remove: readonly (readonly PathSegment[])[]): unknown => {
    if (remove.length === 0) return value;
    if (Array.isArray(value)) {
      return value.map((item, index) => copy(item, childPaths(remove, index)));
    }
    if (!isPlainRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (remove.some((path) => path.length === 1 && path[0] === key)) continue;
      Object.defineProperty(out, key, {
        value: copy(item, childPaths(remove, key)),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return copy(document, paths);
}

function childPaths(paths: readonly (readonly PathSegment[])[], segment: PathSegment): (readonly PathSegment[])[] {
  return paths.filter((path) => path.length > 1 && path[0] === segment).map((path) => path.slice(1));
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}
