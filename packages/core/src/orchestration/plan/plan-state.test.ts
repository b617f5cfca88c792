import { describe, expect, it } from 'vitest';
import { planFromSteps } from './flatten-steps.js';
import {
  completedDependencies,
  completeTask,
  countTasks,
  failTask,
  isDirectlyBlocked,
  isPlanFinished,
  readyTasks,
  startTask,
} from './plan-state.js';
import type { Plan, Task } from './plan-types.js';

function twoWavePlan(): Plan {
  const result = planFromSteps('g', [
    {
      type: 'parallel',
      items: [
        { type: 'task', task: 'A' },
        { type: 'task', task: 'B' },
      ],
    },
    { type: 'task', task: 'C' },
    { type: 'task', task: 'D' },
  ]);
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

const ids = (tasks: readonly Task[]): number[] => tasks.map((task) => task.id);

describe('plan state helpers', () => {
  it('computes waves from completed dependencies only', () => {
    let plan = twoWavePlan();
    expect(ids(readyTasks(plan))).toEqual([0, 1]);
    plan = startTask(startTask(plan, 0), 1);
    expect(readyTasks(plan)).toEqual([]);
    plan = completeTask(plan, 0, 'a');
    expect(readyTasks(plan)).toEqual([]);
    plan = completeTask(plan, 1, 'b');
    expect(ids(readyTasks(plan))).toEqual([2]);
    expect(completedDependencies(plan, plan.tasks[2] as Task)).toEqual([
      { id: 0, description: 'A', result: 'a' },
      { id: 1, description: 'B', result: 'b' },
    ]);
  });

  it('blocks direct dependents of a failed task and never readies them', () => {
    let plan = failTask(completeTask(twoWavePlan(), 0, 'a'), 1, 'boom', 'agent_error');
    expect(readyTasks(plan)).toEqual([]);
    expect(plan.tasks.map((task) => isDirectlyBlocked(plan, task))).toEqual([false, false, true, false]);
    expect(isPlanFinished(plan)).toBe(false);
    expect(countTasks(plan, 'pending')).toBe(2);
    plan = completeTask(completeTask(plan, 2, 'c'), 3, 'd');
    expect(isPlanFinished(plan)).toBe(true);
  });

  it('returns new plans and leaves the input untouched', () => {
    const plan = twoWavePlan();
    const next = completeTask(plan, 0, 'r', { summary: 's', confidence: 'low' });
    expect(plan.tasks[0]?.state).toEqual({ status: 'pending' });
    expect(next.tasks[0]).toMatchObject({
      state: { status: 'complete', result: 'r' },
      structuredOutput: { summary: 's' },
    });
    expect(completedDependencies(next, next.tasks[3] as Task)).toEqual([]);
  });
});
