import type * as z from 'zod';
import type { orchestrationInputSchema, timeoutsSchema, workerSchema } from './orchestration.js';

/** `[orchestration.worker.<name>]` after defaults. */
export type WorkerConfig = z.output<typeof workerSchema>;

/** `[orchestration.timeouts]` after defaults (seconds; 0 = disabled). */
export type TimeoutsConfig = z.output<typeof timeoutsSchema>;

/**
 * `[orchestration.artifacts]` after defaults, with the flat legacy keys folded in (see
 * {@link OrchestrationConfig}). `memory_path` never appears here: it is resolved into `memory_dir`.
 */
export interface ArtifactsConfig {
  /** Persistence root; the top-level `memory_dir` wins over this (see `effectiveMemoryDir`). */
  memory_dir?: string;
  /** Worker results longer than this many bytes go to an artifact file. Default 4000. */
  result_artifact_threshold: number;
  /** Inline prefix (bytes) kept for artifacted results. Default 2000. */
  result_summary_length: number;
  /** Prior run manifests injected into the coordinator preamble (0 disables). Default 3. */
  session_history_turns: number;
  /** Wait for in-flight tool-record writes after execute (ms). Default 2000. */
  persistence_drain_timeout_ms: number;
  /** Tool outputs longer than this (bytes) are promoted to artifacts (0 = all). Default 500. */
  tool_output_artifact_threshold: number;
  /** Tool calls slower than this (ms) are promoted (0 disables). Default 5000. */
  tool_output_duration_threshold_ms: number;
  /** Add "Tool chain" lines for completed tasks in the continuation prompt. Default false. */
  show_tool_reasoning_in_continuation: boolean;
  /** Run directories kept per session (0 = never prune). Default 20. */
  max_session_runs: number;
}

type OrchestrationInput = z.output<typeof orchestrationInputSchema>;

/**
 * `[orchestration]` after defaults. Folding rule for the legacy flat keys (reference
 * `RawOrchestrationConfig`): a flat `[orchestration].memory_dir` (or its alias `memory_path`) and
 * each flat `result_artifact_threshold`, `result_summary_length`, `session_history_turns`,
 * `persistence_drain_timeout_ms`, `tool_output_artifact_threshold`,
 * `tool_output_duration_threshold_ms` override the `[orchestration.artifacts]` value of the same
 * name; `memory_path` (flat or in the sub-table) becomes `memory_dir`. The output has no flat keys.
 */
export interface OrchestrationConfig {
  /** Orchestration mode on/off. Default false. */
  enabled: boolean;
  /** Max plan → execute → evaluate iterations. Default 3. */
  max_planning_cycles: number;
  /** Coordinator attempts per routing decision. Default 3. */
  max_plan_parse_retries: number;
  /** Custom instructions for the generic worker. */
  worker_system_prompt?: string | undefined;
  /** Vector stores the coordinator may search. Default []. */
  coordinator_vector_stores: string[];
  /** Let the coordinator answer directly. Default true. */
  allow_direct_answers: boolean;
  /** Let the coordinator ask for clarification. Default true. */
  allow_clarification: boolean;
  /** Worker tool display in the planning prompt. Default `summary`. */
  tools_in_planning: OrchestrationInput['tools_in_planning'];
  /** Tools listed per worker in the planning prompt. Default 10. */
  max_tools_per_worker: number;
  /** Identical consecutive tool calls before a guidance nudge. Default 3. */
  duplicate_call_nudge_threshold: number;
  /** Identical consecutive tool calls before the task is aborted. Default 5. */
  duplicate_call_block_threshold: number;
  /** Aura extension: token budget of one request (input + output over every LLM call); unset = none. */
  max_run_tokens?: number | undefined;
  /** Aura extension: wall-clock budget of one request in seconds; unset = none. */
  max_run_seconds?: number | undefined;
  timeouts: TimeoutsConfig;
  artifacts: ArtifactsConfig;
  /** Workers by name, in file order. */
  worker: Record<string, WorkerConfig>;
}

/** Applies the folding rule documented on {@link OrchestrationConfig}. Pure. */
export function foldOrchestration(input: OrchestrationInput): OrchestrationConfig {
  const {
    memory_dir: flatDir,
    memory_path: flatPath,
    result_artifact_threshold,
    result_summary_length,
    session_history_turns,
    persistence_drain_timeout_ms,
    tool_output_artifact_threshold,
    tool_output_duration_threshold_ms,
    artifacts: table,
    ...rest
  } = input;
  const { memory_dir: tableDir, memory_path: tablePath, ...tableValues } = table;
  const artifacts: ArtifactsConfig = {
    ...tableValues,
    result_artifact_threshold: result_artifact_threshold ?? tableValues.result_artifact_threshold,
    result_summary_length: result_summary_length ?? tableValues.result_summary_length,
    session_history_turns: session_history_turns ?? tableValues.session_history_turns,
    persistence_drain_timeout_ms: persistence_drain_timeout_ms ?? tableValues.persistence_drain_timeout_ms,
    tool_output_artifact_threshold: tool_output_artifact_threshold ?? tableValues.tool_output_artifact_threshold,
    tool_output_duration_threshold_ms:
      tool_output_duration_threshold_ms ?? tableValues.tool_output_duration_threshold_ms,
  };
  const memoryDir = flatDir ?? flatPath ?? tableDir ?? tablePath;
  if (memoryDir !== undefined) artifacts.memory_dir = memoryDir;
  return { ...rest, artifacts };
}
