/**
 * The `iteration-N/plan.json` shape (orchestration-spec §4.3). Objects are built with keys in the reference's
 * order, so `JSON.stringify(planToJson(plan), null, 2)` is byte-compatible with the reference's file.
 */
import type { FailureCategory } from '../failure-category.js';
import type { Confidence, Plan, Task, TaskStatus } from './plan-types.js';
import { stepsToJson } from './step.js';

/** One task in plan.json. Optional keys are omitted (never `null`). */
export interface TaskJson {
  readonly id: number;
  readonly description: string;
  readonly dependencies: readonly number[];
  readonly status: TaskStatus;
  /** Only when complete. */
  readonly result?: string;
  /** Only when failed. */
  readonly error?: string;
  /** Only when failed. */
  readonly failure_category?: FailureCategory;
  /** Omitted for the generic worker. */
  readonly worker?: string;
  readonly rationale: string;
  /** Omitted when the worker never called `submit_result`. */
  readonly structured_output?: { readonly summary: string; readonly confidence: Confidence };
}

/** The whole plan.json document. */
export interface PlanJson {
  readonly goal: string;
  /** The original step tree; omitted when the plan has none. */
  readonly steps?: readonly unknown[];
  readonly tasks: readonly TaskJson[];
}

/**
 * Serialisable form of `plan`: `{goal, steps?, tasks: [{id, description, dependencies, status, result? |
 * error + failure_category, worker?, rationale, structured_output?}]}` with keys in exactly that order.
 * Pure; never throws.
 */
export function planToJson(plan: Plan): PlanJson {
  const tasks = plan.tasks.map(taskToJson);
  return plan.steps === undefined
    ? { goal: plan.goal, tasks }
    : { goal: plan.goal, steps: stepsToJson(plan.steps), tasks };
}

function taskToJson(task: Task): TaskJson {
  const { state, structuredOutput } = task;
  return {
    id: task.id,
    description: task.description,
    dependencies: [...task.dependencies],
    status: state.status,
    ...(state.status === 'complete' ? { result: state.result } : {}),
    ...(state.status === 'failed' ? { error: state.error, failure_category: state.category } : {}),
    ...(task.worker === undefined ? {} : { worker: task.worker }),
    rationale: task.rationale,
    ...(structuredOutput === undefined
      ? {}
      : { structured_output: { summary: structuredOutput.summary, confidence: structuredOutput.confidence } }),
  };
}
