/**
 * Persistence of orchestrated runs (orchestration-spec §4; §8 case 22): the directory layout, planning and task
 * files, the manifest, the prompt journal, pruning, and session history reused by the next request.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestMcpHttpServer, toolCall, turn } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answerText,
  coordinatorCalls,
  ofType,
  only,
  orchestrationModel,
  orchestrationRuntime,
  runEvents,
  startStatsServer,
  useTempMemoryDir,
} from './orchestration-fixtures.js';

const plan = (goal: string, task: string) =>
  toolCall('create_plan', {
    goal,
    steps: [{ type: 'task', task, worker: 'stats' }],
    routing_rationale: 'r',
    planning_summary: 'ps',
  });
const respond = (response: string, summary?: string) =>
  toolCall('respond_directly', { response, routing_rationale: 'done', ...(summary === undefined ? {} : { summary }) });

describe('orchestration: persistence', () => {
  let mcp: TestMcpHttpServer;
  const memory = useTempMemoryDir();
  beforeEach(async () => {
    mcp = await startStatsServer();
  });
  afterEach(async () => {
    await mcp.close();
  });

  it('writes the spec layout, the manifest with timings and traces, and the prompt journal', async () => {
    const model = orchestrationModel({
      coordinator: [turn(plan('Mean goal', 'Compute mean of 1,2,3')), turn(respond('The mean is 2', 'Mean is 2'))],
      workers: {
        'Compute mean of 1,2,3': [
          turn(toolCall('mean', { numbers: [1, 2, 3], _aura_reasoning: 'need it' })),
          turn(toolCall('submit_result', { summary: 'mean=2', result: '2', confidence: 'high' })),
        ],
      },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      memoryDir: memory.path,
      runtime: { promptJournal: true },
    });
    const events = await runEvents(runtime, 'mean of 1,2,3', { sessionId: 's1' });
    const runId = only(events, 'run-start').runId;
    expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await readdir(join(memory.path, 's1'))).sort()).toEqual([runId, 'latest'].sort());
    const runDir = join(memory.path, 's1', runId);
    expect((await readdir(runDir)).sort()).toEqual(['iteration-1', 'manifest.json', 'prompt-journal.md']);
    expect((await readdir(join(runDir, 'iteration-1'))).sort()).toEqual([
      'plan.json',
      'planning.prompt.txt',
      'planning.response.txt',
      'task-0.attempt-1.prompt.txt',
      'task-0.attempt-1.response.txt',
      'task-0.attempt-1.result.json',
      'task-0.attempt-1.tool-calls.json',
    ]);
    // The planning files hold the last coordinator call of the iteration (the post-execute decision).
    expect(await readFile(join(runDir, 'iteration-1', 'planning.prompt.txt'), 'utf8')).toContain('ITERATION 1 of 3');
    const response = JSON.parse(await readFile(join(runDir, 'iteration-1', 'planning.response.txt'), 'utf8'));
    expect(response).toMatchObject({ response_type: 'direct', response: 'The mean is 2' });
    const manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      run_id: runId,
      session_id: 's1',
      goal: 'Mean goal',
      status: 'success',
      iterations: 1,
      routing_mode: 'routed',
      outcome: '1/1 tasks completed',
      response_summary: 'Mean is 2',
      artifact_paths: [],
      task_summaries: [
        {
          task_id: 0,
          description: 'Compute mean of 1,2,3',
          status: 'complete',
          worker: 'stats',
          result_preview: 'mean=2',
          confidence: 'high',
          tool_trace: [{ tool: 'mean', reasoning: 'need it', outcome: { success: { output_bytes: 1 } } }],
        },
      ],
    });
    expect(Object.keys(manifest.phase_timings)).toEqual(['planning_ms', 'execution_ms', 'task_compute_ms', 'tool_ms']);
    const done = only(events, 'iteration-complete');
    expect(manifest.phase_timings.task_compute_ms).toBe(done.taskComputeMs);
    const journal = await readFile(join(runDir, 'prompt-journal.md'), 'utf8');
    expect(journal).toContain(`Run ID: ${runId}`);
    expect(journal).toContain('Planning (Iteration 1, Attempt 1/3)');
    expect(journal).toContain('Worker: stats (Iteration 1, Task 0)');
    await runtime.close();
  });

  it('case 22: a second request of the session sees the first in its coordinator prompt and can read its artifacts', async () => {
    const longResult = 'L'.repeat(120);
    let firstRunId = '';
    const model = orchestrationModel({
      coordinator: [
        turn(plan('First goal', 'Long mean')),
        turn(respond('first answer', 'First answer summary')),
        (call) => {
          expect(call.view.system).toContain('## Session History');
          expect(call.view.system).toContain('### Turn 1 (');
          expect(call.view.system).toContain('Goal: "First goal"');
          expect(call.view.system).toContain('(1 prior run(s) shown above)');
          expect(call.view.system).toContain(`run_id="${firstRunId}"`);
          return turn(
            toolCall('read_artifact', { run_id: firstRunId, filename: 'task-0-stats-iter-1-result.txt' }),
            toolCall('read_artifact', { filename: '../x' }),
          );
        },
        turn(respond('second answer')),
      ],
      workers: {
        'Long mean': [turn(toolCall('submit_result', { summary: 's', result: longResult, confidence: 'low' }))],
      },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      memoryDir: memory.path,
      orchestration: { artifacts: { result_artifact_threshold: 100 } },
    });
    const first = await runEvents(runtime, 'one', { sessionId: 's1' });
    firstRunId = only(first, 'run-start').runId;
    const second = await runEvents(runtime, 'two', { sessionId: 's1' });
    const reads = ofType(second, 'tool-result').filter((event) => event.toolName === 'read_artifact');
    expect(JSON.parse(reads[0]?.output ?? '{}')).toMatchObject({ found: true, content: longResult });
    expect(reads[1]).toMatchObject({ success: false, output: 'ToolCallError: IO error: Invalid artifact filename' });
    // list_prior_runs is offered (persistence + session), unlike the reference with a top-level memory_dir only.
    expect(coordinatorCalls(model)[2]?.tools.map((tool) => tool.name)).toContain('list_prior_runs');
    await runtime.close();
  });

  it('session_history_turns = 0 leaves the history out; max_session_runs prunes old runs', async () => {
    const model = orchestrationModel({
      coordinator: Array.from({ length: 4 }, (_, index) => (call) => {
        expect(call.view.system).not.toContain('## Session History');
        return turn(respond(`answer ${index}`));
      }),
    });
    const runtime = orchestrationRuntime({
      model,
      memoryDir: memory.path,
      orchestration: { artifacts: { session_history_turns: 0, max_session_runs: 2 } },
    });
    const runIds: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const events = await runEvents(runtime, `q${index}`, { sessionId: 's1' });
      expect(answerText(events)).toBe(`answer ${index}`);
      runIds.push(only(events, 'run-start').runId);
    }
    expect((await readdir(join(memory.path, 's1'))).sort()).toEqual([...runIds.slice(2), 'latest'].sort());
    await runtime.close();
  });

  it('an invalid session id fails the request before anything runs', async () => {
    const model = orchestrationModel({ coordinator: [] });
    const runtime = orchestrationRuntime({ model, memoryDir: memory.path });
    const events = await runEvents(runtime, 'q', { sessionId: '../escape' });
    expect(events.map((event) => event.type)).toEqual(['run-start', 'run-error']);
    expect(events[1]).toMatchObject({
      error: { code: 'REQUEST_INVALID', message: expect.stringMatching(/^Failed to initialize persistence/) },
    });
    expect(model.calls).toHaveLength(0);
    await runtime.close();
  });
});
