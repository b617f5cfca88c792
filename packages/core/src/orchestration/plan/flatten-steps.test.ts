import { describe, expect, it } from 'vitest';
import { flattenSteps, planFromSteps } from './flatten-steps.js';
import { routingModeFor, type Task } from './plan-types.js';
import { countLeafTasks, type Step, stepSchema, stepsSchema } from './step.js';

const task = (name: string, worker?: string): Step =>
  worker === undefined ? { type: 'task', task: name } : { type: 'task', task: name, worker };
const parallel = (...items: Step[]): Step => ({ type: 'parallel', items });
const chain = (...steps: Step[]): Step => ({ type: 'chain', steps });

function shape(tasks: readonly Task[]): Array<[number, string, readonly number[]]> {
  return tasks.map((t) => [t.id, t.description, t.dependencies]);
}

function flattenOk(steps: Step[]): readonly Task[] {
  const result = flattenSteps(steps);
  if (!result.ok) throw new Error(`unexpected flatten error: ${result.error}`);
  return result.tasks;
}

describe('flattenSteps (orchestration-spec §1.8, case 23)', () => {
  it.each([
    [[], 'Steps list is empty'],
    [[parallel()], 'Empty parallel group'],
    [[parallel(chain())], 'Empty sub-chain'],
    [[chain()], 'Empty sub-chain'],
    [[parallel(chain(parallel(task('A'))))], 'Step nesting depth exceeds maximum of 2'],
    [[parallel(chain(chain(task('A'))))], 'Step nesting depth exceeds maximum of 2'],
    [[task('ok'), parallel()], 'Empty parallel group'],
  ] as Array<[Step[], string]>)('rejects %j with %j', (steps, error) => {
    expect(flattenSteps(steps)).toEqual({ ok: false, error });
  });

  it('makes top-level steps sequential: [A, B]', () => {
    expect(shape(flattenOk([task('A'), task('B')]))).toEqual([
      [0, 'A', []],
      [1, 'B', [0]],
    ]);
  });

  it('joins a parallel group before the next step: [parallel[A, B], C]', () => {
    expect(shape(flattenOk([parallel(task('A'), task('B')), task('C')]))).toEqual([
      [0, 'A', []],
      [1, 'B', []],
      [2, 'C', [0, 1]],
    ]);
  });

  it('uses a chain exit as the branch exit: [parallel[chain[A, B], C], D]', () => {
    const tasks = flattenOk([parallel(chain(task('A', 'stats'), task('B')), task('C')), task('D', 'math')]);
    expect(shape(tasks)).toEqual([
      [0, 'A', []],
      [1, 'B', [0]],
      [2, 'C', []],
      [3, 'D', [1, 2]],
    ]);
    expect(tasks.map((t) => t.worker)).toEqual(['stats', undefined, undefined, 'math']);
    expect(tasks.every((t) => t.state.status === 'pending' && t.rationale === '')).toBe(true);
    expect('worker' in (tasks[1] ?? {})).toBe(false);
  });

  it('accepts parallel-in-parallel, a single-item group and a top-level chain', () => {
    expect(shape(flattenOk([parallel(parallel(task('A'), task('B'))), task('C')]))).toEqual([
      [0, 'A', []],
      [1, 'B', []],
      [2, 'C', [0, 1]],
    ]);
    expect(shape(flattenOk([parallel(task('A')), task('B')]))).toEqual([
      [0, 'A', []],
      [1, 'B', [0]],
    ]);
    expect(shape(flattenOk([task('A'), chain(task('B'), task('C')), task('D')]))).toEqual([
      [0, 'A', []],
      [1, 'B', [0]],
      [2, 'C', [1]],
      [3, 'D', [2]],
    ]);
  });

  it('starts each branch of a parallel group from the same frontier', () => {
    const tasks = flattenOk([task('A'), parallel(chain(task('B'), task('C')), task('D')), task('E')]);
    expect(shape(tasks)).toEqual([
      [0, 'A', []],
      [1, 'B', [0]],
      [2, 'C', [1]],
      [3, 'D', [0]],
      [4, 'E', [2, 3]],
    ]);
  });
});

describe('planFromSteps / routingModeFor / countLeafTasks', () => {
  it('keeps the goal and the original steps', () => {
    const steps = [task('A'), task('B')];
    const result = planFromSteps('g', steps);
    if (!result.ok) throw new Error(result.error);
    expect(result.plan.goal).toBe('g');
    expect(result.plan.steps).toBe(steps);
    expect(routingModeFor(result.plan)).toBe('orchestrated');
  });

  it('is routed for exactly one task', () => {
    const result = planFromSteps('g', [parallel(task('only'))]);
    if (!result.ok) throw new Error(result.error);
    expect(routingModeFor(result.plan)).toBe('routed');
  });

  it('reports flattening errors', () => {
    expect(planFromSteps('g', [])).toEqual({ ok: false, error: 'Steps list is empty' });
  });

  it('counts leaf tasks at every depth', () => {
    expect(countLeafTasks([parallel(chain(task('A'), task('B')), task('C')), task('D')])).toBe(4);
    expect(countLeafTasks([])).toBe(0);
  });
});

describe('stepSchema', () => {
  it('parses the tagged wire shape, treating a missing or null worker as absent', () => {
    const parsed = stepsSchema.parse([
      { type: 'task', task: 'A', worker: 'stats', extra: 1 },
      { type: 'task', task: 'B', worker: null },
      { type: 'parallel', items: [{ type: 'chain', steps: [{ type: 'task', task: 'C' }] }] },
    ]);
    expect(parsed).toEqual([
      { type: 'task', task: 'A', worker: 'stats' },
      { type: 'task', task: 'B' },
      { type: 'parallel', items: [{ type: 'chain', steps: [{ type: 'task', task: 'C' }] }] },
    ]);
    expect('worker' in (parsed[1] ?? {})).toBe(false);
  });

  it.each([
    [{ type: 'group', items: [] }],
    [{ type: 'task' }],
    [{ type: 'task', task: 3 }],
    [{ type: 'parallel' }],
    [{ type: 'chain', steps: [{ type: 'task' }] }],
    [{ task: 'untagged' }],
  ])('rejects %j', (value) => {
    expect(stepSchema.safeParse(value).success).toBe(false);
  });
});
