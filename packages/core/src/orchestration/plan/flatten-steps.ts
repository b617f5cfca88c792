/**
 * Step tree → task DAG (orchestration-spec §1.8, `flatten_steps`). A frontier algorithm: every step depends
 * on the exit tasks of the step before it, so cycles and forward references cannot be built.
 */
import type { Plan, Task } from './plan-types.js';
import type { Step } from './step.js';

/** Deepest allowed group nesting: top level (0) → parallel (1) → chain (2); no group may sit at depth 2. */
export const MAX_STEP_NESTING = 2;

const NESTING_ERROR = `Step nesting depth exceeds maximum of ${MAX_STEP_NESTING}`;

/** Outcome of {@link flattenSteps}. */
export type FlattenResult =
  | { readonly ok: true; readonly tasks: readonly Task[] }
  | { readonly ok: false; readonly error: string };

/**
 * Flattens a step tree into pending tasks. Ids are 0-based in depth-first document order; a task depends on
 * every exit task of the previous sequential step (a parallel group's exits are all its items' exits; a
 * chain's exits are its last step's exits).
 *
 * Errors (the reference's exact strings): `Steps list is empty`, `Empty parallel group`, `Empty sub-chain`,
 * `Step nesting depth exceeds maximum of 2` (a `parallel`/`chain` at depth 2, e.g. parallel → chain →
 * parallel). A single-item parallel group and a top-level chain are accepted. Never throws.
 *
 * @example flattenSteps([{ type: 'task', task: 'A' }, { type: 'task', task: 'B' }]) // B depends on [0]
 */
export function flattenSteps(steps: readonly Step[]): FlattenResult {
  if (steps.length === 0) return { ok: false, error: 'Steps list is empty' };
  const tasks: Task[] = [];
  const outcome = flattenSequential(steps, [], 0, tasks);
  return typeof outcome === 'string' ? { ok: false, error: outcome } : { ok: true, tasks };
}

/** Outcome of {@link planFromSteps}. */
export type PlanResult = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly error: string };

/** Builds a pending plan (goal, original steps, flattened tasks), or the flattening error. */
export function planFromSteps(goal: string, steps: readonly Step[]): PlanResult {
  const flattened = flattenSteps(steps);
  return flattened.ok ? { ok: true, plan: { goal, steps, tasks: flattened.tasks } } : flattened;
}

/** Exit task ids of a flattened step, or the error message that rejects the tree. */
type Exits = number[] | string;

function flattenSequential(steps: readonly Step[], frontier: readonly number[], depth: number, out: Task[]): Exits {
  let current: Exits = [...frontier];
  for (const step of steps) {
    current = flattenOne(step, current, depth, out);
    if (typeof current === 'string') return current;
  }
  return current;
}

function flattenOne(step: Step, frontier: readonly number[], depth: number, out: Task[]): Exits {
  switch (step.type) {
    case 'task': {
      const id = out.length;
      const base = { id, description: step.task, dependencies: [...frontier], rationale: '' };
      out.push(
        step.worker === undefined
          ? { ...base, state: { status: 'pending' } }
          : { ...base, worker: step.worker, state: { status: 'pending' } },
      );
      return [id];
    }
    case 'parallel': {
      if (step.items.length === 0) return 'Empty parallel group';
      if (depth >= MAX_STEP_NESTING) return NESTING_ERROR;
      const exits: number[] = [];
      for (const item of step.items) {
        const itemExits = flattenOne(item, frontier, depth + 1, out);
        if (typeof itemExits === 'string') return itemExits;
        exits.push(...itemExits);
      }
      return exits;
    }
    case 'chain': {
      if (step.steps.length === 0) return 'Empty sub-chain';
      if (depth >= MAX_STEP_NESTING) return NESTING_ERROR;
      return flattenSequential(step.steps, frontier, depth + 1, out);
    }
  }
}
