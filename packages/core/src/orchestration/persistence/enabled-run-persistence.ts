import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareCodePoints } from '../../util/stable-stringify.js';
import { isSafePathComponent } from './artifact-filenames.js';
import { ARTIFACTS_DIRNAME, type ArtifactReadResult, readArtifactFile } from './artifact-reader.js';
import { type ArtifactFileInfo, buildRunManifest, type ManifestInput } from './build-run-manifest.js';
import { errorMessage, hasErrorCode, readTextIfExists, toPrettyJson, writeFileAtomic } from './fs-helpers.js';
import { type DrainOptions, InFlightTracker } from './in-flight-tracker.js';
import { KeyedSerialQueue } from './keyed-serial-queue.js';
import type { PersistenceLogger } from './persistence-logger.js';
import { parseToolCallRecords, type ToolCallRecord } from './persistence-records.js';
import { PROMPT_JOURNAL_FILENAME, PromptJournal, type PromptJournalEntry } from './prompt-journal.js';
import type { RunManifest } from './run-manifest.js';
import type { RunPersistence, TaskExecutionFiles, ToolCallAppend } from './run-persistence.js';
import {
  loadSessionManifests,
  MANIFEST_FILENAME,
  MAX_PRIOR_RUNS,
  type PriorRunInfo,
  toPriorRunInfo,
} from './session-runs.js';

/** Construction facts of {@link EnabledRunPersistence}. */
export interface EnabledRunPersistenceOptions {
  readonly runId: string;
  readonly sessionId: string | undefined;
  readonly baseDir: string;
  readonly runDir: string;
  readonly now: () => Date;
  readonly logger: PersistenceLogger;
  readonly journal: { readonly orchestratorId: string } | undefined;
}

const TOOL_CALLS_FILE = /^task-(\d+)\.attempt-(\d+)\.tool-calls\.json$/;

/** Persistence backed by a run directory. Exported only for `createRunPersistence`; see `RunPersistence`. */
export class EnabledRunPersistence implements RunPersistence {
  readonly enabled = true;
  readonly runId: string;
  readonly sessionId: string | undefined;
  readonly runDir: string;
  readonly sessionDir: string;
  readonly #now: () => Date;
  readonly #logger: PersistenceLogger;
  readonly #tracker = new InFlightTracker();
  readonly #fileQueue = new KeyedSerialQueue();
  readonly #journal: PromptJournal | undefined;
  #iteration = 1;

  constructor(options: EnabledRunPersistenceOptions) {
    this.runId = options.runId;
    this.sessionId = options.sessionId;
    this.runDir = options.runDir;
    this.sessionDir = options.baseDir;
    this.#now = options.now;
    this.#logger = options.logger;
    this.#journal =
      options.journal === undefined
        ? undefined
        : PromptJournal.open(
            join(options.runDir, PROMPT_JOURNAL_FILENAME),
            { runId: options.runId, orchestratorId: options.journal.orchestratorId },
            options.now,
            options.logger,
          );
  }

  get iteration(): number {
    return this.#iteration;
  }

  get inFlight(): number {
    return this.#tracker.pending;
  }

  nextIteration(): number {
    this.#iteration += 1;
    return this.#iteration;
  }

  track<T>(work: Promise<T>): Promise<T> {
    return this.#tracker.track(work);
  }

  async drain(options: DrainOptions): Promise<boolean> {
    const drained = await this.#tracker.drain(options);
    if (!drained) {
      this.#logger.warn(`persistence: drain timed out with ${this.#tracker.pending} write(s) still in flight`);
    }
    return drained;
  }

  writePlanningPhase(prompt: string, response: string): Promise<boolean> {
    const dir = this.#iterationDir(this.#iteration);
    return this.#attempt('write planning files', async () => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'planning.prompt.txt'), prompt, 'utf8');
      await writeFile(join(dir, 'planning.response.txt'), response, 'utf8');
    });
  }

  writePlan(plan: unknown): Promise<boolean> {
    const path = join(this.#iterationDir(this.#iteration), 'plan.json');
    return this.#attempt('write plan.json', () => writeFileAtomic(path, toPrettyJson(plan)));
  }

  writeTaskExecution(files: TaskExecutionFiles): Promise<boolean> {
    const dir = this.#iterationDir(this.#iteration);
    const stem = `task-${files.taskId}.attempt-${files.attempt}`;
    return this.#attempt(`write ${stem} files`, async () => {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${stem}.prompt.txt`), files.prompt, 'utf8');
      await writeFile(join(dir, `${stem}.response.txt`), files.response, 'utf8');
      await writeFileAtomic(join(dir, `${stem}.result.json`), toPrettyJson(files.record));
    });
  }

  appendToolCall(append: ToolCallAppend): Promise<boolean> {
    const dir = this.#iterationDir(append.iteration ?? this.#iteration);
    const path = join(dir, `task-${append.taskId}.attempt-${append.attempt}.tool-calls.json`);
    return this.#attempt(`append a tool-call record for task ${append.taskId}`, () =>
      this.#fileQueue.run(path, async () => {
        const existing = await readTextIfExists(path);
        let records: ToolCallRecord[] = [];
        if (existing !== undefined) {
          const parsed = parseRecords(existing);
          if (parsed === undefined) this.#logger.warn(`persistence: ${path} was unreadable and is rewritten`);
          else records = parsed;
        }
        records.push(append.record);
        await writeFileAtomic(path, toPrettyJson(records));
      }),
    );
  }

  async writeArtifact(filename: string, content: string): Promise<string | undefined> {
    if (!isSafePathComponent(filename)) {
      this.#logger.warn(`persistence: refusing artifact name ${JSON.stringify(filename)}`);
      return undefined;
    }
    const path = join(this.runDir, ARTIFACTS_DIRNAME, filename);
    const written = await this.#attempt(`write artifact ${filename}`, () => writeFileAtomic(path, content));
    return written ? filename : undefined;
  }

  async listArtifacts(): Promise<ArtifactFileInfo[]> {
    const dir = join(this.runDir, ARTIFACTS_DIRNAME);
    let names: string[];
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      names = entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp')).map((entry) => entry.name);
    } catch (error) {
      if (!hasErrorCode(error, 'ENOENT')) this.#logger.warn(`persistence: cannot list ${dir}: ${errorMessage(error)}`);
      return [];
    }
    const infos = await Promise.all(
      names.map(async (filename) => {
        const size = await stat(join(dir, filename)).then(
          (info) => info.size,
          () => 0,
        );
        return { filename, sizeBytes: size };
      }),
    );
    return infos.sort((left, right) => compareCodePoints(left.filename, right.filename));
  }

  async loadToolRecordsForTask(taskId: number): Promise<ToolCallRecord[]> {
    const records: ToolCallRecord[] = [];
    for (let iteration = 1; iteration <= this.#iteration; iteration += 1) {
      const dir = this.#iterationDir(iteration);
      let files: Array<{ name: string; attempt: number }>;
      try {
        files = (await readdir(dir)).flatMap((name) => {
          const match = TOOL_CALLS_FILE.exec(name);
          return match !== null && Number(match[1]) === taskId ? [{ name, attempt: Number(match[2]) }] : [];
        });
      } catch (error) {
        if (!hasErrorCode(error, 'ENOENT'))
          this.#logger.warn(`persistence: cannot list ${dir}: ${errorMessage(error)}`);
        continue;
      }
      files.sort((left, right) => left.attempt - right.attempt);
      for (const file of files) {
        const text = await readTextIfExists(join(dir, file.name)).catch(() => undefined);
        const parsed = text === undefined ? undefined : parseRecords(text);
        if (parsed !== undefined) records.push(...parsed);
      }
    }
    return records;
  }

  async writeManifest(input: ManifestInput): Promise<RunManifest | undefined> {
    const taskIds = input.kind === 'plan' ? input.tasks.map((task) => task.id) : [];
    const toolRecords = new Map<number, ToolCallRecord[]>();
    for (const taskId of new Set(taskIds)) toolRecords.set(taskId, await this.loadToolRecordsForTask(taskId));
    const artifacts = input.kind === 'plan' ? await this.listArtifacts() : [];
    const manifest = buildRunManifest(input, {
      runId: this.runId,
      sessionId: this.sessionId,
      timestamp: this.#now().toISOString(),
      toolRecords,
      artifacts,
    });
    const path = join(this.runDir, MANIFEST_FILENAME);
    const written = await this.#attempt('write manifest.json', () => writeFileAtomic(path, toPrettyJson(manifest)));
    return written ? manifest : undefined;
  }

  readArtifact(filename: string, runId?: string): Promise<ArtifactReadResult> {
    return readArtifactFile({ baseDir: this.sessionDir, runDir: this.runDir, filename, runId });
  }

  async listPriorRuns(limit: number = MAX_PRIOR_RUNS): Promise<PriorRunInfo[]> {
    return (await this.#siblingManifests(limit)).map(toPriorRunInfo);
  }

  loadSessionHistory(turns: number): Promise<RunManifest[]> {
    return this.#siblingManifests(turns);
  }

  async recordPrompt(entry: PromptJournalEntry): Promise<void> {
    await this.#journal?.record(entry);
  }

  async #siblingManifests(limit: number): Promise<RunManifest[]> {
    if (this.sessionId === undefined) return [];
    return loadSessionManifests({ baseDir: this.sessionDir, excludeRunId: this.runId, limit, logger: this.#logger });
  }

  #iterationDir(iteration: number): string {
    return join(this.runDir, `iteration-${iteration}`);
  }

  /** Runs one write; a failure is logged as a warning and reported as `false`. */
  async #attempt(what: string, write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      this.#logger.warn(`persistence: failed to ${what}: ${errorMessage(error)}`);
      return false;
    }
  }
}

function parseRecords(text: string): ToolCallRecord[] | undefined {
  try {
    return parseToolCallRecords(JSON.parse(text));
  } catch {
    return undefined;
  }
}
