/**
 * The per-call and per-attempt records written under `iteration-<n>/` (orchestration spec §4.3). Keys are
 * written in the reference's order so the files read the same; `schema_version` is Aura's addition (STYLE §11)
 * and readers accept records without it.
 */
import { isJsonObject } from '../../util/json-value.js';

/** Version stamped on files whose shape Aura owns (manifest, tool-call records). Readers accept it missing. */
export const PERSISTENCE_SCHEMA_VERSION = 1;

/** One tool call of a worker attempt, as appended to `task-<id>.attempt-<a>.tool-calls.json`. */
export interface ToolCallRecord {
  /** Aura's format version ({@link PERSISTENCE_SCHEMA_VERSION}); absent in files written by the reference. */
  readonly schema_version?: number;
  readonly tool: string;
  /** The arguments the tool received (`_aura_reasoning` removed). */
  readonly arguments: unknown;
  /** The model's `_aura_reasoning` for the call, `""` when none was given. */
  readonly reasoning: string;
  /** The raw tool output (never with an artifact footer); `null` when the call failed. */
  readonly output: string | null;
  /** The failure text; `null` when the call succeeded. */
  readonly error: string | null;
  readonly duration_ms: number;
  /** The artifact file holding the output, when it was promoted. */
  readonly artifact_filename?: string;
}

/** Input of {@link createToolCallRecord}. */
export interface ToolCallRecordInput {
  readonly tool: string;
  readonly arguments: unknown;
  readonly reasoning?: string | undefined;
  readonly output?: string | undefined;
  readonly error?: string | undefined;
  readonly durationMs: number;
  readonly artifactFilename?: string | undefined;
}

/** Builds a {@link ToolCallRecord} in the reference's key order, stamped with the schema version. */
export function createToolCallRecord(input: ToolCallRecordInput): ToolCallRecord {
  return {
    schema_version: PERSISTENCE_SCHEMA_VERSION,
    tool: input.tool,
    arguments: input.arguments,
    reasoning: input.reasoning ?? '',
    output: input.output ?? null,
    error: input.error ?? null,
    duration_ms: Math.max(0, Math.round(input.durationMs)),
    ...(input.artifactFilename === undefined ? {} : { artifact_filename: input.artifactFilename }),
  };
}

/**
 * Parses the content of a tool-calls file leniently: a JSON array whose elements are kept when they carry a
 * string `tool` (other fields get their defaults: `arguments` `{}`, `reasoning` `""`, `output`/`error` `null`,
 * `duration_ms` 0). Anything that is not an array yields `undefined`.
 */
export function parseToolCallRecords(value: unknown): ToolCallRecord[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const records: ToolCallRecord[] = [];
  for (const item of value) {
    if (!isJsonObject(item) || typeof item.tool !== 'string') continue;
    const duration = item.duration_ms;
    const record: ToolCallRecord = {
      ...(typeof item.schema_version === 'number' ? { schema_version: item.schema_version } : {}),
      tool: item.tool,
      arguments: item.arguments ?? {},
      reasoning: typeof item.reasoning === 'string' ? item.reasoning : '',
      output: typeof item.output === 'string' ? item.output : null,
      error: typeof item.error === 'string' ? item.error : null,
      duration_ms: typeof duration === 'number' && Number.isFinite(duration) ? Math.max(0, duration) : 0,
      ...(typeof item.artifact_filename === 'string' ? { artifact_filename: item.artifact_filename } : {}),
    };
    records.push(record);
  }
  return records;
}

/** The fixed `approach` text of every {@link TaskExecutionRecord}. */
export const TASK_EXECUTION_APPROACH = 'Direct task execution via worker agent';

/** The outcome of one worker attempt, written to `task-<id>.attempt-<a>.result.json` (exact reference shape). */
export interface TaskExecutionRecord {
  readonly task_id: number;
  readonly description: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  readonly approach: string;
  readonly result: string | null;
  /** The `submit_result` summary; omitted when there is none. */
  readonly summary?: string;
  readonly error: string | null;
  readonly duration_ms: number;
  /** `high` / `medium` / `low`, or `null` without `submit_result`. */
  readonly confidence: string | null;
  readonly orchestrator_notes: string | null;
}

/** Input of {@link createTaskExecutionRecord}. */
export interface TaskExecutionRecordInput {
  readonly taskId: number;
  readonly description: string;
  readonly attempt: number;
  readonly result?: string | undefined;
  readonly summary?: string | undefined;
  readonly error?: string | undefined;
  readonly durationMs: number;
  readonly confidence?: string | undefined;
}

/** Builds a {@link TaskExecutionRecord} in the reference's key order (`orchestrator_notes` is always `null`). */
export function createTaskExecutionRecord(input: TaskExecutionRecordInput): TaskExecutionRecord {
  return {
    task_id: input.taskId,
    description: input.description,
    attempt: input.attempt,
    approach: TASK_EXECUTION_APPROACH,
    result: input.result ?? null,
    ...(input.summary === undefined ? {} : { summary: input.summary }),
    error: input.error ?? null,
    duration_ms: Math.max(0, Math.round(input.durationMs)),
    confidence: input.confidence ?? null,
    orchestrator_notes: null,
  };
}
