import { describe, expect, it } from 'vitest';
import {
  buildExecutionSummary,
  buildFailureSummary,
  failedTaskRecords,
  isProviderShortCircuit,
  providerShortCircuitMessage,
} from './execution-summary.js';
import { planFromSteps } from './plan/flatten-steps.js';
import { completeTask, failTask, startTask } from './plan/plan-state.js';
import type { Plan } from './plan/plan-types.js';

function fivePlan(): Plan {
  const result = planFromSteps('g', [
    {
      type: 'parallel',
      items: [
        { type: 'task', task: 'A', worker: 'stats' },
        { type: 'task', task: 'B' },
        { type: 'task', task: 'E' },
      ],
    },
    { type: 'task', task: 'C' },
    { type: 'task', task: 'D' },
  ]);
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

describe('buildExecutionSummary (orchestration-spec §1.10)', () => {
  it('renders one status line per task', () => {
    let plan = completeTask(fivePlan(), 0, 'añb'); // 4 bytes
    plan = failTask(plan, 1, 'boom boom', 'agent_error');
    plan = startTask(plan, 2);
    expect(buildExecutionSummary(plan.tasks, 4)).toBe(
      [
        'Task 0: A [✓ complete (4 chars)]',
        'Task 1: B [✗ failed: boom [truncated]]',
        'Task 2: E [▶ running]',
        'Task 3: C [⏸ blocked by failed dependency]',
        'Task 4: D [⏳ pending]',
      ].join('\n'),
    );
  });
});

describe('buildFailureSummary', () => {
  it('is absent when nothing failed or is blocked', () => {
    expect(buildFailureSummary(completeTask(fivePlan(), 0, 'x').tasks, 100)).toBeUndefined();
  });

  it('counts failed and directly blocked tasks (case 11)', () => {
    const plan = failTask(fivePlan(), 1, 'boom', 'agent_error');
    expect(buildFailureSummary(plan.tasks, 100)).toEqual({
      reasoning: 'Execution failed: 1 task(s) failed, 1 task(s) blocked by dependencies.',
      gaps: [
        'Some tasks could not complete due to errors',
        `Execution summary:\n${buildExecutionSummary(plan.tasks, 100)}`,
      ],
    });
  });
});

describe('failedTaskRecords', () => {
  it('records failed tasks with iteration, worker and category', () => {
    let plan = failTask(fivePlan(), 0, 'e0', 'loop_detected');
    plan = failTask(plan, 1, 'e1', 'soft_failure');
    expect(failedTaskRecords(plan.tasks, 2)).toEqual([
      { description: 'A', error: 'e0', iteration: 2, worker: 'stats', category: 'loop_detected' },
      { description: 'B', error: 'e1', iteration: 2, category: 'soft_failure' },
    ]);
  });
});

describe('provider short-circuit (case 15)', () => {
  it('fires only when every failure is provider-class and nothing completed', () => {
    const both = failTask(
      failTask(fivePlan(), 0, '429 Too Many Requests', 'provider_overloaded'),
      1,
      '401',
      'provider_auth_error',
    );
    expect(isProviderShortCircuit(both.tasks)).toBe(true);
    expect(providerShortCircuitMessage(both.tasks, 100)).toMatch(
      /^Provider error: all tasks failed due to provider issues \(not retryable via replan\):\nTask 0: A \[✗ failed: 429/,
    );
    expect(isProviderShortCircuit(completeTask(both, 2, 'ok').tasks)).toBe(false);
    expect(isProviderShortCircuit(failTask(both, 2, 'boom', 'agent_error').tasks)).toBe(false);
    expect(isProviderShortCircuit(fivePlan().tasks)).toBe(false);
  });
});
