/**
 * Per-run persistence under `memory_dir` (orchestration spec §4): the run directory, iteration files, task
 * attempt files, tool-call records, artifacts, the manifest, session history and the prompt journal.
 *
 * Every write and read is async and never throws: failures are logged through the injected logger and
 * reported as `false` / `undefined`, so persistence trouble never breaks a run. The one exception is an
 * invalid session id, which fails the request (as in the reference).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { AuraError } from '@aura/events';
import { isSafePathComponent } from './artifact-filenames.js';
import type { ArtifactReadResult } from './artifact-reader.js';
import type { ArtifactFileInfo, ManifestInput } from './build-run-manifest.js';
import { DisabledRunPersistence } from './disabled-run-persistence.js';
import { EnabledRunPersistence } from './enabled-run-persistence.js';
import { errorMessage } from './fs-helpers.js';
import type { DrainOptions } from './in-flight-tracker.js';
import { type PersistenceLogger, SILENT_PERSISTENCE_LOGGER } from './persistence-logger.js';
import type { TaskExecutionRecord, ToolCallRecord } from './persistence-records.js';
import type { PromptJournalEntry } from './prompt-journal.js';
import { assertValidSessionId, createRunDirectory, pruneSessionRuns, updateLatestLink } from './run-directory.js';
import type { RunManifest } from './run-manifest.js';
import type { PriorRunInfo } from './session-runs.js';
import { uuidV7 } from './uuid-v7.js';

/** Files of one task attempt, written when the attempt ends. */
export interface TaskExecutionFiles {
  readonly taskId: number;
  /** 1-based. */
  readonly attempt: number;
  readonly prompt: string;
  /** The result text, or `(error)`. */
  readonly response: string;
  readonly record: TaskExecutionRecord;
}

/** One tool-call record to append. */
export interface ToolCallAppend {
  readonly taskId: number;
  readonly attempt: number;
  /** Iteration directory to write into; default the current iteration. */
  readonly iteration?: number | undefined;
  readonly record: ToolCallRecord;
}

/** Persistence of one orchestration run. Obtain one from {@link createRunPersistence}. */
export interface RunPersistence {
  /** False when no memory dir is configured: writes are no-ops and reads find nothing. */
  readonly enabled: boolean;
  /** UUID v7 when enabled (lexicographic = chronological); a random UUID v4 when disabled. */
  readonly runId: string;
  /** The session the run belongs to; `undefined` in the flat layout and when disabled. */
  readonly sessionId: string | undefined;
  /** `<base>/<run_id>`, `undefined` when disabled. */
  readonly runDir: string | undefined;
  /** The directory holding the session's runs (`<memory_dir>/<session_id>`, or `<memory_dir>` when flat). */
  readonly sessionDir: string | undefined;
  /** Current iteration number (starts at 1). */
  readonly iteration: number;
  /** Number of tracked background writes still running. */
  readonly inFlight: number;
  /** Starts the next iteration (replan) and returns its number. */
  nextIteration(): number;
  /** Counts `work` as an in-flight write until it settles (for {@link drain}); returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Waits for tracked writes, at most `timeoutMs`. Resolves `true` when all finished, `false` on timeout
   * (logged as a warning; the writes keep running). Honours `signal`.
   */
  drain(options: DrainOptions): Promise<boolean>;
  /** `iteration-<n>/planning.prompt.txt` and `.response.txt` (overwritten by later calls). */
  writePlanningPhase(prompt: string, response: string): Promise<boolean>;
  /** `iteration-<n>/plan.json`: `plan` is an opaque JSON value (the plan's JSON form), pretty-printed. */
  writePlan(plan: unknown): Promise<boolean>;
  /** `iteration-<n>/task-<id>.attempt-<a>.{prompt.txt,response.txt,result.json}`. */
  writeTaskExecution(files: TaskExecutionFiles): Promise<boolean>;
  /**
   * Appends a record to `iteration-<n>/task-<id>.attempt-<a>.tool-calls.json` (read-modify-write, serialised
   * per file so concurrent calls never lose records).
   */
  appendToolCall(append: ToolCallAppend): Promise<boolean>;
  /**
   * Writes `artifacts/<filename>` and returns the filename, or `undefined` when disabled, the name is not a
   * safe single component, or the write failed.
   */
  writeArtifact(filename: string, content: string): Promise<string | undefined>;
  /** Files in `artifacts/` with their sizes, sorted by name (empty when disabled or absent). */
  listArtifacts(): Promise<ArtifactFileInfo[]>;
  /** Tool-call records of `taskId` from every iteration so far, iteration then attempt order. */
  loadToolRecordsForTask(taskId: number): Promise<ToolCallRecord[]>;
  /**
   * Builds the manifest (§4.4) from `input`, this run's tool-call records and artifacts, writes
   * `manifest.json` atomically and returns it; `undefined` when disabled or the write failed. Call
   * {@link drain} first so every tool-call record is on disk.
   */
  writeManifest(input: ManifestInput): Promise<RunManifest | undefined>;
  /**
   * Reads `artifacts/<filename>` of this run, or of run `runId` of the same session. Names must be non-empty
   * without `/`, `\`, `..`; the resolved file must stay inside the session directory (symlinks followed).
   */
  readArtifact(filename: string, runId?: string): Promise<ArtifactReadResult>;
  /** Up to `limit` (default 50) other runs of the session, newest first; empty without a session. */
  listPriorRuns(limit?: number): Promise<PriorRunInfo[]>;
  /** Up to `turns` manifests of other runs of the session, newest first (§4.6); empty without a session. */
  loadSessionHistory(turns: number): Promise<RunManifest[]>;
  /** Appends to the prompt journal when it is enabled; otherwise does nothing. */
  recordPrompt(entry: PromptJournalEntry): Promise<void>;
}

/** Options of {@link createRunPersistence}. */
export interface RunPersistenceOptions {
  /** The effective memory dir (`effectiveMemoryDir(config)`); unset → disabled persistence. */
  readonly memoryDir?: string | undefined;
  /** Chat session id; namespaces the layout and enables pruning and session history. */
  readonly sessionId?: string | undefined;
  /** `max_session_runs` (0 = never prune). */
  readonly maxSessionRuns: number;
  /** Clock for manifest and journal timestamps. Default `() => new Date()`. */
  readonly now?: () => Date;
  /** Run id to use instead of a fresh UUID v7 (tests). Must be a safe path component. */
  readonly runId?: string;
  readonly logger?: PersistenceLogger;
  /** Enables the prompt journal (the caller checks `AURA_PROMPT_JOURNAL`); needs the orchestrator id. */
  readonly promptJournal?: { readonly orchestratorId: string } | undefined;
}

/**
 * Creates the persistence of a new run. With a memory dir: validates the session id, creates
 * `<memory_dir>[/<session_id>]/<run_id>/`, points `latest` at it (best effort), prunes the session's oldest
 * runs down to `maxSessionRuns` (session layout only), and opens the prompt journal when asked. Without one:
 * a disabled no-op persistence with a random UUID v4 run id. If the run directory cannot be created the
 * error is logged and a disabled persistence is returned, so the request still runs.
 *
 * @throws AuraError `REQUEST_INVALID` (`Failed to initialize persistence: Invalid session_id …`) for a session
 *   id that is empty or contains `/`, `\` or `..`; `INTERNAL` for an unsafe `runId` option.
 */
export async function createRunPersistence(options: RunPersistenceOptions): Promise<RunPersistence> {
  const logger = options.logger ?? SILENT_PERSISTENCE_LOGGER;
  if (options.memoryDir === undefined || options.memoryDir === '') {
    return new DisabledRunPersistence(randomUUID());
  }
  const { sessionId } = options;
  if (sessionId !== undefined) assertValidSessionId(sessionId);
  const runId = options.runId ?? uuidV7();
  if (!isSafePathComponent(runId)) {
    throw new AuraError(
      'INTERNAL',
      `createRunPersistence: run id ${JSON.stringify(runId)} is not a safe directory name`,
    );
  }
  const memoryDir = resolve(options.memoryDir);
  const baseDir = sessionId === undefined ? memoryDir : resolve(memoryDir, sessionId);
  let runDir: string;
  try {
    runDir = await createRunDirectory(baseDir, runId);
  } catch (error) {
    logger.error(
      `persistence: cannot create the run directory under ${baseDir}; persistence disabled for this run: ${errorMessage(error)}`,
    );
    return new DisabledRunPersistence(randomUUID());
  }
  await updateLatestLink(baseDir, runId, logger);
  if (sessionId !== undefined) await pruneSessionRuns(baseDir, runId, options.maxSessionRuns, logger);
  logger.info(`persistence: run directory ${runDir}`);
  return new EnabledRunPersistence({
    runId,
    sessionId,
    baseDir,
    runDir,
    now: options.now ?? (() => new Date()),
    logger,
    journal: options.promptJournal,
  });
}
