import { describe, expect, it } from 'vitest';
import { planFromSteps } from './plan/flatten-steps.js';
import { completeTask, failTask } from './plan/plan-state.js';
import {
  buildRawTaskResults,
  isTimeBudgetExhausted,
  postExecuteErrorNote,
  REPLAN_BUDGET_EXHAUSTED_NOTE,
  TIME_BUDGET_EXHAUSTED_NOTE,
} from './raw-results.js';

describe('buildRawTaskResults (orchestration-spec §1.11, case 13)', () => {
  it('lists every task after the note', () => {
    const result = planFromSteps('g', [
      { type: 'task', task: 'Compute mean' },
      { type: 'task', task: 'Multiply' },
      { type: 'task', task: 'Report' },
    ]);
    if (!result.ok) throw new Error(result.error);
    const plan = failTask(completeTask(result.plan, 0, '20'), 1, 'boom', 'agent_error');
    expect(buildRawTaskResults(REPLAN_BUDGET_EXHAUSTED_NOTE, plan.tasks)).toBe(
      'Replan budget exhausted: coordinator requested another iteration but max_planning_cycles reached\n\n' +
        'Raw task results:\n\n' +
        '## Task 0: Compute mean\n\n20\n\n' +
        '## Task 1: Multiply\n\nFailed: boom\n\n' +
        '## Task 2: Report\n\n(not executed)\n\n',
    );
  });

  it('has the exact budget notes', () => {
    expect(TIME_BUDGET_EXHAUSTED_NOTE).toBe(
      'Time budget exhausted: the remaining outer budget cannot fit another iteration',
    );
    expect(buildRawTaskResults('note', [])).toBe('note\n\nRaw task results:\n\n');
  });
});

describe('postExecuteErrorNote', () => {
  it('chooses the note by error category (case 14)', () => {
    expect(postExecuteErrorNote('Planning failed: bad request')).toBe(
      'Post-execute coordinator call failed: Planning failed: bad request',
    );
    expect(postExecuteErrorNote('Planning timed out after 1s')).toBe(
      'Post-execute coordinator call timed out: Planning timed out after 1s',
    );
    expect(postExecuteErrorNote('MaxDepthError: reached limit')).toBe(
      'Post-execute coordinator exhausted its turn budget without routing: MaxDepthError: reached limit',
    );
  });
});

describe('isTimeBudgetExhausted', () => {
  it('refuses another iteration when elapsed + per-call timeout exceeds the outer budget', () => {
    expect(isTimeBudgetExhausted({ outerBudgetMs: 900_000, perCallTimeoutSecs: 120, elapsedMs: 780_001 })).toBe(true);
    expect(isTimeBudgetExhausted({ outerBudgetMs: 900_000, perCallTimeoutSecs: 120, elapsedMs: 780_000 })).toBe(false);
  });

  it('never fires without a per-call timeout', () => {
    expect(isTimeBudgetExhausted({ outerBudgetMs: 1000, perCallTimeoutSecs: 0, elapsedMs: 10_000 })).toBe(false);
  });

  it('treats an outer budget of 0 or none as unlimited (fix)', () => {
    expect(isTimeBudgetExhausted({ outerBudgetMs: 0, perCallTimeoutSecs: 60, elapsedMs: 10_000_000 })).toBe(false);
    expect(isTimeBudgetExhausted({ outerBudgetMs: undefined, perCallTimeoutSecs: 60, elapsedMs: 10_000_000 })).toBe(
      false,
    );
    expect(isTimeBudgetExhausted({ perCallTimeoutSecs: 60, elapsedMs: 1 })).toBe(false);
  });
});
