/**
 * Plan execution through the runtime (orchestration-spec §1.10, §2; §8 cases 3, 4, 9, 10, 11, 15, 20, 21):
 * waves and barriers, dependency context, the submit_result protocol, failures and their categories, the
 * provider short-circuit, unknown workers and per-call timeouts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuntimeEvent } from '@aura/events';
import {
  hang,
  httpError,
  type ModelCallRequest,
  slowChunks,
  slowFirstToken,
  streamError,
  type TestMcpHttpServer,
  text,
  toolCall,
  turn,
  usage,
} from '@aura/testkit';
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

const plan = (steps: unknown[], extra: Record<string, unknown> = {}) =>
  toolCall('create_plan', { goal: 'g', steps, routing_rationale: 'r', planning_summary: 'ps', ...extra });
const respond = (response: string) => toolCall('respond_directly', { response, routing_rationale: 'done' });
const submit = (result: string, confidence = 'high') =>
  toolCall('submit_result', { summary: `summary of ${result}`, result, confidence });
const task = (description: string, worker?: string) =>
  worker === undefined ? { type: 'task', task: description } : { type: 'task', task: description, worker };

describe('orchestration: execution', () => {
  let mcp: TestMcpHttpServer;
  const memory = useTempMemoryDir();
  beforeEach(async () => {
    mcp = await startStatsServer();
  });
  afterEach(async () => {
    await mcp.close();
  });

  it('case 3: a routed single task, in the spec order, with the continuation prompt and no extra worker call', async () => {
    const description = 'Compute mean of 10,20,30';
    const model = orchestrationModel({
      coordinator: [
        turn(plan([task(description, 'stats')]), usage(100, 20)),
        turn(respond('The mean is 20'), usage(300, 30)),
      ],
      workers: {
        [description]: [
          turn(toolCall('mean', { numbers: [10, 20, 30] }), usage(50, 5)),
          turn(toolCall('submit_result', { summary: 'mean=20', result: '20', confidence: 'high' }), usage(60, 6)),
        ],
      },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, memoryDir: memory.path });
    const events = await runEvents(runtime, 'mean please', { sessionId: 's1' });
    expect(lifecycle(events)).toEqual([
      'plan-created',
      'task-started',
      'task-completed',
      'synthesizing',
      'direct-answer',
      'iteration-complete',
    ]);
    expect(only(events, 'plan-created')).toMatchObject({
      routingMode: 'routed',
      tasks: [description],
      planningResponse: 'ps',
    });
    expect(only(events, 'task-started')).toMatchObject({ taskId: 0, workerId: 'stats', description });
    const toolCalls = ofType(events, 'tool-call');
    expect(toolCalls.map((event) => event.toolName)).toEqual(['mean', 'submit_result']);
    for (const call of toolCalls)
      expect(call.agent).toEqual({ agentId: 'stats', parentAgentId: 'coordinator', taskId: 0 });
    const results = ofType(events, 'tool-result');
    expect(results[0]).toMatchObject({ toolName: 'mean', success: true, output: '20' });
    expect(results[1]).toMatchObject({ toolName: 'submit_result', output: '{"status":"Result submitted."}' });
    expect(only(events, 'task-completed')).toMatchObject({ taskId: 0, success: true, result: '20', workerId: 'stats' });
    expect(only(events, 'synthesizing').iteration).toBe(1);
    const done = only(events, 'iteration-complete');
    expect(done).toMatchObject({ iteration: 1, willReplan: false });
    expect('reasoning' in done).toBe(false);
    expect(answerText(events)).toBe('The mean is 20');
    // usage = every coordinator and worker call
    expect(events.at(-1)).toMatchObject({
      type: 'run-finish',
      text: 'The mean is 20',
      usage: { inputTokens: 510, outputTokens: 61, totalTokens: 571 },
    });
    expect(workerCalls(model, description)).toHaveLength(2);
    const continuation = coordinatorCalls(model)[1]?.view.messages.at(-1)?.text ?? '';
    expect(continuation).toMatch(/^Current time: /);
    for (const fragment of [
      'ITERATION 1 of 3',
      'Outcome: 1 of 1 tasks succeeded.',
      'COMPLETED TASKS:',
      `- Task 0: ${description} (confidence: high)`,
      '    20',
    ]) {
      expect(continuation).toContain(fragment);
    }
    // The worker sees its preamble, its filtered MCP tools and the built-ins, never the chat or routing tools.
    const worker = workerCalls(model, description)[0];
    expect(worker?.view.system).toContain('You compute statistics.');
    expect(worker?.tools.map((tool) => tool.name)).toEqual([
      'mean',
      'median',
      'read_artifact',
      'submit_result',
      'wait_for',
    ]);
    await runtime.close();
  });

  it('case 4: two waves with a barrier, dependency context in the dependent prompt, orchestrated mode', async () => {
    const [a, b, c] = ['Mean of 10,20,30', 'Median of 10,20,30', 'Multiply the two results'];
    const model = orchestrationModel({
      coordinator: [
        turn(plan([{ type: 'parallel', items: [task(a, 'stats'), task(b, 'stats')] }, task(c, 'math')])),
        turn(respond('400')),
      ],
      workers: {
        [a]: [turn(submit('20'))],
        [b]: [turn(slowFirstToken(150), submit('20b'))],
        [c]: [turn(toolCall('multiply', { a: 20, b: 20 })), turn(submit('400'))],
      },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, memoryDir: memory.path });
    const events = await runEvents(runtime, 'stats then multiply', { sessionId: 's1' });
    expect(only(events, 'plan-created').routingMode).toBe('orchestrated');
    const order = events.flatMap((event) =>
      event.type === 'task-started' || event.type === 'task-completed' ? [`${event.type}:${event.taskId}`] : [],
    );
    expect(order.slice(0, 2)).toEqual(['task-started:0', 'task-started:1']);
    expect(order.indexOf('task-started:2')).toBeGreaterThan(order.indexOf('task-completed:0'));
    expect(order.indexOf('task-started:2')).toBeGreaterThan(order.indexOf('task-completed:1'));
    expect(order.indexOf('task-completed:0')).toBeLessThan(order.indexOf('task-completed:1'));
    const firstToolEvent = events.findIndex((event) => event.type === 'tool-call');
    expect(events.findIndex((event) => event.type === 'task-started' && event.taskId === 1)).toBeLessThan(
      firstToolEvent,
    );
    const prompt = workerCalls(model, c)[0]?.view.messages[0]?.text ?? '';
    expect(
      prompt.startsWith(
        `YOUR TASK: ${c}\n\nCOMPLETED — Task 0 (${a}):\n20\n\n---\n\nCOMPLETED — Task 1 (${b}):\n20b\n\n\n\n`,
      ),
    ).toBe(true);
    const runId = only(events, 'run-start').runId;
    const planJson = JSON.parse(await readFile(join(memory.path, 's1', runId, 'iteration-1', 'plan.json'), 'utf8'));
    expect(planJson.tasks.map((entry: { dependencies: number[] }) => entry.dependencies)).toEqual([[], [], [0, 1]]);
    expect(planJson.tasks.map((entry: { status: string }) => entry.status)).toEqual([
      'complete',
      'complete',
      'complete',
    ]);
    await runtime.close();
  });

  it('case 9: submit_result on the second attempt after a correction; files of attempt 2 only', async () => {
    const description = 'Compute mean';
    const model = orchestrationModel({
      coordinator: [turn(plan([task(description, 'stats')])), turn(respond('20'))],
      workers: {
        [description]: [
          turn(text('20')),
          turn(toolCall('submit_result', { summary: 's', result: '20', confidence: 'HIGH' })),
        ],
      },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, memoryDir: memory.path });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    expect(only(events, 'task-completed').success).toBe(true);
    const second = workerCalls(model, description)[1];
    expect(second?.view.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(second?.view.messages[1]?.text).toBe('20');
    expect(second?.view.messages[2]?.text).toContain('[SYSTEM CORRECTION]');
    expect(second?.view.messages[2]?.text).toContain('submit_result');
    const dir = join(memory.path, 's1', only(events, 'run-start').runId, 'iteration-1');
    const files = await readdir(dir);
    expect(files).toEqual(
      expect.arrayContaining([
        'task-0.attempt-2.prompt.txt',
        'task-0.attempt-2.response.txt',
        'task-0.attempt-2.result.json',
      ]),
    );
    expect(files).not.toContain('task-0.attempt-1.result.json');
    const record = JSON.parse(await readFile(join(dir, 'task-0.attempt-2.result.json'), 'utf8'));
    expect(record).toMatchObject({
      attempt: 2,
      confidence: 'high',
      result: '20',
      approach: 'Direct task execution via worker agent',
    });
    expect(await readFile(join(dir, 'task-0.attempt-2.prompt.txt'), 'utf8')).toContain('[SYSTEM CORRECTION]');
    await runtime.close();
  });

  it('case 10: no submit_result twice is a soft failure shown to the coordinator', async () => {
    const description = 'Compute mean';
    const model = orchestrationModel({
      coordinator: [turn(plan([task(description, 'stats')])), turn(respond('sorry'))],
      workers: { [description]: [turn(text('I could not')), turn(text('I could not'))] },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, memoryDir: memory.path });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    expect(only(events, 'task-completed')).toMatchObject({ success: false, result: 'I could not' });
    expect(lifecycle(events)).toContain('synthesizing');
    const continuation = coordinatorCalls(model)[1]?.view.messages.at(-1)?.text ?? '';
    expect(continuation).toContain('FAILED TASKS:');
    expect(continuation).toContain('→ failed [soft_failure]: I could not');
    const dir = join(memory.path, 's1', only(events, 'run-start').runId, 'iteration-1');
    const planJson = JSON.parse(await readFile(join(dir, 'plan.json'), 'utf8'));
    expect(planJson.tasks[0]).toMatchObject({ status: 'failed', failure_category: 'soft_failure' });
    await runtime.close();
  });

  it('case 11: a failed task blocks its dependents, which never start', async () => {
    const [a, b] = ['Task A', 'Task B'];
    const model = orchestrationModel({
      coordinator: [turn(plan([task(a, 'stats'), task(b, 'math')])), turn(respond('partial'))],
      workers: { [a]: [turn(streamError('boom'))] },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    const events = await runEvents(runtime, 'q');
    const completed = only(events, 'task-completed');
    expect(completed).toMatchObject({ taskId: 0, success: false });
    expect(completed.result).toMatch(/^Worker failed task 0 after 1 attempts: .*boom/);
    expect(ofType(events, 'task-started').map((event) => event.taskId)).toEqual([0]);
    const continuation = coordinatorCalls(model)[1]?.view.messages.at(-1)?.text ?? '';
    for (const fragment of [
      'Outcome: 0 of 2 tasks succeeded.',
      'BLOCKED TASKS (dependencies failed):',
      `- Task 1: ${b} → blocked (dependency failed)`,
      'FAILED TASKS:',
      '[agent_error]',
      'FAILURE SUMMARY:',
      'Execution failed: 1 task(s) failed, 1 task(s) blocked by dependencies.',
      'AREAS NEEDING ATTENTION:',
      '⏸ blocked by failed dependency',
      'FAILURE HISTORY:',
      `- Iteration 1: "${a}" (worker: stats) — [agent_error]`,
    ]) {
      expect(continuation).toContain(fragment);
    }
    expect(answerText(events)).toBe('partial');
    await runtime.close();
  });

  it('case 15: all tasks failing with provider errors short-circuits the run; one success does not', async () => {
    const [a, b] = ['Task A', 'Task B'];
    const failing = orchestrationModel({
      coordinator: [turn(plan([{ type: 'parallel', items: [task(a, 'stats'), task(b, 'stats')] }]))],
      workers: { [a]: [turn(httpError(429))], [b]: [turn(httpError(429))] },
    });
    const runtime = orchestrationRuntime({ model: failing, mcpUrl: mcp.url, memoryDir: memory.path });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    expect(ofType(events, 'task-completed').map((event) => event.success)).toEqual([false, false]);
    expect(lifecycle(events)).not.toContain('synthesizing');
    expect(lifecycle(events)).not.toContain('iteration-complete');
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'run-error', error: { code: 'PROVIDER_RATE_LIMITED' } });
    expect(last?.type === 'run-error' && last.error.message).toMatch(
      /^Provider error: all tasks failed due to provider issues/,
    );
    const manifestPath = join(memory.path, 's1', only(events, 'run-start').runId, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    expect(manifest.status).toBe('failed');
    expect(manifest.phase_timings).toBeUndefined();
    await runtime.close();

    const mixed = orchestrationModel({
      coordinator: [
        turn(plan([{ type: 'parallel', items: [task(a, 'stats'), task(b, 'stats')] }])),
        turn(respond('half')),
      ],
      workers: { [a]: [turn(httpError(429))], [b]: [turn(submit('ok'))] },
    });
    const second = orchestrationRuntime({ model: mixed, mcpUrl: mcp.url });
    const mixedEvents = await runEvents(second, 'q');
    expect(lifecycle(mixedEvents)).toContain('synthesizing');
    expect(answerText(mixedEvents)).toBe('half');
    await second.close();
  });

  it('case 20: an unknown worker fails its task without an LLM call and the run continues', async () => {
    const model = orchestrationModel({
      coordinator: [turn(plan([task('Haunt the house', 'ghost')])), turn(respond('no ghost'))],
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    const events = await runEvents(runtime, 'q');
    expect(only(events, 'task-started').workerId).toBe('ghost');
    expect(only(events, 'task-completed')).toMatchObject({
      success: false,
      result: "Worker 'ghost' not found in configuration (task 0)",
    });
    expect(coordinatorCalls(model)[1]?.view.messages.at(-1)?.text).toContain('[agent_error]');
    expect(model.calls).toHaveLength(2);
    expect(lifecycle(events)).toContain('synthesizing');
    await runtime.close();
  });

  it('case 21: a stalled worker times out after per_call_timeout_secs, once, as agent_timeout', async () => {
    const description = 'Stall';
    const model = orchestrationModel({
      coordinator: [turn(plan([task(description, 'stats')])), turn(respond('timed out'))],
      workers: { [description]: [turn(hang())] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      orchestration: { timeouts: { per_call_timeout_secs: 1 } },
    });
    const events = await runEvents(runtime, 'q');
    const completed = only(events, 'task-completed');
    expect(completed.success).toBe(false);
    expect(completed.result).toContain('Worker task timed out after 1s');
    expect(workerCalls(model, description)).toHaveLength(1);
    expect(coordinatorCalls(model)[1]?.view.messages.at(-1)?.text).toContain('[agent_timeout]');
    await runtime.close();
  });

  it('case 21 (inactivity): silence between deltas fires, a long tool call between deltas does not', async () => {
    const stalled = 'Stall after a delta';
    const slowTool = 'Slow tool';
    const model = orchestrationModel({
      coordinator: [
        turn(plan([{ type: 'parallel', items: [task(stalled, 'stats'), task(slowTool)] }])),
        turn(respond('done')),
      ],
      workers: {
        [stalled]: [turn(text('thinking about it'), slowChunks(2_000))],
        [slowTool]: [turn(toolCall('sleep', { ms: 1_500 })), turn(submit('slept'))],
      },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      orchestration: { timeouts: { stream_inactivity_timeout_secs: 1 } },
    });
    const events = await runEvents(runtime, 'q');
    const byTask = new Map(ofType(events, 'task-completed').map((event) => [event.taskId, event]));
    expect(byTask.get(0)?.success).toBe(false);
    expect(byTask.get(0)?.result).toContain('Worker task: no stream progress for 1s');
    expect(byTask.get(1)).toMatchObject({ success: true, result: 'slept' });
    await runtime.close();
  }, 15_000);

  it('a generic worker (no worker field) gets every MCP tool and the generic preamble', async () => {
    const description = 'Anything';
    const model = orchestrationModel({
      coordinator: [turn(plan([task(description)])), turn(respond('ok'))],
      workers: { [description]: [turn(submit('done'))] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      orchestration: { worker_system_prompt: 'Generic instructions here.' },
    });
    const events = await runEvents(runtime, 'q');
    const call = workerCalls(model, description)[0] as ModelCallRequest;
    expect(call.tools.map((tool) => tool.name)).toEqual([
      'sleep',
      'mean',
      'median',
      'multiply',
      'read_artifact',
      'submit_result',
      'wait_for',
    ]);
    expect(call.view.system).toContain('Generic instructions here.');
    const started = only(events, 'task-started');
    const submitCall = ofType(events, 'tool-call').find(
      (event) => event.toolName === 'submit_result',
    ) as RuntimeEvent & {
      agent: { agentId: string };
    };
    expect(submitCall.agent.agentId).toBe(started.orchestratorId);
    await runtime.close();
  });
});
