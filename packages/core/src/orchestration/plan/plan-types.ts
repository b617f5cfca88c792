/**
 * Plans and tasks (orchestration-spec §1.8): a plan keeps the coordinator's original step tree for
 * persistence and the flattened task DAG for execution. Values are immutable; `plan-state.ts` returns
 * updated copies.
 */
import type { FailureCategory } from '../failure-category.js';
import type { Step } from './step.js';

/** Worker-reported confidence (`submit_result.confidence`). */
export type Confidence = 'high' | 'medium' | 'low';

/** The three confidence levels. */
export const CONFIDENCE_LEVELS: readonly Confidence[] = ['high', 'medium', 'low'];

/**
 * `submit_result`'s confidence rule (§2.5): case-insensitive `high` / `medium` / `low`; anything else
 * (including non-strings) becomes `medium`.
 */
export function normaliseConfidence(value: unknown): Confidence {
  if (typeof value !== 'string') return 'medium';
  const lower = value.toLowerCase();
  return lower === 'high' || lower === 'low' ? lower : 'medium';
}

/** What `submit_result` reported besides the result text. */
export interface StructuredOutput {
  /** 1–3 sentence summary: the preview shown to the coordinator and in session history. */
  readonly summary: string;
  readonly confidence: Confidence;
}

/** The four task statuses as written to `plan.json` and manifests. */
export type TaskStatus = 'pending' | 'running' | 'complete' | 'failed';

/** A task's execution state; only `complete` carries a result and only `failed` an error and category. */
export type TaskState =
  | { readonly status: 'pending' }
  | { readonly status: 'running' }
  | { readonly status: 'complete'; readonly result: string }
  | { readonly status: 'failed'; readonly error: string; readonly category: FailureCategory };

/** One node of the execution DAG. */
export interface Task {
  /** 0-based, in depth-first document order of the step tree; restarts at 0 in every iteration. */
  readonly id: number;
  /** The step's `task` text. */
  readonly description: string;
  /** Ids of the tasks that must be complete before this one may start. */
  readonly dependencies: readonly number[];
  /** Named worker; absent → generic worker. Not validated at planning time (§1.8). */
  readonly worker?: string;
  /** Always `""` for step plans (kept for the plan.json shape). */
  readonly rationale: string;
  readonly state: TaskState;
  /** Present when the worker called `submit_result` (orthogonal to pass/fail). */
  readonly structuredOutput?: StructuredOutput;
}

/** A decomposed request. */
export interface Plan {
  /** The goal the coordinator stated (or the query, for fallback / converted plans). */
  readonly goal: string;
  /** The original step tree (persisted in plan.json); absent for plans built without one. */
  readonly steps?: readonly Step[];
  /** The flattened tasks, ordered by id. */
  readonly tasks: readonly Task[];
}

/** `plan_created.routing_mode`. */
export type RoutingMode = 'routed' | 'orchestrated';

/** `"routed"` when the plan has exactly one task, else `"orchestrated"` (§1.8). */
export function routingModeFor(plan: Plan): RoutingMode {
  return plan.tasks.length === 1 ? 'routed' : 'orchestrated';
}
