/**
 * `manifest.json`, the typed index of one orchestration run (orchestration spec §4.4), and its lenient
 * reader. Keys are written in the reference's order; `schema_version` is Aura's addition (STYLE §11) — the
 * reference's serde readers ignore unknown keys, and our reader accepts manifests without it.
 */
import { z } from 'zod';
import { PERSISTENCE_SCHEMA_VERSION } from './persistence-records.js';

/** Overall outcome of a run. */
export type RunStatus = 'success' | 'partial_success' | 'failed';
/** How the coordinator routed the query (`routed` = one task, `orchestrated` = several). */
export type RoutingMode = 'direct_answer' | 'routed' | 'orchestrated';
/** A plan task's state as serialised. */
export type PlanTaskStatus = 'pending' | 'running' | 'complete' | 'failed';

/** Per-iteration phase durations in milliseconds. */
export interface PhaseTimings {
  readonly planning_ms: number;
  readonly execution_ms: number;
  readonly task_compute_ms: number;
  readonly tool_ms: number;
}

/** Failure detail of a failed task. `attempt_count` is always 1 (reference quirk §9.11). */
export interface ErrorContext {
  readonly category: string;
  readonly last_tool_call?: string;
  readonly attempt_count: number;
  readonly partial_result?: string;
}

/** Outcome of one traced tool call. */
export type ToolOutcome =
  | { readonly success: { readonly output_bytes: number } }
  | { readonly error: { readonly message: string } };

/** One entry of a task's condensed tool chain. */
export interface ToolTraceEntry {
  readonly tool: string;
  /** Omitted when empty. */
  readonly reasoning?: string;
  readonly duration_ms: number;
  readonly outcome: ToolOutcome;
  readonly artifact_filename?: string;
}

/** Result artifact or promoted tool output. */
export type ArtifactKind = 'result' | { readonly tool_output: { readonly tool_name: string } };

/** An artifact file of a task. */
export interface ArtifactEntry {
  readonly filename: string;
  readonly size_bytes: number;
  readonly kind: ArtifactKind;
}

/** One task of the final iteration's plan. */
export interface TaskSummary {
  readonly task_id: number;
  readonly description: string;
  readonly status: PlanTaskStatus;
  readonly worker: string | null;
  /** The `submit_result` summary, else the first 200 bytes of a completed result, else `null`. */
  readonly result_preview: string | null;
  readonly confidence?: string;
  readonly failure_category?: string;
  readonly error?: string;
  readonly error_context?: ErrorContext;
  readonly tool_trace?: readonly ToolTraceEntry[];
  readonly artifacts?: readonly ArtifactEntry[];
}

/** The run manifest. */
export interface RunManifest {
  /** {@link PERSISTENCE_SCHEMA_VERSION} when written by Aura; absent in reference-written manifests. */
  readonly schema_version?: number;
  readonly run_id: string;
  readonly session_id: string | null;
  /** RFC 3339 time the manifest was written. */
  readonly timestamp: string;
  readonly goal: string;
  readonly status: RunStatus;
  readonly iterations: number;
  readonly routing_mode?: RoutingMode;
  readonly outcome?: string;
  readonly response_summary?: string;
  readonly task_summaries: readonly TaskSummary[];
  /** Every file in the run's `artifacts/` directory, sorted. */
  readonly artifact_paths: readonly string[];
  readonly phase_timings?: PhaseTimings;
}

const count = z.number().int().nonnegative();
const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const toolOutcomeSchema = z.union([
  z.object({ success: z.object({ output_bytes: count }) }),
  z.object({ error: z.object({ message: z.string() }) }),
]);

const taskSummarySchema = z.object({
  task_id: count,
  description: z.string(),
  status: z.enum(['pending', 'running', 'complete', 'failed']),
  worker: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  result_preview: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  confidence: optionalString,
  failure_category: optionalString,
  error: optionalString,
  error_context: z
    .object({
      category: z.string(),
      last_tool_call: optionalString,
      attempt_count: count,
      partial_result: optionalString,
    })
    .nullish()
    .transform((value) => value ?? undefined),
  tool_trace: z
    .array(
      z.object({
        tool: z.string(),
        reasoning: optionalString,
        duration_ms: z.number().nonnegative(),
        outcome: toolOutcomeSchema,
        artifact_filename: optionalString,
      }),
    )
    .optional(),
  artifacts: z
    .array(
      z.object({
        filename: z.string(),
        size_bytes: count,
        kind: z.union([z.literal('result'), z.object({ tool_output: z.object({ tool_name: z.string() }) })]),
      }),
    )
    .optional(),
});

const runManifestSchema = z.object({
  schema_version: count.optional(),
  run_id: z.string(),
  session_id: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  timestamp: z.string(),
  goal: z.string(),
  status: z.enum(['success', 'partial_success', 'failed']),
  iterations: count,
  routing_mode: z
    .enum(['direct_answer', 'routed', 'orchestrated'])
    .nullish()
    .transform((value) => value ?? undefined),
  outcome: optionalString,
  response_summary: optionalString,
  task_summaries: z.array(taskSummarySchema),
  artifact_paths: z.array(z.string()),
  phase_timings: z
    .object({ planning_ms: count, execution_ms: count, task_compute_ms: count, tool_ms: count })
    .nullish()
    .transform((value) => value ?? undefined),
});

/** Result of {@link parseRunManifest}. */
export type ParseRunManifestResult =
  | { readonly ok: true; readonly manifest: RunManifest }
  | { readonly ok: false; readonly error: string };

/**
 * Validates an untrusted manifest value (parsed JSON). Unknown keys are ignored (and dropped), missing
 * optional keys and `null`s are accepted, and `schema_version` may be absent (reference-written files). A
 * higher `schema_version` than {@link PERSISTENCE_SCHEMA_VERSION} is still read on a best-effort basis.
 * Never throws.
 */
export function parseRunManifest(value: unknown): ParseRunManifestResult {
  const parsed = runManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : issue.path.join('.');
    return { ok: false, error: `${where === '' ? 'manifest' : where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, manifest: stripUndefined(parsed.data) as RunManifest };
}

/** Whether the manifest was written by a newer Aura than this one understands. */
export function isNewerManifest(manifest: RunManifest): boolean {
  return (manifest.schema_version ?? 0) > PERSISTENCE_SCHEMA_VERSION;
}

/** Removes keys whose value is `undefined` (exactOptionalPropertyTypes: absent, not `undefined`). */
function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripUndefined);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child !== undefined) out[key] = stripUndefined(child);
    }
    return out;
  }
  return value;
}
