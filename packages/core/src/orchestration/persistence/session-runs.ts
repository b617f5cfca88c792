/**
 * Reading the manifests of a session's other runs: session history for the coordinator preamble (spec §4.6)
 * and the `list_prior_runs` tool (spec §2.8).
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodePoints } from '../../util/stable-stringify.js';
import { errorMessage, hasErrorCode, readTextIfExists } from './fs-helpers.js';
import type { PersistenceLogger } from './persistence-logger.js';
import { LATEST_LINK_NAME } from './run-directory.js';
import { isNewerManifest, parseRunManifest, type RunManifest, type RunStatus } from './run-manifest.js';
import { isUuidV7 } from './uuid-v7.js';

/** Name of the manifest file in a run directory. */
export const MANIFEST_FILENAME = 'manifest.json';
/** Most runs `list_prior_runs` reports. */
export const MAX_PRIOR_RUNS = 50;

/** Options of {@link loadSessionManifests}. */
export interface LoadSessionManifestsOptions {
  /** The directory holding the session's run directories. */
  readonly baseDir: string;
  /** The current run, never included. */
  readonly excludeRunId: string;
  /** Most manifests returned. */
  readonly limit: number;
  readonly logger: PersistenceLogger;
}

/**
 * Loads the manifests of sibling runs, newest first (spec §4.6): directories other than `latest` and the
 * current run; when every name is a canonical UUID v7 they are read newest-name-first and reading stops once
 * `limit` valid manifests were found, otherwise all are read. Missing, unreadable or invalid manifests are
 * skipped (invalid ones logged). The result is sorted by `timestamp` descending and cut to `limit`. Never
 * throws.
 */
export async function loadSessionManifests(options: LoadSessionManifestsOptions): Promise<RunManifest[]> {
  const { baseDir, excludeRunId, limit, logger } = options;
  if (limit <= 0) return [];
  let names: string[];
  try {
    const entries = await readdir(baseDir, { withFileTypes: true });
    names = entries
      .filter((entry) => entry.isDirectory() && entry.name !== LATEST_LINK_NAME && entry.name !== excludeRunId)
      .map((entry) => entry.name);
  } catch (error) {
    if (!hasErrorCode(error, 'ENOENT'))
      logger.warn(`persistence: cannot list runs in ${baseDir}: ${errorMessage(error)}`);
    return [];
  }
  const ordered = names.every(isUuidV7);
  if (ordered) names.sort((left, right) => compareCodePoints(right, left));
  const manifests: RunManifest[] = [];
  for (const name of names) {
    if (ordered && manifests.length >= limit) break;
    const manifest = await readManifest(join(baseDir, name, MANIFEST_FILENAME), logger);
    if (manifest !== undefined) manifests.push(manifest);
  }
  manifests.sort((left, right) => compareTimestampsDescending(left.timestamp, right.timestamp));
  return manifests.slice(0, limit);
}

/** A prior run as `list_prior_runs` reports it (key order of the reference's `RunInfo`). */
export interface PriorRunInfo {
  readonly run_id: string;
  readonly timestamp: string;
  readonly goal: string;
  readonly status: RunStatus;
  readonly outcome?: string;
  readonly iteration_count: number;
  readonly task_count: number;
  readonly artifact_count: number;
}

/** Condenses a manifest for `list_prior_runs`. */
export function toPriorRunInfo(manifest: RunManifest): PriorRunInfo {
  return {
    run_id: manifest.run_id,
    timestamp: manifest.timestamp,
    goal: manifest.goal,
    status: manifest.status,
    ...(manifest.outcome === undefined ? {} : { outcome: manifest.outcome }),
    iteration_count: manifest.iterations,
    task_count: manifest.task_summaries.length,
    artifact_count: manifest.artifact_paths.length,
  };
}

async function readManifest(path: string, logger: PersistenceLogger): Promise<RunManifest | undefined> {
  let text: string | undefined;
  try {
    text = await readTextIfExists(path);
  } catch (error) {
    logger.warn(`persistence: cannot read manifest ${path}: ${errorMessage(error)}`);
    return undefined;
  }
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    logger.warn(`persistence: manifest ${path} is not valid JSON: ${errorMessage(error)}`);
    return undefined;
  }
  const parsed = parseRunManifest(value);
  if (!parsed.ok) {
    logger.warn(`persistence: manifest ${path} is invalid: ${parsed.error}`);
    return undefined;
  }
  if (isNewerManifest(parsed.manifest)) {
    logger.debug(`persistence: manifest ${path} has a newer schema_version; reading it best-effort`);
  }
  return parsed.manifest;
}

/** Newest first: by instant when both parse as dates, else by text (RFC 3339 in one format sorts as text). */
function compareTimestampsDescending(left: string, right: string): number {
  const leftMs = Date.parse(left);
  const rightMs = Date.parse(right);
  if (!Number.isNaN(leftMs) && !Number.isNaN(rightMs) && leftMs !== rightMs) return rightMs - leftMs;
  return compareCodePoints(right, left);
}
