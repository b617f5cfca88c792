/**
 * Creating a run directory (spec §4.1–4.2): session-id validation, `<memory_dir>/<session_id>/<run_id>/`, the
 * `latest` symlink, and pruning of old runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AuraError } from '@aura/events';
import { compareCodePoints } from '../../util/stable-stringify.js';
import { isSafePathComponent } from './artifact-filenames.js';
import { errorMessage, hasErrorCode } from './fs-helpers.js';
import type { PersistenceLogger } from './persistence-logger.js';

/** Name of the symlink pointing at the newest run of a session (or of the flat layout). */
export const LATEST_LINK_NAME = 'latest';

/**
 * Rejects a session id that cannot be used as a directory name: empty, or containing `/`, `\` or `..` (or
 * NUL).
 *
 * @throws AuraError `REQUEST_INVALID` `Failed to initialize persistence: Invalid session_id for persistence
 *   path: "<id>"` — the request fails, as in the reference.
 */
export function assertValidSessionId(sessionId: string): void {
  if (!isSafePathComponent(sessionId)) {
    throw new AuraError(
      'REQUEST_INVALID',
      `Failed to initialize persistence: Invalid session_id for persistence path: ${JSON.stringify(sessionId)}`,
      { data: { sessionId } },
    );
  }
}

/**
 * Points `<baseDir>/latest` at `runId` with a relative symlink. The link is created under a temporary name
 * and renamed over the old one, so concurrent runs never see a missing `latest`. Best effort: failures (e.g.
 * no symlink permission on Windows) are logged at debug level and ignored.
 */
export async function updateLatestLink(baseDir: string, runId: string, logger: PersistenceLogger): Promise<void> {
  const temporary = join(baseDir, `.${LATEST_LINK_NAME}-${randomBytes(6).toString('hex')}`);
  try {
    await symlink(runId, temporary);
    await rename(temporary, join(baseDir, LATEST_LINK_NAME));
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    logger.debug(`persistence: could not update the latest link in ${baseDir}: ${errorMessage(error)}`);
  }
}

/**
 * Deletes the oldest sibling run directories so that, counting the current run, at most `maxRuns` remain
 * (spec §4.2): siblings are the directories of `baseDir` except `latest` and `currentRunId`; when there are
 * `maxRuns` or more, the `count − maxRuns + 1` smallest names (lexicographic = chronological for UUID v7)
 * are removed. `maxRuns = 0` never prunes. Never throws; returns the names removed.
 */
export async function pruneSessionRuns(
  baseDir: string,
  currentRunId: string,
  maxRuns: number,
  logger: PersistenceLogger,
): Promise<string[]> {
  if (maxRuns <= 0) return [];
  let names: string[];
  try {
    const entries = await readdir(baseDir, { withFileTypes: true });
    names = entries
      .filter((entry) => entry.isDirectory() && entry.name !== LATEST_LINK_NAME && entry.name !== currentRunId)
      .map((entry) => entry.name)
      .sort(compareCodePoints);
  } catch (error) {
    if (!hasErrorCode(error, 'ENOENT'))
      logger.warn(`persistence: cannot list ${baseDir} for pruning: ${errorMessage(error)}`);
    return [];
  }
  if (names.length < maxRuns) return [];
  const doomed = names.slice(0, names.length - maxRuns + 1);
  const removed: string[] = [];
  for (const name of doomed) {
    try {
      await rm(join(baseDir, name), { recursive: true, force: true });
      removed.push(name);
    } catch (error) {
      logger.warn(`persistence: could not prune old run ${name}: ${errorMessage(error)}`);
    }
  }
  if (removed.length > 0) logger.info(`persistence: pruned ${removed.length} old run(s) in ${baseDir}`);
  return removed;
}

/** Creates `<baseDir>/<runId>/` (and its parents). Throws the fs error. */
export async function createRunDirectory(baseDir: string, runId: string): Promise<string> {
  const runDir = join(baseDir, runId);
  await mkdir(runDir, { recursive: true });
  return runDir;
}
