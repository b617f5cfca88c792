import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManifestTask } from './build-run-manifest.js';
import { createToolCallRecord } from './persistence-records.js';
import { parseRunManifest } from './run-manifest.js';
import { createRunPersistence, type RunPersistence } from './run-persistence.js';

let root: string;
let persistence: RunPersistence;
const at = new Date(Date.UTC(2026, 4, 1, 12, 30, 0));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-manifest-'));
  persistence = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20, now: () => at });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const complete = (id: number, extra: Partial<ManifestTask> = {}): ManifestTask => ({
  id,
  description: `task ${id}`,
  status: 'complete',
  result: `result ${id}`,
  ...extra,
});
const failed = (id: number, extra: Partial<ManifestTask> = {}): ManifestTask => ({
  id,
  description: `task ${id}`,
  status: 'failed',
  error: 'boom',
  failureCategory: 'agent_error',
  ...extra,
});

async function writePlan(tasks: ManifestTask[]) {
  const manifest = await persistence.writeManifest({ kind: 'plan', goal: 'g', iterations: 1, tasks });
  if (manifest === undefined) throw new Error('manifest not written');
  return manifest;
}

describe('RunPersistence.writeManifest: status and outcome rules', () => {
  it.each([
    ['all complete', [complete(0), complete(1)], 'success', '2/2 tasks completed', 'orchestrated'],
    ['some complete', [complete(0), failed(1)], 'partial_success', '1/2 tasks completed', 'orchestrated'],
    [
      'none complete',
      [failed(0), { id: 1, description: 'b', status: 'pending' } as ManifestTask],
      'failed',
      '0/2 tasks completed',
      'orchestrated',
    ],
    ['single task', [complete(0)], 'success', '1/1 tasks completed', 'routed'],
  ] as const)('%s', async (_label, tasks, status, outcome, routing) => {
    const manifest = await writePlan([...tasks]);
    expect(manifest.status).toBe(status);
    expect(manifest.outcome).toBe(outcome);
    expect(manifest.routing_mode).toBe(routing);
  });

  it('treats an empty plan as success without an outcome', async () => {
    const manifest = await writePlan([]);
    expect(manifest.status).toBe('success');
    expect('outcome' in manifest).toBe(false);
    expect(manifest.routing_mode).toBe('orchestrated');
  });

  it('writes the reference keys in order, plus schema_version, and omits absent optionals', async () => {
    await persistence.writeManifest({
      kind: 'plan',
      goal: 'Compute the mean',
      iterations: 2,
      tasks: [complete(0, { worker: 'stats', structuredOutput: { summary: 'mean=20', confidence: 'high' } })],
      responseSummary: 'The mean is 20',
      phaseTimings: { planningMs: 10.4, executionMs: 200, taskComputeMs: 150, toolMs: 40 },
    });
    const text = await readFile(join(persistence.runDir ?? '', 'manifest.json'), 'utf8');
    const value = JSON.parse(text) as Record<string, unknown>;
    expect(text).toBe(JSON.stringify(value, null, 2));
    expect(Object.keys(value)).toEqual([
      'schema_version',
      'run_id',
      'session_id',
      'timestamp',
      'goal',
      'status',
      'iterations',
      'routing_mode',
      'outcome',
      'response_summary',
      'task_summaries',
      'artifact_paths',
      'phase_timings',
    ]);
    expect(value).toMatchObject({
      schema_version: 1,
      run_id: persistence.runId,
      session_id: 's1',
      timestamp: '2026-05-01T12:30:00.000Z',
      goal: 'Compute the mean',
      iterations: 2,
      response_summary: 'The mean is 20',
      artifact_paths: [],
      phase_timings: { planning_ms: 10, execution_ms: 200, task_compute_ms: 150, tool_ms: 40 },
    });
    expect(value.task_summaries).toEqual([
      {
        task_id: 0,
        description: 'task 0',
        status: 'complete',
        worker: 'stats',
        result_preview: 'mean=20',
        confidence: 'high',
      },
    ]);
  });

  it('omits phase timings when none are given (short-circuit paths)', async () => {
    const manifest = await writePlan([failed(0)]);
    expect('phase_timings' in manifest).toBe(false);
  });

  it('builds previews, failure details, tool traces and task artifacts', async () => {
    const longResult = `${'é'.repeat(150)}tail`;
    await persistence.appendToolCall({
      taskId: 0,
      attempt: 1,
      record: createToolCallRecord({
        tool: 'mean',
        arguments: {},
        reasoning: 'need it',
        output: 'ünï',
        durationMs: 12,
        artifactFilename: 'task-0-stats-iter-1-mean-0-output.txt',
      }),
    });
    await persistence.appendToolCall({
      taskId: 1,
      attempt: 1,
      record: createToolCallRecord({ tool: 'get_logs', arguments: {}, output: 'x', durationMs: 1 }),
    });
    await persistence.appendToolCall({
      taskId: 1,
      attempt: 1,
      record: createToolCallRecord({ tool: 'query', arguments: {}, error: 'ToolCallError: nope', durationMs: 2 }),
    });
    await persistence.writeArtifact('task-0-stats-iter-1-mean-0-output.txt', 'ünï');
    await persistence.writeArtifact('task-0-stats-iter-1-result.txt', 'full');
    await persistence.writeArtifact('task-10-x-iter-1-result.txt', '1234567');
    const manifest = await writePlan([
      complete(0, { worker: 'stats', result: longResult }),
      failed(1, { worker: 'ops', failureCategory: 'loop_detected', result: 'soft text' }),
      { id: 2, description: 'blocked', status: 'pending' },
      failed(3, { failureCategory: undefined, error: undefined }),
    ]);
    expect(manifest.artifact_paths).toEqual([
      'task-0-stats-iter-1-mean-0-output.txt',
      'task-0-stats-iter-1-result.txt',
      'task-10-x-iter-1-result.txt',
    ]);
    const [task0, task1, task2, task3] = manifest.task_summaries;
    expect(task0).toEqual({
      task_id: 0,
      description: 'task 0',
      status: 'complete',
      worker: 'stats',
      result_preview: 'é'.repeat(100),
      tool_trace: [
        {
          tool: 'mean',
          reasoning: 'need it',
          duration_ms: 12,
          outcome: { success: { output_bytes: 5 } },
          artifact_filename: 'task-0-stats-iter-1-mean-0-output.txt',
        },
      ],
      artifacts: [
        {
          filename: 'task-0-stats-iter-1-mean-0-output.txt',
          size_bytes: 5,
          kind: { tool_output: { tool_name: 'mean' } },
        },
        { filename: 'task-0-stats-iter-1-result.txt', size_bytes: 4, kind: 'result' },
      ],
    });
    expect(task1).toEqual({
      task_id: 1,
      description: 'task 1',
      status: 'failed',
      worker: 'ops',
      result_preview: null,
      failure_category: 'loop_detected',
      error: 'boom',
      error_context: { category: 'loop_detected', last_tool_call: 'query', attempt_count: 1 },
      tool_trace: [
        { tool: 'get_logs', duration_ms: 1, outcome: { success: { output_bytes: 1 } } },
        { tool: 'query', duration_ms: 2, outcome: { error: { message: 'ToolCallError: nope' } } },
      ],
    });
    expect(task2).toEqual({
      task_id: 2,
      description: 'blocked',
      status: 'pending',
      worker: null,
      result_preview: null,
    });
    expect(task3).toEqual({
      task_id: 3,
      description: 'task 3',
      status: 'failed',
      worker: null,
      result_preview: null,
      failure_category: 'agent_error',
      error_context: { category: 'agent_error', attempt_count: 1 },
    });
  });
});

describe('RunPersistence.writeManifest: direct answer', () => {
  it('records iterations 0, direct_answer routing and the tool summary', async () => {
    const manifest = await persistence.writeManifest({
      kind: 'direct_answer',
      goal: 'What is 2+2?',
      response: '4',
      responseSummary: 'Answered 4',
    });
    expect(manifest).toEqual({
      schema_version: 1,
      run_id: persistence.runId,
      session_id: 's1',
      timestamp: '2026-05-01T12:30:00.000Z',
      goal: 'What is 2+2?',
      status: 'success',
      iterations: 0,
      routing_mode: 'direct_answer',
      outcome: 'Answered directly',
      response_summary: 'Answered 4',
      task_summaries: [],
      artifact_paths: [],
    });
    const onDisk = parseRunManifest(
      JSON.parse(await readFile(join(persistence.runDir ?? '', 'manifest.json'), 'utf8')),
    );
    expect(onDisk).toEqual({ ok: true, manifest });
  });

  it('falls back to the first 200 bytes of the response without a summary', async () => {
    const response = `${'a'.repeat(199)}€ and more`;
    const manifest = await persistence.writeManifest({ kind: 'direct_answer', goal: 'q', response });
    expect(manifest?.response_summary).toBe('a'.repeat(199));
    const blank = await persistence.writeManifest({
      kind: 'direct_answer',
      goal: 'q',
      response: 'short',
      responseSummary: '  ',
    });
    expect(blank?.response_summary).toBe('short');
  });
});

describe('parseRunManifest', () => {
  it('accepts a reference-written manifest without schema_version and optional keys', () => {
    const legacy = {
      run_id: 'r1',
      session_id: null,
      timestamp: '2026-05-01T00:00:00+00:00',
      goal: 'g',
      status: 'partial_success',
      iterations: 1,
      task_summaries: [
        { task_id: 0, description: 'd', status: 'failed', worker: null, result_preview: null, extra: 1 },
      ],
      artifact_paths: [],
      unknown_key: true,
    };
    const parsed = parseRunManifest(legacy);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.manifest.schema_version).toBeUndefined();
    expect(parsed.manifest.task_summaries[0]).toEqual({
      task_id: 0,
      description: 'd',
      status: 'failed',
      worker: null,
      result_preview: null,
    });
    expect('unknown_key' in parsed.manifest).toBe(false);
  });

  it('rejects manifests missing required keys or with unknown statuses', () => {
    expect(parseRunManifest({ run_id: 'r' }).ok).toBe(false);
    const parsed = parseRunManifest({
      run_id: 'r',
      session_id: 's',
      timestamp: 't',
      goal: 'g',
      status: 'great',
      iterations: 1,
      task_summaries: [],
      artifact_paths: [],
    });
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('status') });
  });
});
