/**
 * The parts of a persisted run manifest (orchestration-spec §4.4) and of its tool traces that the prompts
 * render. Field names are the on-disk snake_case names, so parsed `manifest.json` objects fit as they are;
 * loading and validating them is the persistence layer's job.
 */

/** How one traced tool call ended. */
export type ToolOutcomeView =
  | { readonly success: { readonly output_bytes: number } }
  | { readonly error: { readonly message: string } };

/** One tool call of a task (manifest `tool_trace[]`, also used for the continuation prompt). */
export interface ToolTraceEntryView {
  readonly tool: string;
  /** The model's `_aura_reasoning` for the call; empty or absent when none was given. */
  readonly reasoning?: string | undefined;
  readonly duration_ms: number;
  readonly outcome: ToolOutcomeView;
  /** Set when the output was promoted to an artifact file. */
  readonly artifact_filename?: string | undefined;
}

/** One artifact file of a task. */
export interface ArtifactView {
  readonly filename: string;
  readonly size_bytes: number;
}

/** One task of a prior run (manifest `task_summaries[]`). */
export interface TaskSummaryView {
  readonly task_id: number;
  readonly description: string;
  /** `complete` | `failed` | `pending` | `running`. */
  readonly status: string;
  readonly worker?: string | null | undefined;
  readonly result_preview?: string | null | undefined;
  readonly confidence?: string | null | undefined;
  readonly failure_category?: string | null | undefined;
  readonly error?: string | null | undefined;
  readonly error_context?:
    | { readonly last_tool_call?: string | null | undefined; readonly partial_result?: string | null | undefined }
    | null
    | undefined;
  readonly tool_trace?: readonly ToolTraceEntryView[] | null | undefined;
  readonly artifacts?: readonly ArtifactView[] | null | undefined;
}

/** A prior run as the session history renders it. */
export interface RunManifestView {
  readonly run_id: string;
  /** RFC 3339 time the manifest was written. */
  readonly timestamp: string;
  readonly goal: string;
  /** `success` | `partial_success` | `failed`. */
  readonly status: string;
  readonly outcome?: string | null | undefined;
  readonly response_summary?: string | null | undefined;
  readonly task_summaries: readonly TaskSummaryView[];
}
