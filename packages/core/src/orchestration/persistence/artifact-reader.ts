/**
 * Reading an artifact of the current run or of another run of the same session (spec §2.8), with the
 * reference's name validation plus a canonical-path check that also catches symlinks pointing elsewhere.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { isSafePathComponent } from './artifact-filenames.js';
import { errorMessage, hasErrorCode } from './fs-helpers.js';

/** Name of the artifacts directory inside a run directory. */
export const ARTIFACTS_DIRNAME = 'artifacts';

/** Text of the tool error for a bad `filename`. */
export const INVALID_ARTIFACT_FILENAME = 'Invalid artifact filename';
/** Text of the tool error for a bad `run_id`. */
export const INVALID_ARTIFACT_RUN_ID = 'Invalid run_id for cross-run artifact read';
/** Text of the tool error for a path that resolves outside the session directory. */
export const ARTIFACT_PATH_ESCAPES = 'Artifact path escapes session directory';

/** Outcome of an artifact read. `invalid` and `error` become tool errors; `not-found` is `found: false`. */
export type ArtifactReadResult =
  | { readonly status: 'found'; readonly content: string }
  | { readonly status: 'not-found' }
  | { readonly status: 'invalid'; readonly message: string }
  | { readonly status: 'error'; readonly message: string };

/** Input of {@link readArtifactFile}. */
export interface ReadArtifactFileOptions {
  /** Directory holding the session's runs (the session dir, or the memory dir in the flat layout). */
  readonly baseDir: string;
  /** The current run's directory. */
  readonly runDir: string;
  readonly filename: string;
  /** Another run of the same session; omitted = the current run. */
  readonly runId?: string | undefined;
}

/**
 * Validates the names (run id first, then filename: non-empty, no `/`, `\`, `..`), resolves
 * `<runDir>/artifacts/<filename>` or `<baseDir>/<runId>/artifacts/<filename>`, canonicalises it (following
 * symlinks) and refuses any result outside the canonical `baseDir`. A missing file (or directory) is
 * `not-found`. Never throws.
 */
export async function readArtifactFile(options: ReadArtifactFileOptions): Promise<ArtifactReadResult> {
  const { baseDir, runDir, filename, runId } = options;
  const invalid = validateArtifactNames(filename, runId);
  if (invalid !== undefined) return invalid;
  const path =
    runId === undefined ? join(runDir, ARTIFACTS_DIRNAME, filename) : join(baseDir, runId, ARTIFACTS_DIRNAME, filename);
  let canonicalBase: string;
  let canonicalPath: string;
  try {
    canonicalBase = await realpath(baseDir);
    canonicalPath = await realpath(path);
  } catch (error) {
    if (isMissing(error)) return { status: 'not-found' };
    return { status: 'error', message: `IO error: ${errorMessage(error)}` };
  }
  if (!canonicalPath.startsWith(canonicalBase.endsWith(sep) ? canonicalBase : canonicalBase + sep)) {
    return { status: 'invalid', message: ARTIFACT_PATH_ESCAPES };
  }
  try {
    return { status: 'found', content: await readFile(canonicalPath, 'utf8') };
  } catch (error) {
    if (isMissing(error) || hasErrorCode(error, 'EISDIR')) return { status: 'not-found' };
    return { status: 'error', message: `IO error: ${errorMessage(error)}` };
  }
}

/**
 * The `invalid` result for a bad `run_id` (checked first) or `filename`, or `undefined` when both are
 * non-empty single path components (no `/`, `\`, `..`).
 */
export function validateArtifactNames(
  filename: string,
  runId: string | undefined,
): { readonly status: 'invalid'; readonly message: string } | undefined {
  if (runId !== undefined && !isSafePathComponent(runId))
    return { status: 'invalid', message: INVALID_ARTIFACT_RUN_ID };
  if (!isSafePathComponent(filename)) return { status: 'invalid', message: INVALID_ARTIFACT_FILENAME };
  return undefined;
}

function isMissing(error: unknown): boolean {
  return hasErrorCode(error, 'ENOENT') || hasErrorCode(error, 'ENOTDIR') || hasErrorCode(error, 'ELOOP');
}
