import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAuraError } from '@aura/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersistenceLogger } from './persistence-logger.js';
import { createTaskExecutionRecord, createToolCallRecord } from './persistence-records.js';
import { createRunPersistence, type RunPersistence } from './run-persistence.js';
import { isUuidV7 } from './uuid-v7.js';

let root: string;
let logs: string[];
const logger: PersistenceLogger = {
  debug: (message) => logs.push(`debug ${message}`),
  info: (message) => logs.push(`info ${message}`),
  warn: (message) => logs.push(`warn ${message}`),
  error: (message) => logs.push(`error ${message}`),
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-persistence-'));
  logs = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function create(
  options: { sessionId?: string; maxSessionRuns?: number; runId?: string } = {},
): Promise<RunPersistence> {
  return createRunPersistence({ memoryDir: root, maxSessionRuns: 20, logger, ...options });
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

describe('createRunPersistence: layout', () => {
  it('creates <memory_dir>/<session>/<uuid v7>/ and a relative latest symlink', async () => {
    const persistence = await create({ sessionId: 's1' });
    expect(persistence.enabled).toBe(true);
    expect(isUuidV7(persistence.runId)).toBe(true);
    expect(persistence.sessionId).toBe('s1');
    expect(persistence.sessionDir).toBe(join(root, 's1'));
    expect(persistence.runDir).toBe(join(root, 's1', persistence.runId));
    expect((await lstat(join(root, 's1', persistence.runId))).isDirectory()).toBe(true);
    expect(await readlink(join(root, 's1', 'latest'))).toBe(persistence.runId);

    const second = await create({ sessionId: 's1' });
    expect(await readlink(join(root, 's1', 'latest'))).toBe(second.runId);
    expect(second.runId > persistence.runId).toBe(true);
    expect((await readdir(join(root, 's1'))).sort()).toEqual([persistence.runId, second.runId, 'latest'].sort());
  });

  it('uses the flat layout without a session id', async () => {
    const persistence = await create();
    expect(persistence.sessionId).toBeUndefined();
    expect(persistence.runDir).toBe(join(root, persistence.runId));
    expect(await readlink(join(root, 'latest'))).toBe(persistence.runId);
  });

  it.each(['', 'a/b', 'a\\b', '..', 'x..y'])('rejects the session id %j with REQUEST_INVALID', async (sessionId) => {
    const failure = await create({ sessionId }).catch((error: unknown) => error);
    expect(isAuraError(failure, 'REQUEST_INVALID')).toBe(true);
    expect((failure as Error).message).toBe(
      `Failed to initialize persistence: Invalid session_id for persistence path: ${JSON.stringify(sessionId)}`,
    );
    expect(await readdir(root)).toEqual([]);
  });

  it('is a disabled no-op with a v4 run id when no memory dir is set', async () => {
    const persistence = await createRunPersistence({ maxSessionRuns: 20, sessionId: 'bad/id' });
    expect(persistence.enabled).toBe(false);
    expect(persistence.runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(persistence.runDir).toBeUndefined();
    expect(await persistence.writePlan({ goal: 'g' })).toBe(false);
    expect(await persistence.writeArtifact('a.txt', 'x')).toBeUndefined();
    expect(await persistence.writeManifest({ kind: 'direct_answer', goal: 'g', response: 'r' })).toBeUndefined();
    expect(await persistence.readArtifact('a.txt')).toEqual({ status: 'not-found' });
    expect(await persistence.readArtifact('../a.txt')).toEqual({
      status: 'invalid',
      message: 'Invalid artifact filename',
    });
    expect(await persistence.listPriorRuns()).toEqual([]);
    expect(await persistence.loadSessionHistory(3)).toEqual([]);
    expect(persistence.nextIteration()).toBe(2);
  });

  it('falls back to disabled persistence (logged) when the run directory cannot be created', async () => {
    await writeFile(join(root, 'blocker'), 'a file, not a directory');
    const persistence = await createRunPersistence({ memoryDir: join(root, 'blocker'), maxSessionRuns: 20, logger });
    expect(persistence.enabled).toBe(false);
    expect(logs.some((line) => line.startsWith('error persistence: cannot create the run directory'))).toBe(true);
  });
});

describe('createRunPersistence: pruning', () => {
  it('keeps max_session_runs=2 run directories after 4 runs (plus latest)', async () => {
    const ids: string[] = [];
    for (let run = 0; run < 4; run += 1) ids.push((await create({ sessionId: 's1', maxSessionRuns: 2 })).runId);
    const entries = (await readdir(join(root, 's1'))).sort();
    expect(entries).toEqual([ids[2], ids[3], 'latest'].sort());
    expect(await readlink(join(root, 's1', 'latest'))).toBe(ids[3]);
  });

  it('deletes the lexicographically oldest siblings and never the current run', async () => {
    const session = join(root, 's1');
    for (const name of ['0001', '0002', '0003']) await mkdir(join(session, name, 'artifacts'), { recursive: true });
    const current = await create({ sessionId: 's1', maxSessionRuns: 2, runId: '0000' });
    expect((await readdir(session)).sort()).toEqual(['0000', '0003', 'latest']);
    expect(current.runId).toBe('0000');
  });

  it('never prunes with max_session_runs=0 or in the flat layout', async () => {
    for (let run = 0; run < 3; run += 1) await create({ sessionId: 's1', maxSessionRuns: 0 });
    for (let run = 0; run < 3; run += 1) await create({ maxSessionRuns: 1 });
    expect((await readdir(join(root, 's1'))).length).toBe(4);
    expect((await readdir(root)).filter((name) => name !== 's1' && name !== 'latest').length).toBe(3);
  });
});

describe('RunPersistence: iteration and task files', () => {
  it('writes planning files, plan.json and attempt files into the current iteration directory', async () => {
    const persistence = await create({ sessionId: 's1' });
    const runDir = persistence.runDir ?? '';
    expect(persistence.iteration).toBe(1);
    expect(await persistence.writePlanningPhase('prompt 1', 'response 1')).toBe(true);
    expect(await persistence.writePlanningPhase('prompt 2', 'response 2')).toBe(true);
    const plan = {
      goal: 'g',
      tasks: [{ id: 0, description: 'd', dependencies: [], status: 'pending', rationale: '' }],
    };
    expect(await persistence.writePlan(plan)).toBe(true);
    const record = createTaskExecutionRecord({
      taskId: 0,
      description: 'd',
      attempt: 2,
      result: '20',
      summary: 'mean=20',
      durationMs: 1234.4,
      confidence: 'high',
    });
    await persistence.writeTaskExecution({ taskId: 0, attempt: 2, prompt: 'task prompt', response: '20', record });
    const iteration1 = join(runDir, 'iteration-1');
    expect(await readFile(join(iteration1, 'planning.prompt.txt'), 'utf8')).toBe('prompt 2');
    expect(await readFile(join(iteration1, 'planning.response.txt'), 'utf8')).toBe('response 2');
    expect(await readFile(join(iteration1, 'plan.json'), 'utf8')).toBe(JSON.stringify(plan, null, 2));
    expect(await readFile(join(iteration1, 'task-0.attempt-2.prompt.txt'), 'utf8')).toBe('task prompt');
    expect(await readFile(join(iteration1, 'task-0.attempt-2.response.txt'), 'utf8')).toBe('20');
    const resultText = await readFile(join(iteration1, 'task-0.attempt-2.result.json'), 'utf8');
    expect(Object.keys(JSON.parse(resultText) as object)).toEqual([
      'task_id',
      'description',
      'attempt',
      'approach',
      'result',
      'summary',
      'error',
      'duration_ms',
      'confidence',
      'orchestrator_notes',
    ]);
    expect(JSON.parse(resultText)).toEqual({
      task_id: 0,
      description: 'd',
      attempt: 2,
      approach: 'Direct task execution via worker agent',
      result: '20',
      summary: 'mean=20',
      error: null,
      duration_ms: 1234,
      confidence: 'high',
      orchestrator_notes: null,
    });

    expect(persistence.nextIteration()).toBe(2);
    await persistence.writePlan({ goal: 'g2' });
    expect(await readJson(join(runDir, 'iteration-2', 'plan.json'))).toEqual({ goal: 'g2' });
    expect(await readJson(join(iteration1, 'plan.json'))).toEqual(plan);
  });

  it('writes an error attempt with summary omitted and nulls', () => {
    const record = createTaskExecutionRecord({ taskId: 1, description: 'd', attempt: 1, error: 'boom', durationMs: 5 });
    expect(record).toEqual({
      task_id: 1,
      description: 'd',
      attempt: 1,
      approach: 'Direct task execution via worker agent',
      result: null,
      error: 'boom',
      duration_ms: 5,
      confidence: null,
      orchestrator_notes: null,
    });
    expect('summary' in record).toBe(false);
  });

  it('logs and reports write failures instead of throwing', async () => {
    const persistence = await create({ sessionId: 's1' });
    await writeFile(join(persistence.runDir ?? '', 'iteration-1'), 'not a directory');
    expect(await persistence.writePlan({ goal: 'g' })).toBe(false);
    expect(await persistence.writePlanningPhase('p', 'r')).toBe(false);
    expect(logs.some((line) => line.startsWith('warn persistence: failed to write plan.json'))).toBe(true);
  });

  it('refuses artifact names that are not a single safe component', async () => {
    const persistence = await create({ sessionId: 's1' });
    expect(await persistence.writeArtifact('../escape.txt', 'x')).toBeUndefined();
    expect(await persistence.writeArtifact('ok.txt', 'x')).toBe('ok.txt');
    expect(await persistence.listArtifacts()).toEqual([{ filename: 'ok.txt', sizeBytes: 1 }]);
  });
});

describe('RunPersistence: tool-call records', () => {
  it('appends concurrent records of one attempt without losing any', async () => {
    const persistence = await create({ sessionId: 's1' });
    const appends = Array.from({ length: 40 }, (_, index) =>
      persistence.appendToolCall({
        taskId: 0,
        attempt: 1,
        record: createToolCallRecord({ tool: 'mean', arguments: { index }, output: `${index}`, durationMs: index }),
      }),
    );
    expect(await Promise.all(appends)).toEqual(Array.from({ length: 40 }, () => true));
    const records = (await readJson(
      join(persistence.runDir ?? '', 'iteration-1', 'task-0.attempt-1.tool-calls.json'),
    )) as Array<{ arguments: { index: number } }>;
    expect(records.map((record) => record.arguments.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, index) => index),
    );
  });

  it('writes records in the reference shape plus schema_version, and loads them across iterations and attempts', async () => {
    const persistence = await create({ sessionId: 's1' });
    const first = createToolCallRecord({
      tool: 'a',
      arguments: { x: 1 },
      reasoning: 'why',
      output: 'out',
      durationMs: 12.6,
    });
    await persistence.appendToolCall({ taskId: 0, attempt: 2, record: first });
    await persistence.appendToolCall({
      taskId: 0,
      attempt: 1,
      record: createToolCallRecord({ tool: 'b', arguments: {}, error: 'failed', durationMs: 3 }),
    });
    await persistence.appendToolCall({
      taskId: 1,
      attempt: 1,
      record: createToolCallRecord({ tool: 'other', arguments: {}, output: '', durationMs: 1 }),
    });
    persistence.nextIteration();
    await persistence.appendToolCall({
      taskId: 0,
      attempt: 1,
      record: createToolCallRecord({ tool: 'c', arguments: {}, output: 'o', durationMs: 1, artifactFilename: 'f.txt' }),
    });
    const text = await readFile(
      join(persistence.runDir ?? '', 'iteration-1', 'task-0.attempt-2.tool-calls.json'),
      'utf8',
    );
    const [stored] = JSON.parse(text) as [Record<string, unknown>];
    expect(Object.keys(stored)).toEqual([
      'schema_version',
      'tool',
      'arguments',
      'reasoning',
      'output',
      'error',
      'duration_ms',
    ]);
    expect(stored).toEqual({
      schema_version: 1,
      tool: 'a',
      arguments: { x: 1 },
      reasoning: 'why',
      output: 'out',
      error: null,
      duration_ms: 13,
    });
    const loaded = await persistence.loadToolRecordsForTask(0);
    expect(loaded.map((record) => record.tool)).toEqual(['b', 'a', 'c']);
    expect(loaded[2]?.artifact_filename).toBe('f.txt');
  });

  it('reads reference-written records without schema_version', async () => {
    const persistence = await create({ sessionId: 's1' });
    const dir = join(persistence.runDir ?? '', 'iteration-1');
    await mkdir(dir, { recursive: true });
    const legacy = [{ tool: 'mean', arguments: { n: [1] }, reasoning: '', output: '1', error: null, duration_ms: 4 }];
    await writeFile(join(dir, 'task-3.attempt-1.tool-calls.json'), JSON.stringify(legacy, null, 2));
    await persistence.appendToolCall({
      taskId: 3,
      attempt: 1,
      record: createToolCallRecord({ tool: 'median', arguments: {}, output: '2', durationMs: 1 }),
    });
    const loaded = await persistence.loadToolRecordsForTask(3);
    expect(loaded).toEqual([
      legacy[0],
      { schema_version: 1, tool: 'median', arguments: {}, reasoning: '', output: '2', error: null, duration_ms: 1 },
    ]);
  });
});

describe('RunPersistence: drain', () => {
  it('resolves true once tracked writes finish', async () => {
    const persistence = await create();
    let finish: () => void = () => {};
    void persistence.track(new Promise<void>((resolve) => (finish = resolve)));
    expect(persistence.inFlight).toBe(1);
    const drained = persistence.drain({ timeoutMs: 10_000 });
    finish();
    expect(await drained).toBe(true);
    expect(persistence.inFlight).toBe(0);
    expect(await persistence.drain({ timeoutMs: 0 })).toBe(true);
  });

  it('gives up after the timeout, logs a warning, and leaves the write running', async () => {
    const persistence = await create();
    let finish: () => void = () => {};
    const write = persistence.track(new Promise<void>((resolve) => (finish = resolve)));
    const started = Date.now();
    expect(await persistence.drain({ timeoutMs: 30 })).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(logs).toContain('warn persistence: drain timed out with 1 write(s) still in flight');
    finish();
    await write;
    expect(persistence.inFlight).toBe(0);
  });

  it('counts rejected work as finished and stops waiting when the signal aborts', async () => {
    const persistence = await create();
    await persistence.track(Promise.reject(new Error('x'))).catch(() => {});
    expect(persistence.inFlight).toBe(0);
    void persistence.track(new Promise<void>(() => {}));
    const controller = new AbortController();
    const drained = persistence.drain({ timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    expect(await drained).toBe(false);
  });
});

describe('RunPersistence: prompt journal', () => {
  it('writes the header and one entry per prompt, in order, when enabled', async () => {
    const now = () => new Date(Date.UTC(2026, 4, 1, 12, 0, 0, 500));
    const persistence = await createRunPersistence({
      memoryDir: root,
      maxSessionRuns: 20,
      promptJournal: { orchestratorId: 'orch-1' },
      now,
    });
    await persistence.recordPrompt({
      phase: { kind: 'planning', attempt: 2, maxAttempts: 3 },
      iteration: 1,
      systemPrompt: 'You coordinate.',
      userPrompt: 'USER QUERY: hi',
    });
    await persistence.recordPrompt({
      phase: { kind: 'worker', taskId: 4, workerName: 'stats', attempt: 1 },
      iteration: 2,
      systemPrompt: 'You work.',
      userPrompt: 'YOUR TASK: x',
    });
    await persistence.recordPrompt({
      phase: { kind: 'worker', taskId: 0, attempt: 2 },
      iteration: 1,
      systemPrompt: 's',
      userPrompt: 'u',
    });
    const journal = await readFile(join(persistence.runDir ?? '', 'prompt-journal.md'), 'utf8');
    expect(
      journal.startsWith(
        `# Prompt Journal\nRun ID: ${persistence.runId}\nOrchestrator ID: orch-1\nStarted: 2026-05-01T12:00:00Z\n\n`,
      ),
    ).toBe(true);
    expect(journal).toContain(' PHASE: Planning (Iteration 1, Attempt 2/3)\n TIMESTAMP: 2026-05-01T12:00:00Z');
    expect(journal).toContain(`── SYSTEM PROMPT ${'─'.repeat(51)}\n\nYou coordinate.\n\n── USER PROMPT`);
    expect(journal).toContain('── RESPONSE: see iteration-1/planning.response.txt ──');
    expect(journal).toContain('PHASE: Worker: stats (Iteration 2, Task 4)');
    expect(journal).toContain('── RESPONSE: see iteration-2/task-4.attempt-1.response.txt ──');
    expect(journal).toContain('PHASE: Worker (Iteration 1, Task 0)');
    expect(journal.indexOf('Planning (')).toBeLessThan(journal.indexOf('Worker: stats'));
  });

  it('writes no journal unless asked', async () => {
    const persistence = await create();
    await persistence.recordPrompt({
      phase: { kind: 'planning', attempt: 1, maxAttempts: 1 },
      iteration: 1,
      systemPrompt: '',
      userPrompt: '',
    });
    expect(await readdir(persistence.runDir ?? '')).toEqual([]);
  });
});
