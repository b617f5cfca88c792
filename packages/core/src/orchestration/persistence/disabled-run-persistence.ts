import { type ArtifactReadResult, validateArtifactNames } from './artifact-reader.js';
import type { ArtifactFileInfo } from './build-run-manifest.js';
import { type DrainOptions, InFlightTracker } from './in-flight-tracker.js';
import type { ToolCallRecord } from './persistence-records.js';
import type { RunManifest } from './run-manifest.js';
import type { RunPersistence } from './run-persistence.js';
import type { PriorRunInfo } from './session-runs.js';

/**
 * Persistence without a memory dir: writes do nothing (`false` / `undefined`), reads find nothing. Names
 * handed to `readArtifact` are still validated, so a traversal attempt is reported the same way either way.
 * Exported only for `createRunPersistence`.
 */
export class DisabledRunPersistence implements RunPersistence {
  readonly enabled = false;
  readonly runId: string;
  readonly sessionId = undefined;
  readonly runDir = undefined;
  readonly sessionDir = undefined;
  readonly #tracker = new InFlightTracker();
  #iteration = 1;

  constructor(runId: string) {
    this.runId = runId;
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

  drain(options: DrainOptions): Promise<boolean> {
    return this.#tracker.drain(options);
  }

  async writePlanningPhase(): Promise<boolean> {
    return false;
  }

  async writePlan(): Promise<boolean> {
    return false;
  }

  async writeTaskExecution(): Promise<boolean> {
    return false;
  }

  async appendToolCall(): Promise<boolean> {
    return false;
  }

  async writeArtifact(): Promise<string | undefined> {
    return undefined;
  }

  async listArtifacts(): Promise<ArtifactFileInfo[]> {
    return [];
  }

  async loadToolRecordsForTask(): Promise<ToolCallRecord[]> {
    return [];
  }

  async writeManifest(): Promise<RunManifest | undefined> {
    return undefined;
  }

  async readArtifact(filename: string, runId?: string): Promise<ArtifactReadResult> {
    return validateArtifactNames(filename, runId) ?? { status: 'not-found' };
  }

  async listPriorRuns(): Promise<PriorRunInfo[]> {
    return [];
  }

  async loadSessionHistory(): Promise<RunManifest[]> {
    return [];
  }

  async recordPrompt(): Promise<void> {}
}
