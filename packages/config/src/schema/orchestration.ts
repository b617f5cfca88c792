import * as z from 'zod';
import { llmSchema } from './llm.js';
import { uint } from './scalars.js';
import { scratchpadSchema, skillsSchema } from './scratchpad.js';

/** `tools_in_planning` values. */
export const TOOL_VISIBILITIES = ['none', 'summary', 'full'] as const;

/** `[orchestration.worker.<name>]`. Unknown keys are ignored (with a warning). */
export const workerSchema = z
  .object({
    description: z.string().describe('One-liner shown to the coordinator when it assigns tasks.'),
    preamble: z.string().describe("The worker's instructions (injected into the worker prompt template)."),
    mcp_filter: z
      .array(z.string())
      .optional()
      .describe("MCP tools this worker may use (simple globs). Omitted = the agent's filter; `[]` = none."),
    vector_stores: z
      .array(z.string())
      .default([])
      .describe('Names of `[[vector_stores]]` this worker may search (default: none).'),
    turn_depth: uint().optional().describe('Max tool-loop turns for this worker (default: `[agent].turn_depth`).'),
    llm: llmSchema.optional().describe('Per-worker LLM; replaces `[agent.llm]` wholesale when present.'),
    scratchpad: scratchpadSchema
      .optional()
      .describe('Per-worker scratchpad; replaces `[agent.scratchpad]` wholesale (missing keys take defaults).'),
    skills: skillsSchema
      .optional()
      .describe("Absent = inherit the agent's skills; `local = []` = none; non-empty = replace."),
  })
  .describe('A specialised orchestration worker.');

/** `[orchestration.timeouts]`. Rejects unknown keys (as the reference does). */
export const timeoutsSchema = z
  .object({
    per_call_timeout_secs: uint()
      .default(0)
      .describe('Wall-clock limit for one coordinator or worker attempt, in seconds; 0 disables.'),
    stream_inactivity_timeout_secs: uint()
      .default(0)
      .describe('Max silence between stream items, in seconds; 0 disables. Must be below the per-call timeout.'),
  })
  .strict()
  .describe('Orchestration timeouts. Unknown keys are errors.');

/** Artifact keys that may also appear flat in `[orchestration]`, where they override the sub-table. */
export const FLAT_ARTIFACT_KEYS = [
  'result_artifact_threshold',
  'result_summary_length',
  'session_history_turns',
  'persistence_drain_timeout_ms',
  'tool_output_artifact_threshold',
  'tool_output_duration_threshold_ms',
] as const;

const artifactValues = {
  result_artifact_threshold: uint().describe('Worker results longer than this (bytes) go to an artifact file.'),
  result_summary_length: uint().describe('Inline prefix (bytes) kept for artifacted results.'),
  session_history_turns: uint().describe('Prior run manifests injected into the coordinator prompt; 0 disables.'),
  persistence_drain_timeout_ms: uint().describe('Wait for in-flight tool-record writes after execution (ms).'),
  tool_output_artifact_threshold: uint().describe('Tool outputs longer than this (bytes) are promoted; 0 = all.'),
  tool_output_duration_threshold_ms: uint().describe('Tool calls slower than this (ms) are promoted; 0 disables.'),
};

const memoryDir = z.string().describe('Persistence root (the top-level `memory_dir` wins).');
const memoryPath = z.string().describe('Legacy alias of `memory_dir`.');

const bothMemoryKeys = (value: { memory_dir?: string | undefined; memory_path?: string | undefined }): boolean =>
  value.memory_dir === undefined || value.memory_path === undefined;
const bothMemoryKeysError = {
  error: 'duplicate field `memory_dir` (`memory_path` is its alias; set only one)',
  path: ['memory_path'],
};

/** `[orchestration.artifacts]` as written (unknown keys are ignored with a warning). */
export const artifactsInputSchema = z
  .object({
    memory_dir: memoryDir.optional(),
    memory_path: memoryPath.optional(),
    result_artifact_threshold: artifactValues.result_artifact_threshold.default(4000),
    result_summary_length: artifactValues.result_summary_length.default(2000),
    session_history_turns: artifactValues.session_history_turns.default(3),
    persistence_drain_timeout_ms: artifactValues.persistence_drain_timeout_ms.default(2000),
    tool_output_artifact_threshold: artifactValues.tool_output_artifact_threshold.default(500),
    tool_output_duration_threshold_ms: artifactValues.tool_output_duration_threshold_ms.default(5000),
    show_tool_reasoning_in_continuation: z
      .boolean()
      .default(false)
      .describe('Add "Tool chain" lines for completed tasks to the continuation prompt.'),
    max_session_runs: uint().default(20).describe('Run directories kept per session; 0 = never prune.'),
  })
  .refine(bothMemoryKeys, bothMemoryKeysError)
  .describe('Orchestration persistence and artifact settings.');

/**
 * `[orchestration]` as written. Unknown keys are ignored (with a warning). The flat legacy keys
 * (`memory_dir`/`memory_path` and the {@link FLAT_ARTIFACT_KEYS}) are accepted here and folded into
 * `artifacts` by `foldOrchestration`.
 */
export const orchestrationInputSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Orchestration mode: a coordinator plans, workers execute.'),
    max_planning_cycles: uint().default(3).describe('Max plan → execute → evaluate iterations.'),
    max_plan_parse_retries: uint().default(3).describe('Coordinator attempts per routing decision.'),
    worker_system_prompt: z.string().optional().describe('Custom instructions for the generic worker.'),
    coordinator_vector_stores: z.array(z.string()).default([]).describe('Vector stores the coordinator may search.'),
    allow_direct_answers: z.boolean().default(true).describe('Let the coordinator answer simple requests itself.'),
    allow_clarification: z.boolean().default(true).describe('Let the coordinator ask a clarifying question.'),
    tools_in_planning: z
      .enum(TOOL_VISIBILITIES)
      .default('summary')
      .describe('Worker tools shown in the planning prompt: `none`, `summary` (names) or `full`.'),
    max_tools_per_worker: uint().default(10).describe('Tools listed per worker in the planning prompt.'),
    duplicate_call_nudge_threshold: uint().default(3).describe('Identical consecutive tool calls before a nudge.'),
    duplicate_call_block_threshold: uint().default(5).describe('Identical consecutive tool calls before abort.'),
    max_run_tokens: uint()
      .optional()
      .describe(
        'Aura extension: token budget of one request across coordinator and workers (input + output). When spent, no new LLM call starts and the user gets the results so far, labelled.',
      ),
    max_run_seconds: uint()
      .optional()
      .describe(
        'Aura extension: wall-clock budget of one request in seconds, enforced by the executor. When spent, running work is stopped and the user gets the results so far, labelled.',
      ),
    timeouts: timeoutsSchema.prefault({}),
    artifacts: artifactsInputSchema.prefault({}),
    worker: z
      .record(z.string(), workerSchema)
      .default({})
      .describe('Specialised workers by name: `[orchestration.worker.<name>]`.'),
    memory_dir: memoryDir.optional().describe('Legacy flat form of `[orchestration.artifacts].memory_dir`.'),
    memory_path: memoryPath.optional(),
    result_artifact_threshold: artifactValues.result_artifact_threshold.optional(),
    result_summary_length: artifactValues.result_summary_length.optional(),
    session_history_turns: artifactValues.session_history_turns.optional(),
    persistence_drain_timeout_ms: artifactValues.persistence_drain_timeout_ms.optional(),
    tool_output_artifact_threshold: artifactValues.tool_output_artifact_threshold.optional(),
    tool_output_duration_threshold_ms: artifactValues.tool_output_duration_threshold_ms.optional(),
  })
  .refine(bothMemoryKeys, bothMemoryKeysError)
  .describe('Multi-agent orchestration.');
