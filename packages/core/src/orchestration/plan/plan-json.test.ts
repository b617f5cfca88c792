import { describe, expect, it } from 'vitest';
import { planFromSteps } from './flatten-steps.js';
import { planToJson } from './plan-json.js';
import { completeTask, failTask, startTask } from './plan-state.js';
import type { Plan } from './plan-types.js';

function plan(): Plan {
  const result = planFromSteps('Mean then multiply', [
    {
      type: 'parallel',
      items: [
        { type: 'task', task: 'mean', worker: 'stats' },
        { type: 'task', task: 'median' },
      ],
    },
    { type: 'task', task: 'multiply', worker: 'math' },
  ]);
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

describe('planToJson (orchestration-spec §4.3)', () => {
  it('writes the reference key order and omits absent keys', () => {
    let executed = completeTask(plan(), 0, '20', { summary: 'mean=20', confidence: 'high' });
    executed = failTask(executed, 1, 'boom', 'agent_error');
    executed = startTask(executed, 2);
    const text = JSON.stringify(planToJson(executed), null, 2);
    expect(JSON.parse(text)).toEqual({
      goal: 'Mean then multiply',
      steps: [
        {
          type: 'parallel',
          items: [
            { type: 'task', task: 'mean', worker: 'stats' },
            { type: 'task', task: 'median' },
          ],
        },
        { type: 'task', task: 'multiply', worker: 'math' },
      ],
      tasks: [
        {
          id: 0,
          description: 'mean',
          dependencies: [],
          status: 'complete',
          result: '20',
          worker: 'stats',
          rationale: '',
          structured_output: { summary: 'mean=20', confidence: 'high' },
        },
        {
          id: 1,
          description: 'median',
          dependencies: [],
          status: 'failed',
          error: 'boom',
          failure_category: 'agent_error',
          rationale: '',
        },
        { id: 2, description: 'multiply', dependencies: [0, 1], status: 'running', worker: 'math', rationale: '' },
      ],
    });
    const json = planToJson(executed);
    expect(Object.keys(json)).toEqual(['goal', 'steps', 'tasks']);
    expect(json.tasks.map((task) => Object.keys(task))).toEqual([
      ['id', 'description', 'dependencies', 'status', 'result', 'worker', 'rationale', 'structured_output'],
      ['id', 'description', 'dependencies', 'status', 'error', 'failure_category', 'rationale'],
      ['id', 'description', 'dependencies', 'status', 'worker', 'rationale'],
    ]);
    expect(text).toContain('"status": "complete",\n      "result": "20",\n      "worker": "stats"');
  });

  it('omits steps when the plan has none', () => {
    const json = planToJson({
      goal: 'g',
      tasks: [{ id: 0, description: 'd', dependencies: [], rationale: '', state: { status: 'pending' } }],
    });
    expect(json).toEqual({
      goal: 'g',
      tasks: [{ id: 0, description: 'd', dependencies: [], status: 'pending', rationale: '' }],
    });
    expect('steps' in json).toBe(false);
  });
});
