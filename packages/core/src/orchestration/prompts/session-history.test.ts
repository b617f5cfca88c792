import { describe, expect, it } from 'vitest';
import type { RunManifestView } from './run-manifest-view.js';
import { buildSessionHistory } from './session-history.js';

const older: RunManifestView = {
  run_id: '0190-a',
  timestamp: '2025-03-01T09:00:00Z',
  goal: 'Compute the mean',
  status: 'success',
  outcome: '1/1 tasks completed',
  task_summaries: [
    {
      task_id: 0,
      description: 'Compute mean of 10,20,30',
      status: 'complete',
      worker: 'stats',
      result_preview: 'mean=20',
      confidence: 'high',
      tool_trace: [
        { tool: 'mean', duration_ms: 1200, outcome: { success: { output_bytes: 2 } } },
        { tool: 'median', duration_ms: 10, outcome: { error: { message: 'bad' } } },
      ],
      artifacts: [{ filename: 'task-0-stats-iter-1-result.txt', size_bytes: 123 }],
    },
  ],
};

const newer: RunManifestView = {
  run_id: '0190-b',
  timestamp: '2025-03-01T10:00:00Z',
  goal: 'What is 2+2?',
  status: 'partial_success',
  response_summary: 'Answered 4',
  task_summaries: [
    {
      task_id: 0,
      description: 'Fetch logs',
      status: 'failed',
      worker: null,
      failure_category: 'agent_timeout',
      error: 'timed out',
      error_context: { last_tool_call: 'logs' },
    },
    { task_id: 1, description: 'Summarise', status: 'pending', worker: 'math' },
  ],
};

describe('buildSessionHistory (orchestration-spec §4.6, case 22)', () => {
  it('renders prior runs oldest first with the reference line shapes', () => {
    const text = buildSessionHistory([newer, older]);
    expect(text.startsWith('## Session History\n\n')).toBe(true);
    expect(text).toContain('read_artifact');
    expect(text).toContain(
      [
        '### Turn 1 (2025-03-01T09:00:00Z) — Success',
        'Goal: "Compute the mean"',
        'Outcome: 1/1 tasks completed',
        'Tasks:',
        '  Task 0 [stats] — Complete (high)',
        '    "Compute mean of 10,20,30"',
        '    Summary: "mean=20"',
        '    Tool chain: mean (1.2s) → median (FAILED: bad)',
        '    Artifacts: task-0-stats-iter-1-result.txt (123B)',
        '  (use run_id="0190-a" with read_artifact for cross-run access)',
        '',
        '### Turn 2 (2025-03-01T10:00:00Z) — PartialSuccess',
        'Goal: "What is 2+2?"',
        'Response: "Answered 4"',
        'Tasks:',
        '  Task 0 [unassigned] — FAILED (agent_timeout)',
        '    "Fetch logs"',
        '    Error: timed out',
        '    Last tool: logs',
        '  Task 1 [math] — pending',
        '    "Summarise"',
        '',
        '(2 prior run(s) shown above)',
        '',
      ].join('\n'),
    );
    expect(text.match(/cross-run access/g)).toHaveLength(1);
  });

  it('is empty without prior runs', () => {
    expect(buildSessionHistory([])).toBe('');
  });

  it('counts a single run', () => {
    expect(buildSessionHistory([{ ...older, status: 'failed', task_summaries: [] }])).toContain(
      '### Turn 1 (2025-03-01T09:00:00Z) — Failed\nGoal: "Compute the mean"\nOutcome: 1/1 tasks completed\n\n(1 prior run(s) shown above)\n',
    );
  });
});
