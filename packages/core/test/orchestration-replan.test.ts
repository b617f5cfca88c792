/**
 * The post-execute loop (orchestration-spec §1.11; §8 cases 12, 13, 14): replans, the replan budget, the outer
 * time budget, coordinator failures, and Aura's run budget (max_run_tokens / max_run_seconds).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hang, httpError, type TestMcpHttpServer, toolCall, turn, usage } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answerText,
  coordinatorCalls,
  lifecycle,
  ofType,
  only,
  orchestrationModel,
  orchestrationRuntime,
  runEvents,
  startStatsServer,
  useTempMemoryDir,
  workerCalls,
} from './orchestration-fixtures.js';

const plan = (tasks: string[], parallel = false) => {
  const items = tasks.map((task) => ({ type: 'task', task, worker: 'stats' }));
  return toolCall('create_plan', {
    goal: `goal of ${tasks.join(' + ')}`,
    steps: parallel ? [{ type: 'parallel', items }] : items,
    routing_rationale: 'r',
    planning_summary: 'ps',
  });
};
const respond = (response: string) => toolCall('respond_directly', { response, routing_rationale: 'done' });
const submit = (result: string) => toolCall('submit_result', { summary: result, result, confidence: 'high' });

describe('orchestration: post-execute decisions', () => {
  let mcp: TestMcpHttpServer;
  const memory = useTempMemoryDir();
  beforeEach(async () => {
    mcp = await startStatsServer();
  });
  afterEach(async () => {
    await mcp.close();
  });

  it('case 12: a replan runs a second iteration with its own directory and restarted task ids', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(plan(['P1 task'])),
        turn(plan(['P2 first', 'P2 second'], true), usage(10, 1)),
        turn(respond('all done')),
      ],
      workers: {
        'P1 task': [turn(submit('one'))],
        'P2 first': [turn(submit('two'))],
        'P2 second': [turn(submit('three'))],
      },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, memoryDir: memory.path });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    expect(lifecycle(events)).toEqual([
      'plan-created',
      'task-started',
      'task-completed',
      'synthesizing',
      'plan-created',
      'iteration-complete',
      'replan-started',
      'task-started',
      'task-started',
      'task-completed',
      'task-completed',
      'synthesizing',
      'direct-answer',
      'iteration-complete',
    ]);
    expect(ofType(events, 'iteration-complete').map((event) => [event.iteration, event.willReplan])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(only(events, 'replan-started')).toMatchObject({ iteration: 2, trigger: 'post_execute_create_plan' });
    expect(ofType(events, 'task-started').map((event) => event.taskId)).toEqual([0, 0, 1]);
    expect(ofType(events, 'synthesizing').map((event) => event.iteration)).toEqual([1, 2]);
    expect(coordinatorCalls(model)[2]?.view.messages.at(-1)?.text).toContain('ITERATION 2 of 3 (FINAL ATTEMPT)');
    const runDir = join(memory.path, 's1', only(events, 'run-start').runId);
    const plan1 = JSON.parse(await readFile(join(runDir, 'iteration-1', 'plan.json'), 'utf8'));
    const plan2 = JSON.parse(await readFile(join(runDir, 'iteration-2', 'plan.json'), 'utf8'));
    expect(plan1.tasks.map((task: { description: string }) => task.description)).toEqual(['P1 task']);
    expect(plan2.tasks.map((task: { status: string }) => task.status)).toEqual(['complete', 'complete']);
    const manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ iterations: 2, routing_mode: 'orchestrated', status: 'success' });
    expect(answerText(events)).toBe('all done');
    await runtime.close();
  });

  it('case 13: a replan beyond max_planning_cycles is refused and the raw results answer', async () => {
    const model = orchestrationModel({
      coordinator: [turn(plan(['Only task'])), turn(plan(['Another task']))],
      workers: { 'Only task': [turn(submit('the result'))] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      memoryDir: memory.path,
      orchestration: { max_planning_cycles: 1 },
    });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    expect(ofType(events, 'plan-created')).toHaveLength(1);
    expect(lifecycle(events).slice(-2)).toEqual(['synthesizing', 'iteration-complete']);
    expect(only(events, 'iteration-complete')).toMatchObject({
      iteration: 1,
      willReplan: false,
      reasoning: 'Replan budget exhausted',
    });
    expect(answerText(events)).toBe(
      'Replan budget exhausted: coordinator requested another iteration but max_planning_cycles reached\n\nRaw task results:\n\n## Task 0: Only task\n\nthe result\n\n',
    );
    const runDir = join(memory.path, 's1', only(events, 'run-start').runId);
    expect(await readdir(runDir)).toContain('manifest.json');
    expect(workerCalls(model, 'Another task')).toHaveLength(0);
    await runtime.close();
  });

  it('case 14: a failing post-execute coordinator yields the raw results with the failure note', async () => {
    const model = orchestrationModel({
      coordinator: [turn(plan(['Only task'])), turn(httpError(400, { message: 'bad request' }))],
      workers: { 'Only task': [turn(submit('r'))] },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    const events = await runEvents(runtime, 'q');
    const reasoning = only(events, 'iteration-complete').reasoning ?? '';
    expect(reasoning).toMatch(/^Post-execute coordinator call failed: Planning failed: /);
    expect(answerText(events).startsWith(`${reasoning}\n\nRaw task results:\n\n## Task 0: Only task\n\nr`)).toBe(true);
    await runtime.close();
  });

  it('case 14 (timeouts): three timed-out post-execute attempts end with the could-not-route note', async () => {
    const model = orchestrationModel({
      coordinator: [turn(plan(['Only task'])), turn(hang()), turn(hang()), turn(hang())],
      workers: { 'Only task': [turn(submit('r'))] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      orchestration: { timeouts: { per_call_timeout_secs: 1 } },
    });
    const events = await runEvents(runtime, 'q');
    expect(only(events, 'iteration-complete').reasoning).toBe(
      'Post-execute coordinator call failed: All 3 post-execute planning attempts failed (coordinator could not route)',
    );
    expect(coordinatorCalls(model)).toHaveLength(4);
    await runtime.close();
  }, 15_000);

  it('the outer time budget refuses a replan that cannot fit (STREAMING_TIMEOUT_SECS); 0 means no budget', async () => {
    const script = () =>
      orchestrationModel({
        coordinator: [turn(plan(['First'])), turn(plan(['Second'])), turn(respond('done'))],
        workers: { First: [turn(submit('1'))], Second: [turn(submit('2'))] },
      });
    const tight = orchestrationRuntime({
      model: script(),
      mcpUrl: mcp.url,
      orchestration: { timeouts: { per_call_timeout_secs: 60 } },
      runtime: { streamingTimeoutSecs: 30 },
    });
    const refused = await runEvents(tight, 'q');
    expect(only(refused, 'iteration-complete').reasoning).toBe('Time budget exhausted');
    expect(answerText(refused)).toMatch(
      /^Time budget exhausted: the remaining outer budget cannot fit another iteration\n\nRaw task results:/,
    );
    await tight.close();
    const unbounded = orchestrationRuntime({
      model: script(),
      mcpUrl: mcp.url,
      orchestration: { timeouts: { per_call_timeout_secs: 60 } },
      runtime: { streamingTimeoutSecs: 0 },
    });
    const accepted = await runEvents(unbounded, 'q');
    expect(ofType(accepted, 'plan-created')).toHaveLength(2);
    expect(answerText(accepted)).toBe('done');
    await unbounded.close();
  });

  it('max_run_tokens: once spent no LLM call starts; the user gets the results so far, labelled', async () => {
    const model = orchestrationModel({
      coordinator: [turn(plan(['First', 'Second']), usage(600, 50))],
      workers: {
        First: [turn(toolCall('mean', { numbers: [1, 3] }), usage(400, 20)), turn(submit('2'))],
        Second: [turn(submit('never'))],
      },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      memoryDir: memory.path,
      orchestration: { max_run_tokens: 1000 },
    });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    // The first worker call spent the budget: its next call is refused, the second task never starts.
    expect(workerCalls(model, 'First')).toHaveLength(1);
    expect(workerCalls(model, 'Second')).toHaveLength(0);
    expect(coordinatorCalls(model)).toHaveLength(1);
    expect(only(events, 'task-completed').success).toBe(false);
    expect(lifecycle(events)).not.toContain('synthesizing');
    expect(only(events, 'iteration-complete')).toMatchObject({ willReplan: false, reasoning: 'Run budget exhausted' });
    const answer = answerText(events);
    expect(answer).toMatch(/^Run budget exhausted \(max_run_tokens = 1000, 1070 tokens used\)/);
    expect(answer).toContain('## Task 1: Second\n\n(not executed)');
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', stopReason: 'budget_exhausted' });
    const runDir = join(memory.path, 's1', only(events, 'run-start').runId);
    expect(JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')).status).toBe('failed');
    await runtime.close();
  });

  it('max_run_seconds: running work is aborted at the deadline and the results so far are returned', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(
          toolCall('create_plan', {
            goal: 'g',
            steps: [
              {
                type: 'parallel',
                items: [
                  { type: 'task', task: 'Quick' },
                  { type: 'task', task: 'Slow' },
                ],
              },
            ],
            routing_rationale: 'r',
            planning_summary: 'ps',
          }),
        ),
      ],
      workers: {
        Quick: [turn(submit('quick result'))],
        Slow: [turn(toolCall('sleep', { ms: 30_000, steps: 30 })), turn(submit('never'))],
      },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, orchestration: { max_run_seconds: 1 } });
    const started = Date.now();
    const events = await runEvents(runtime, 'q');
    expect(Date.now() - started).toBeLessThan(10_000);
    const completed = new Map(ofType(events, 'task-completed').map((event) => [event.taskId, event]));
    expect(completed.get(0)).toMatchObject({ success: true, result: 'quick result' });
    expect(completed.get(1)?.success).toBe(false);
    await mcp.log.waitForType('cancelled');
    const answer = answerText(events);
    expect(answer).toMatch(/^Run budget exhausted \(max_run_seconds = 1\)/);
    expect(answer).toContain('## Task 0: Quick\n\nquick result');
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', stopReason: 'budget_exhausted' });
    await runtime.close();
  }, 15_000);
});
