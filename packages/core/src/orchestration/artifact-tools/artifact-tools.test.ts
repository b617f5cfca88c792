import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ToolCallContext } from '../../tools/tool.js';
import { createRunPersistence, type RunPersistence } from '../persistence/run-persistence.js';
import { createListPriorRunsTool } from './list-prior-runs-tool.js';
import { createReadArtifactTool } from './read-artifact-tool.js';

const context: ToolCallContext = { toolCallId: 'call-1', signal: new AbortController().signal };
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-artifact-tools-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function run(sessionId?: string): Promise<RunPersistence> {
  return createRunPersistence({
    memoryDir: root,
    maxSessionRuns: 20,
    ...(sessionId === undefined ? {} : { sessionId }),
  });
}

async function finishedRun(goal: string): Promise<RunPersistence> {
  const persistence = await run('s1');
  await persistence.writeArtifact('task-0-stats-iter-1-result.txt', `full ${goal}`);
  await persistence.writeManifest({
    kind: 'plan',
    goal,
    iterations: 1,
    tasks: [{ id: 0, description: 'd', status: 'complete', worker: 'stats', result: 'r' }],
  });
  return persistence;
}

describe('read_artifact tool', () => {
  it('describes filename (required) and run_id (optional)', async () => {
    const tool = createReadArtifactTool({ persistence: await run('s1') });
    expect(tool.name).toBe('read_artifact');
    expect(tool.kind).toBe('orchestration');
    expect(tool.inputSchema).toMatchObject({ type: 'object', required: ['filename'] });
    expect(Object.keys((tool.inputSchema.properties ?? {}) as object)).toEqual(['filename', 'run_id']);
  });

  it('returns found/filename/content for the current run and found:false for a missing file', async () => {
    const persistence = await run('s1');
    await persistence.writeArtifact('task-0-stats-iter-1-result.txt', 'the full result');
    const tool = createReadArtifactTool({ persistence });
    expect(await tool.execute({ filename: 'task-0-stats-iter-1-result.txt' }, context)).toEqual({
      text: '{"found":true,"filename":"task-0-stats-iter-1-result.txt","content":"the full result"}',
      isError: false,
    });
    expect(await tool.execute({ filename: 'nope.txt', run_id: null }, context)).toEqual({
      text: '{"found":false,"filename":"nope.txt","content":""}',
      isError: false,
    });
  });

  it('reads another run of the same session (spec case 22) and rejects traversal', async () => {
    const first = await finishedRun('first');
    const tool = createReadArtifactTool({ persistence: await run('s1') });
    const cross = await tool.execute({ filename: 'task-0-stats-iter-1-result.txt', run_id: first.runId }, context);
    expect(JSON.parse(cross.text)).toEqual({
      found: true,
      filename: 'task-0-stats-iter-1-result.txt',
      content: 'full first',
    });
    expect(await tool.execute({ filename: '../x' }, context)).toEqual({
      text: 'ToolCallError: IO error: Invalid artifact filename',
      isError: true,
    });
    expect(await tool.execute({ filename: 'a.txt', run_id: '../../etc' }, context)).toEqual({
      text: 'ToolCallError: IO error: Invalid run_id for cross-run artifact read',
      isError: true,
    });
    expect((await tool.execute({ filename: '' }, context)).isError).toBe(true);
  });

  it('returns found:false when persistence is disabled', async () => {
    const tool = createReadArtifactTool({ persistence: await createRunPersistence({ maxSessionRuns: 20 }) });
    expect((await tool.execute({ filename: 'a.txt' }, context)).text).toBe(
      '{"found":false,"filename":"a.txt","content":""}',
    );
  });

  it('rejects arguments of the wrong type', async () => {
    const tool = createReadArtifactTool({ persistence: await run('s1') });
    expect(await tool.execute({}, context)).toEqual({
      text: 'JsonError: read_artifact: `filename` must be a string',
      isError: true,
    });
    expect((await tool.execute({ filename: 'a', run_id: 3 }, context)).text).toBe(
      'JsonError: read_artifact: `run_id` must be a string',
    );
  });
});

describe('list_prior_runs tool', () => {
  it('lists the other runs of the session, newest first, in the reference shape', async () => {
    const first = await finishedRun('goal one');
    const second = await finishedRun('goal two');
    const tool = createListPriorRunsTool({ persistence: await run('s1') });
    expect(tool.name).toBe('list_prior_runs');
    expect(tool.inputSchema).toEqual({ type: 'object', properties: {}, required: [] });
    const output = await tool.execute({}, context);
    expect(output.isError).toBe(false);
    const parsed = JSON.parse(output.text) as { count: number; runs: Array<Record<string, unknown>> };
    expect(Object.keys(parsed)).toEqual(['count', 'runs']);
    expect(parsed.count).toBe(2);
    expect(parsed.runs.map((entry) => entry.run_id)).toEqual([second.runId, first.runId]);
    expect(parsed.runs[0]).toMatchObject({
      goal: 'goal two',
      status: 'success',
      outcome: '1/1 tasks completed',
      iteration_count: 1,
      task_count: 1,
      artifact_count: 1,
    });
  });

  it('is empty without a session', async () => {
    await finishedRun('elsewhere');
    const tool = createListPriorRunsTool({ persistence: await run() });
    expect((await tool.execute({}, context)).text).toBe('{"count":0,"runs":[]}');
  });
});
