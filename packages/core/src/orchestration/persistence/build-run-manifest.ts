/**
 * Builds a {@link RunManifest} from what the orchestrator knows at the end of a run plus what persistence
 * holds (tool-call records, artifact files). Pure: all I/O happens in the caller.
 */
import { compareCodePoints } from '../../util/stable-stringify.js';
import { truncateUtf8, utf8ByteLength } from '../../util/utf8.js';
import { classifyArtifactFilename, isArtifactOfTask } from './artifact-filenames.js';
import { PERSISTENCE_SCHEMA_VERSION, type ToolCallRecord } from './persistence-records.js';
import type {
  ArtifactEntry,
  ErrorContext,
  PhaseTimings,
  PlanTaskStatus,
  RunManifest,
  RunStatus,
  TaskSummary,
  ToolTraceEntry,
} from './run-manifest.js';

/** Bytes of a result (or direct answer) kept as a preview when no summary exists. */
export const RESULT_PREVIEW_BYTES = 200;
/** `outcome` of an initial direct answer. */
export const DIRECT_ANSWER_OUTCOME = 'Answered directly';
/** Failure category recorded for a failed task that carries none (the reference's default). */
export const DEFAULT_FAILURE_CATEGORY = 'agent_error';

/** A task of the final plan, as the orchestrator holds it. */
export interface ManifestTask {
  readonly id: number;
  readonly description: string;
  readonly status: PlanTaskStatus;
  readonly worker?: string | undefined;
  /** The stored result (complete tasks; soft failures may carry their raw text too). */
  readonly result?: string | undefined;
  /** The error text (failed tasks). */
  readonly error?: string | undefined;
  /** The failure category in snake_case (failed tasks); default `agent_error`. */
  readonly failureCategory?: string | undefined;
  /** `submit_result`'s summary and confidence. */
  readonly structuredOutput?: { readonly summary: string; readonly confidence: string } | undefined;
}

/** A run that executed a plan (every terminal path of an iteration). */
export interface PlanManifestInput {
  readonly kind: 'plan';
  readonly goal: string;
  /** The final iteration number (1-based). */
  readonly iterations: number;
  /** The final iteration's plan tasks. */
  readonly tasks: readonly ManifestTask[];
  /** `respond_directly`'s `summary` at the end, when given. */
  readonly responseSummary?: string | undefined;
  /** Omitted on the provider short-circuit and execute-error paths. */
  readonly phaseTimings?:
    | {
        readonly planningMs: number;
        readonly executionMs: number;
        readonly taskComputeMs: number;
        readonly toolMs: number;
      }
    | undefined;
}

/** An initial `respond_directly` (no plan ran). */
export interface DirectAnswerManifestInput {
  readonly kind: 'direct_answer';
  /** The user query. */
  readonly goal: string;
  /** The full answer; its first 200 bytes stand in for a missing summary. */
  readonly response: string;
  readonly responseSummary?: string | undefined;
}

/** What {@link buildRunManifest} (and `RunPersistence.writeManifest`) accepts. */
export type ManifestInput = PlanManifestInput | DirectAnswerManifestInput;

/** An artifact file with its size. */
export interface ArtifactFileInfo {
  readonly filename: string;
  readonly sizeBytes: number;
}

/** Run facts and persisted data the manifest is built from. */
export interface ManifestContext {
  readonly runId: string;
  readonly sessionId: string | undefined;
  /** RFC 3339 write time. */
  readonly timestamp: string;
  /** Tool-call records per task id (all iterations). */
  readonly toolRecords: ReadonlyMap<number, readonly ToolCallRecord[]>;
  /** Files in the run's `artifacts/` directory. */
  readonly artifacts: readonly ArtifactFileInfo[];
}

/**
 * Builds the manifest (spec §4.4). Plan runs: `status` success when every task completed (an empty plan
 * too), partial_success when some did, failed when none did; `outcome` `"<c>/<t> tasks completed"` (omitted
 * for 0 tasks); `routing_mode` `routed` for exactly one task, else `orchestrated`. Direct answers:
 * `iterations` 0, `routing_mode` `direct_answer`, `status` success, `outcome` `Answered directly`,
 * `response_summary` = the summary (when not blank) or the first 200 bytes of the response, no tasks and no
 * artifacts.
 */
export function buildRunManifest(input: ManifestInput, context: ManifestContext): RunManifest {
  const head = {
    schema_version: PERSISTENCE_SCHEMA_VERSION,
    run_id: context.runId,
    session_id: context.sessionId ?? null,
    timestamp: context.timestamp,
    goal: input.goal,
  };
  if (input.kind === 'direct_answer') {
    const given = input.responseSummary;
    const summary =
      given !== undefined && given.trim() !== '' ? given : truncateUtf8(input.response, RESULT_PREVIEW_BYTES);
    return {
      ...head,
      status: 'success',
      iterations: 0,
      routing_mode: 'direct_answer',
      outcome: DIRECT_ANSWER_OUTCOME,
      response_summary: summary,
      task_summaries: [],
      artifact_paths: [],
    };
  }
  const total = input.tasks.length;
  const completed = input.tasks.filter((task) => task.status === 'complete').length;
  const status: RunStatus = completed === total ? 'success' : completed > 0 ? 'partial_success' : 'failed';
  const timings: PhaseTimings | undefined =
    input.phaseTimings === undefined
      ? undefined
      : {
          planning_ms: wholeMs(input.phaseTimings.planningMs),
          execution_ms: wholeMs(input.phaseTimings.executionMs),
          task_compute_ms: wholeMs(input.phaseTimings.taskComputeMs),
          tool_ms: wholeMs(input.phaseTimings.toolMs),
        };
  return {
    ...head,
    status,
    iterations: input.iterations,
    routing_mode: total === 1 ? 'routed' : 'orchestrated',
    ...(total === 0 ? {} : { outcome: `${completed}/${total} tasks completed` }),
    ...(input.responseSummary === undefined ? {} : { response_summary: input.responseSummary }),
    task_summaries: input.tasks.map((task) => summarizeTask(task, context)),
    artifact_paths: context.artifacts.map((artifact) => artifact.filename).sort(compareCodePoints),
    ...(timings === undefined ? {} : { phase_timings: timings }),
  };
}

function summarizeTask(task: ManifestTask, context: ManifestContext): TaskSummary {
  const trace = (context.toolRecords.get(task.id) ?? []).map(toTraceEntry);
  const artifacts = context.artifacts
    .filter((artifact) => isArtifactOfTask(artifact.filename, task.id))
    .sort((left, right) => compareCodePoints(left.filename, right.filename))
    .flatMap(toArtifactEntry);
  const preview =
    task.structuredOutput?.summary ??
    (task.status === 'complete' && task.result !== undefined ? truncateUtf8(task.result, RESULT_PREVIEW_BYTES) : null);
  const failed = task.status === 'failed';
  const category = task.failureCategory ?? DEFAULT_FAILURE_CATEGORY;
  const lastTool = trace.at(-1)?.tool;
  const errorContext: ErrorContext | undefined = failed
    ? { category, ...(lastTool === undefined ? {} : { last_tool_call: lastTool }), attempt_count: 1 }
    : undefined;
  return {
    task_id: task.id,
    description: task.description,
    status: task.status,
    worker: task.worker ?? null,
    result_preview: preview,
    ...(task.structuredOutput === undefined ? {} : { confidence: task.structuredOutput.confidence }),
    ...(failed ? { failure_category: category } : {}),
    ...(failed && task.error !== undefined ? { error: task.error } : {}),
    ...(errorContext === undefined ? {} : { error_context: errorContext }),
    ...(trace.length === 0 ? {} : { tool_trace: trace }),
    ...(artifacts.length === 0 ? {} : { artifacts }),
  };
}

/** Condenses a tool-call record into a trace entry (output size in UTF-8 bytes). */
export function toTraceEntry(record: ToolCallRecord): ToolTraceEntry {
  return {
    tool: record.tool,
    ...(record.reasoning === '' ? {} : { reasoning: record.reasoning }),
    duration_ms: record.duration_ms,
    outcome:
      record.error !== null
        ? { error: { message: record.error } }
        : { success: { output_bytes: record.output === null ? 0 : utf8ByteLength(record.output) } },
    ...(record.artifact_filename === undefined ? {} : { artifact_filename: record.artifact_filename }),
  };
}

function toArtifactEntry(artifact: ArtifactFileInfo): ArtifactEntry[] {
  const kind = classifyArtifactFilename(artifact.filename);
  if (kind.kind === 'other') return [];
  return [
    {
      filename: artifact.filename,
      size_bytes: artifact.sizeBytes,
      kind: kind.kind === 'result' ? 'result' : { tool_output: { tool_name: kind.toolName } },
    },
  ];
}

function wholeMs(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;
}
