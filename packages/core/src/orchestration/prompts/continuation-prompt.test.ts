import { describe, expect, it } from 'vitest';
import { buildFailureSummary, failedTaskRecords } from '../execution-summary.js';
import { planFromSteps } from '../plan/flatten-steps.js';
import { completeTask, failTask } from '../plan/plan-state.js';
import type { Plan } from '../plan/plan-types.js';
import type { Step } from '../plan/step.js';
import { buildContinuationPrompt, type ContinuationContext } from './continuation-prompt.js';
import type { ToolTraceEntryView } from './run-manifest-view.js';

function plan(goal: string, steps: Step[]): Plan {
  const result = planFromSteps(goal, steps);
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

function context(overrides: Partial<ContinuationContext> & { plan: Plan }): ContinuationContext {
  return {
    iteration: 1,
    maxPlanningCycles: 3,
    failureHistory: [],
    showToolReasoning: false,
    resultSummaryLength: 2000,
    ...overrides,
  };
}

describe('buildContinuationPrompt (orchestration-spec §1.12)', () => {
  it('renders a clean single-task iteration (case 3)', () => {
    const executed = completeTask(
      plan('g', [{ type: 'task', task: 'Compute mean of 10,20,30', worker: 'stats' }]),
      0,
      '20',
      { summary: 'mean=20', confidence: 'high' },
    );
    const prompt = buildContinuationPrompt(context({ plan: executed }));
    expect(prompt.startsWith('ITERATION 1 of 3\n\nGoal: g\nOutcome: 1 of 1 tasks succeeded.\n\n')).toBe(true);
    expect(prompt).toContain('COMPLETED TASKS:\n- Task 0: Compute mean of 10,20,30 (confidence: high)\n    20\n\n');
    for (const absent of [
      'FAILED TASKS:',
      'BLOCKED TASKS',
      'FAILURE SUMMARY:',
      'FAILURE HISTORY:',
      'REUSING',
      'FINAL ATTEMPT',
    ]) {
      expect(prompt).not.toContain(absent);
    }
    for (const tool of ['read_artifact', 'respond_directly', 'create_plan', 'request_clarification'])
      expect(prompt).toContain(tool);
  });

  it('indents every line of a multi-line result and marks the final attempt (case 12)', () => {
    const executed = completeTask(plan('g', [{ type: 'task', task: 'T' }]), 0, 'line 1\r\nline 2\n');
    const prompt = buildContinuationPrompt(context({ plan: executed, iteration: 2 }));
    expect(prompt.startsWith('ITERATION 2 of 3 (FINAL ATTEMPT)\n')).toBe(true);
    expect(prompt).toContain('- Task 0: T\n    line 1\n    line 2\n\n');
  });

  it('shows a soft failure with its category (case 10)', () => {
    const executed = failTask(plan('g', [{ type: 'task', task: 'T' }]), 0, 'I could not', 'soft_failure');
    const prompt = buildContinuationPrompt(
      context({ plan: executed, failureHistory: failedTaskRecords(executed.tasks, 1) }),
    );
    expect(prompt).toContain('Outcome: 0 of 1 tasks succeeded.');
    expect(prompt).toContain('FAILED TASKS:\n- Task 0: T → failed [soft_failure]: I could not\n\n');
  });

  it('renders blocked tasks, the failure summary and history (case 11)', () => {
    const executed = failTask(
      plan('g', [
        { type: 'task', task: 'A', worker: 'stats' },
        { type: 'task', task: 'B', worker: 'math' },
      ]),
      0,
      'Worker failed task 0 after 1 attempts: boom',
      'agent_error',
    );
    const prompt = buildContinuationPrompt(
      context({
        plan: executed,
        failureSummary: buildFailureSummary(executed.tasks, 2000),
        failureHistory: failedTaskRecords(executed.tasks, 1),
      }),
    );
    expect(prompt).toContain('Outcome: 0 of 2 tasks succeeded.');
    expect(prompt).toContain('BLOCKED TASKS (dependencies failed):\n- Task 1: B → blocked (dependency failed)\n\n');
    expect(prompt).toContain(
      'FAILED TASKS:\n- Task 0: A → failed [agent_error]: Worker failed task 0 after 1 attempts: boom\n\n',
    );
    expect(prompt).toContain(
      'FAILURE SUMMARY:\nExecution failed: 1 task(s) failed, 1 task(s) blocked by dependencies.\n\nAREAS NEEDING ATTENTION:\n- Some tasks could not complete due to errors\n- Execution summary:\n',
    );
    expect(prompt).toContain('Task 1: B [⏸ blocked by failed dependency]');
    expect(prompt).toContain(
      'FAILURE HISTORY:\n- Iteration 1: "A" (worker: stats) — [agent_error] Worker failed task 0 after 1 attempts: boom\n\n',
    );
    // Sections appear in the reference's order.
    const order = ['BLOCKED TASKS', 'FAILED TASKS:', 'FAILURE SUMMARY:', 'FAILURE HISTORY:'].map((header) =>
      prompt.indexOf(header),
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(prompt).not.toContain('REUSING');
  });

  it('lists repeated failures under OBSERVED PATTERNS: with a single colon', () => {
    const executed = failTask(plan('g', [{ type: 'task', task: 'A' }]), 0, 'boom again', 'agent_error');
    const history = [
      { description: 'A', error: 'boom', iteration: 1, category: 'agent_error' as const },
      { description: 'A', error: 'slow', iteration: 1, category: 'agent_timeout' as const },
      ...failedTaskRecords(executed.tasks, 2),
    ];
    const prompt = buildContinuationPrompt(context({ plan: executed, iteration: 2, failureHistory: history }));
    expect(prompt).toContain('- Iteration 1: "A" — [agent_error] boom\n');
    expect(prompt).toContain(
      '\n\nOBSERVED PATTERNS:\n- "A" has failed 2 times with [agent_error] — consider a fundamentally different approach\n\n',
    );
    expect(prompt).not.toContain('OBSERVED PATTERNS::');
    expect(prompt).not.toContain('[agent_timeout] — consider');
  });

  it('truncates errors to result_summary_length bytes with a marker', () => {
    const executed = failTask(plan('g', [{ type: 'task', task: 'A' }]), 0, `ab€${'x'.repeat(10)}`, 'agent_error');
    const prompt = buildContinuationPrompt(
      context({ plan: executed, resultSummaryLength: 4, failureHistory: failedTaskRecords(executed.tasks, 1) }),
    );
    expect(prompt).toContain('→ failed [agent_error]: ab [truncated]\n');
    expect(prompt).toContain('— [agent_error] ab [truncated]\n');
  });

  it('shows the summary and footer of an artifacted result, plus artifact lines (cases 18, 19)', () => {
    const footer = '[Full result (300 chars) saved to artifact: task-0-stats-iter-1-result.txt]';
    const stored = `${'r'.repeat(50)}\n\n${footer}`;
    let executed = plan('g', [
      { type: 'task', task: 'Big', worker: 'stats' },
      { type: 'task', task: 'No summary' },
    ]);
    executed = completeTask(executed, 0, stored, { summary: 'short summary', confidence: 'medium' });
    executed = completeTask(executed, 1, stored);
    const traces = new Map<number, ToolTraceEntryView[]>([
      [
        0,
        [
          {
            tool: 'mean',
            duration_ms: 1250,
            reasoning: 'r'.repeat(120),
            outcome: { success: { output_bytes: 40 } },
            artifact_filename: 'task-0-stats-iter-1-mean-0-output.txt',
          },
          {
            tool: 'median',
            duration_ms: 300,
            outcome: { error: { message: 'bad input' } },
            artifact_filename: 'x.txt',
          },
        ],
      ],
    ]);
    const quiet = buildContinuationPrompt(context({ plan: executed, toolTraces: traces }));
    expect(quiet).toContain(
      `- Task 0: Big (confidence: medium)\n    short summary\n    ${footer}\n    [Artifact: task-0-stats-iter-1-mean-0-output.txt (40 bytes)]\n- Task 1: No summary\n    ${'r'.repeat(50)}\n    \n    ${footer}\n\n`,
    );
    expect(quiet).not.toContain('Tool chain');
    const verbose = buildContinuationPrompt(context({ plan: executed, toolTraces: traces, showToolReasoning: true }));
    expect(verbose).toContain(
      `    Tool chain: mean (1.2s, "${'r'.repeat(100)}…") → median (0.3s, FAILED: bad input)\n`,
    );
  });

  it('always shows the tool chain (and artifacts) of failed tasks, and adds reuse guidance with mixed outcomes', () => {
    let executed = plan('g', [
      {
        type: 'parallel',
        items: [
          { type: 'task', task: 'ok' },
          { type: 'task', task: 'bad' },
        ],
      },
    ]);
    executed = completeTask(executed, 0, 'fine');
    executed = failTask(executed, 1, 'Worker task timed out after 1s', 'agent_timeout');
    const traces = new Map<number, ToolTraceEntryView[]>([
      [
        1,
        [{ tool: 'query', duration_ms: 2000, outcome: { success: { output_bytes: 900 } }, artifact_filename: 'q.txt' }],
      ],
    ]);
    const prompt = buildContinuationPrompt(context({ plan: executed, toolTraces: traces }));
    expect(prompt).toContain(
      '- Task 1: bad → failed [agent_timeout]: Worker task timed out after 1s\n    [Artifact: q.txt (900 bytes)]\n    Tool chain: query (2.0s)\n\n',
    );
    expect(prompt).toContain('REUSING COMPLETED WORK:');
  });

  it('renders a soft failure that carries structured output with its confidence', () => {
    const executed = failTask(plan('g', [{ type: 'task', task: 'T' }]), 0, 'raw text', 'soft_failure', {
      summary: 'partial findings',
      confidence: 'low',
    });
    expect(buildContinuationPrompt(context({ plan: executed }))).toContain(
      '- Task 0: T → soft_failure (low confidence)\n    partial findings\n\n',
    );
  });

  it('shows max_planning_cycles = 0 as one iteration', () => {
    const executed = completeTask(plan('g', [{ type: 'task', task: 'T' }]), 0, 'x');
    expect(buildContinuationPrompt(context({ plan: executed, maxPlanningCycles: 0 }))).toMatch(
      /^ITERATION 1 of 1 \(FINAL ATTEMPT\)\n/,
    );
  });
});
