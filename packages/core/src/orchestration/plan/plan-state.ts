/**
 * Pure queries and updates over a {@link Plan} for the wave executor (orchestration-spec §1.10). Updates
 * return a new plan; the input is never mutated.
 */
import type { FailureCategory } from '../failure-category.js';
import type { Plan, StructuredOutput, Task, TaskState } from './plan-types.js';

/** The task with `id`, or `undefined`. */
export function findTask(plan: Plan, id: number): Task | undefined {
  return plan.tasks.find((task) => task.id === id);
}

/** Tasks (in plan order) that are pending and whose every dependency is complete: the next wave. */
export function readyTasks(plan: Plan): Task[] {
  return plan.tasks.filter(
    (task) =>
      task.state.status === 'pending' &&
      task.dependencies.every((id) => findTask(plan, id)?.state.status === 'complete'),
  );
}

/** Whether `task` is pending with a *direct* dependency that failed (rendered `⏸ blocked by failed dependency`). */
export function isDirectlyBlocked(plan: Plan, task: Task): boolean {
  return (
    task.state.status === 'pending' && task.dependencies.some((id) => findTask(plan, id)?.state.status === 'failed')
  );
}

/** Whether every task is complete or failed. */
export function isPlanFinished(plan: Plan): boolean {
  return plan.tasks.every((task) => task.state.status === 'complete' || task.state.status === 'failed');
}

/** Number of tasks with `status`. */
export function countTasks(plan: Plan, status: TaskState['status']): number {
  return plan.tasks.filter((task) => task.state.status === status).length;
}

/**
 * The direct dependencies of `task` that are complete, in dependency order, as the worker task prompt's
 * context entries (§2.4; transitive results are not included).
 */
export function completedDependencies(
  plan: Plan,
  task: Task,
): Array<{ readonly id: number; readonly description: string; readonly result: string }> {
  const out: Array<{ readonly id: number; readonly description: string; readonly result: string }> = [];
  for (const id of task.dependencies) {
    const dependency = findTask(plan, id);
    if (dependency?.state.status === 'complete') {
      out.push({ id, description: dependency.description, result: dependency.state.result });
    }
  }
  return out;
}

/** Returns a copy of `plan` with task `id` replaced by `update(task)`; unknown ids leave the plan unchanged. */
export function updateTask(plan: Plan, id: number, update: (task: Task) => Task): Plan {
  return { ...plan, tasks: plan.tasks.map((task) => (task.id === id ? update(task) : task)) };
}

/** Marks task `id` running. */
export function startTask(plan: Plan, id: number): Plan {
  return updateTask(plan, id, (task) => ({ ...task, state: { status: 'running' } }));
}

/** Marks task `id` complete with `result`, recording the structured output when given. */
export function completeTask(plan: Plan, id: number, result: string, structuredOutput?: StructuredOutput): Plan {
  return updateTask(plan, id, (task) =>
    withOutput({ ...task, state: { status: 'complete', result } }, structuredOutput),
  );
}

/** Marks task `id` failed with `error` and `category`, recording the structured output when given. */
export function failTask(
  plan: Plan,
  id: number,
  error: string,
  category: FailureCategory,
  structuredOutput?: StructuredOutput,
): Plan {
  return updateTask(plan, id, (task) =>
    withOutput({ ...task, state: { status: 'failed', error, category } }, structuredOutput),
  );
}

function withOutput(task: Task, structuredOutput: StructuredOutput | undefined): Task {
  return structuredOutput === undefined ? task : { ...task, structuredOutput };
}
