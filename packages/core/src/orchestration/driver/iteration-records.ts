/**
 * What an executed iteration leaves behind (orchestration-spec §1.10, §4.4): its phase timings, the tool traces
 * of its tasks, and the run manifest describing the final iteration's plan.
 */
import type { ManifestTask } from '../persistence/build-run-manifest.js';
import { toTraceEntry } from '../persistence/build-run-manifest.js';
import type { Plan } from '../plan/plan-types.js';
import type { ToolTraceEntryView } from '../prompts/run-manifest-view.js';
import type { OrchestrationEnvironment } from './orchestration-environment.js';

/** Phase durations of one iteration, in ms (`iteration-complete` and the manifest's `phase_timings`). */
export interface IterationTimings {
  /** Initial routing (iteration 1) or the previous post-execute decision (later iterations). */
  readonly planningMs: number;
  /** From the start of execution to the continuation entry point. */
  readonly executionMs: number;
  /** Sum of task durations. */
  readonly taskComputeMs: number;
  /** Sum of the persisted tool-call durations of the plan's task ids. */
  readonly toolMs: number;
}

/**
 * Persisted tool calls of each task of `plan`, as trace entries, and their total duration (`tool_ms`). Records
 * are read for the task ids of every iteration so far (reference quirk §9 item 5: task ids restart per
 * iteration, so an earlier iteration's task 0 counts for this one's task 0 too).
 */
export async function loadToolTraces(
  env: OrchestrationEnvironment,
  plan: Plan,
): Promise<{ readonly traces: ReadonlyMap<number, readonly ToolTraceEntryView[]>; readonly toolMs: number }> {
  const traces = new Map<number, readonly ToolTraceEntryView[]>();
  let toolMs = 0;
  for (const task of plan.tasks) {
    const records = await env.persistence.loadToolRecordsForTask(task.id);
    if (records.length === 0) continue;
    traces.set(task.id, records.map(toTraceEntry));
    for (const record of records) toolMs += record.duration_ms;
  }
  return { traces, toolMs };
}

/** The tasks of `plan` as the manifest builder takes them. */
export function manifestTasks(plan: Plan): ManifestTask[] {
  return plan.tasks.map((task) => {
    const { state } = task;
    return {
      id: task.id,
      description: task.description,
      status: state.status,
      worker: task.worker,
      result: state.status === 'complete' ? state.result : undefined,
      error: state.status === 'failed' ? state.error : undefined,
      failureCategory: state.status === 'failed' ? state.category : undefined,
      structuredOutput: task.structuredOutput,
    };
  });
}

/**
 * Writes `manifest.json` for a run that executed `plan` as its final iteration `iteration`. Drains in-flight
 * tool-record writes first. `timings` is omitted on the provider short-circuit path. Does nothing once the run
 * is cancelled. Never throws.
 */
export async function writePlanManifest(
  env: OrchestrationEnvironment,
  input: {
    readonly plan: Plan;
    readonly iteration: number;
    readonly responseSummary?: string | undefined;
    readonly timings?: IterationTimings | undefined;
  },
): Promise<void> {
  const { persistence } = env;
  // Cancelled runs leave no manifest (§7.4).
  if (!persistence.enabled || env.cancelSignal.aborted) return;
  await persistence.drain({ timeoutMs: env.orchestration.artifacts.persistence_drain_timeout_ms });
  await persistence.writeManifest({
    kind: 'plan',
    goal: input.plan.goal,
    iterations: input.iteration,
    tasks: manifestTasks(input.plan),
    responseSummary: input.responseSummary,
    phaseTimings: input.timings,
  });
}
