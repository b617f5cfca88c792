/**
 * Initial routing through the runtime (orchestration-spec §1.4–§1.7; §8 cases 1, 2, 5, 6, 7, 8): each routing
 * tool, corrections, the fallback plan, config enforcement, and planning failures.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpError, text, toolCall, turn, usage } from '@aura/testkit';
import { describe, expect, it } from 'vitest';
import {
  answerText,
  coordinatorCalls,
  lifecycle,
  ofType,
  only,
  orchestrationModel,
  orchestrationRuntime,
  runEvents,
  useTempMemoryDir,
  workerCalls,
} from './orchestration-fixtures.js';

const submit = (result: string) => toolCall('submit_result', { summary: result, result, confidence: 'high' });

describe('orchestration: initial routing', () => {
  const memory = useTempMemoryDir();

  it('case 1: a direct answer ends the run with only direct-answer, no worker, and a direct-answer manifest', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(
          toolCall('respond_directly', { response: '4', routing_rationale: 'trivial', summary: 'Answered 4' }),
          usage(100, 10),
        ),
      ],
    });
    const runtime = orchestrationRuntime({ model, memoryDir: memory.path });
    const events = await runEvents(runtime, 'What is 2+2?', { sessionId: 's1' });
    expect(events[0]).toMatchObject({ type: 'run-start', mode: 'orchestration', sessionId: 's1' });
    expect(lifecycle(events)).toEqual(['direct-answer']);
    expect(only(events, 'direct-answer')).toMatchObject({ response: '4', routingRationale: 'trivial' });
    expect(answerText(events)).toBe('4');
    expect(events.at(-1)).toMatchObject({
      type: 'run-finish',
      text: '4',
      usage: { inputTokens: 100, outputTokens: 10 },
    });
    expect(model.calls).toHaveLength(1);
    // Routing tools never produce tool events, and coordinator text is not the answer.
    expect(ofType(events, 'tool-call')).toEqual([]);
    const runId = only(events, 'run-start').runId;
    const manifest = JSON.parse(await readFile(join(memory.path, 's1', runId, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      iterations: 0,
      routing_mode: 'direct_answer',
      outcome: 'Answered directly',
      response_summary: 'Answered 4',
      task_summaries: [],
      status: 'success',
    });
    await runtime.close();
  });

  it('case 2: a clarification is the answer; options are kept or absent; no manifest', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(
          toolCall('request_clarification', {
            question: 'Which env?',
            options: ['prod', 'staging'],
            routing_rationale: 'ambiguous',
          }),
        ),
        turn(toolCall('request_clarification', { question: 'Which env?', routing_rationale: 'ambiguous' })),
      ],
    });
    const runtime = orchestrationRuntime({ model, memoryDir: memory.path });
    const first = await runEvents(runtime, 'Check the env', { sessionId: 's1' });
    expect(lifecycle(first)).toEqual(['clarification-needed']);
    expect(only(first, 'clarification-needed')).toMatchObject({ question: 'Which env?', options: ['prod', 'staging'] });
    expect(answerText(first)).toBe('Which env?');
    const second = await runEvents(runtime, 'Check the env', { sessionId: 's1' });
    expect('options' in only(second, 'clarification-needed')).toBe(false);
    const runDir = join(memory.path, 's1', only(first, 'run-start').runId);
    expect(await readdir(runDir)).not.toContain('manifest.json');
    await runtime.close();
  });

  it('case 5: a text answer gets the correction message, with the first exchange in its history', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(text('I think we should compute it.')),
        turn(toolCall('respond_directly', { response: 'done', routing_rationale: 'r' })),
      ],
    });
    const runtime = orchestrationRuntime({ model });
    const events = await runEvents(runtime, 'Compute it');
    expect(lifecycle(events)).toEqual(['direct-answer']);
    const [call1, call2] = coordinatorCalls(model);
    const correction = call2?.view.messages.at(-1)?.text ?? '';
    for (const name of ['respond_directly', 'create_plan', 'request_clarification']) expect(correction).toContain(name);
    expect(call2?.view.messages.slice(0, 2).map((message) => [message.role, message.text])).toEqual([
      ['user', call1?.view.messages.at(-1)?.text],
      ['assistant', 'I think we should compute it.'],
    ]);
    expect(call1?.view.messages.at(-1)?.text).toMatch(/^Current time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n\n/);
    expect(call1?.view.messages.at(-1)?.text).toContain('USER QUERY: Compute it');
    // The coordinator's text is never streamed as the answer.
    expect(answerText(events)).toBe('done');
    await runtime.close();
  });

  it('case 6: when no attempt routes, a fallback plan runs the query on the generic worker', async () => {
    const query = 'a'.repeat(150);
    const task = `Execute: ${'a'.repeat(100)}...`;
    const model = orchestrationModel({
      coordinator: [
        turn(text('one')),
        turn(text('two')),
        turn(text('three')),
        turn(toolCall('respond_directly', { response: 'final', routing_rationale: 'r' })),
      ],
      workers: { [task]: [turn(submit('ok'))] },
    });
    const runtime = orchestrationRuntime({ model, orchestration: { max_plan_parse_retries: 3 } });
    const events = await runEvents(runtime, query);
    const plan = only(events, 'plan-created');
    expect(plan).toMatchObject({
      tasks: [task],
      routingMode: 'routed',
      routingRationale: 'Fallback: all routing attempts failed',
    });
    expect('planningResponse' in plan).toBe(false);
    const started = only(events, 'task-started');
    expect(started.workerId).toBe(started.orchestratorId);
    expect(started.workerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answerText(events)).toBe('final');
    await runtime.close();
  });

  it('max_plan_parse_retries = 0 falls back without any coordinator call', async () => {
    const model = orchestrationModel({
      coordinator: [turn(toolCall('respond_directly', { response: 'r', routing_rationale: 'r' }))],
      workers: { 'Execute: hello': [turn(submit('hi'))] },
    });
    const runtime = orchestrationRuntime({ model, orchestration: { max_plan_parse_retries: 0 } });
    const events = await runEvents(runtime, 'hello');
    expect(only(events, 'plan-created').routingRationale).toBe('Fallback: all routing attempts failed');
    // No post-execute attempt either: the raw results answer with the coordinator error note.
    expect(coordinatorCalls(model)).toHaveLength(0);
    expect(answerText(events)).toContain('All 0 post-execute planning attempts failed');
    await runtime.close();
  });

  it('case 7: allow_direct_answers = false turns an initial direct answer into a generic task', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(toolCall('respond_directly', { response: '42', routing_rationale: 'easy' })),
        turn(toolCall('respond_directly', { response: 'It is 42.', routing_rationale: 'synthesis' })),
      ],
      workers: { "Answer the user's query: What is 6*7?": [turn(submit('42'))] },
    });
    const runtime = orchestrationRuntime({ model, orchestration: { allow_direct_answers: false } });
    const events = await runEvents(runtime, 'What is 6*7?');
    const plan = only(events, 'plan-created');
    expect(plan.tasks).toEqual(["Answer the user's query: What is 6*7?"]);
    expect(plan.routingMode).toBe('routed');
    expect(plan.routingRationale).toMatch(
      /^Config override \(allow_direct_answers=false\)\. Original rationale: easy \| Original answer: 42/,
    );
    expect(workerCalls(model, "Answer the user's query: What is 6*7?")).toHaveLength(1);
    // Fixed quirk: the post-execute direct answer ends the run instead of being converted again.
    expect(lifecycle(events).slice(-2)).toEqual(['direct-answer', 'iteration-complete']);
    expect(answerText(events)).toBe('It is 42.');
    await runtime.close();
  });

  it('case 8: allow_clarification = false turns a clarification into an investigation task', async () => {
    const query = 'Check the thing';
    const task = `Investigate and answer the user's query: ${query}`;
    const model = orchestrationModel({
      coordinator: [
        turn(toolCall('request_clarification', { question: 'Which?', routing_rationale: 'vague' })),
        turn(toolCall('respond_directly', { response: 'Checked.', routing_rationale: 'done' })),
      ],
      workers: { [task]: [turn(submit('fine'))] },
    });
    const runtime = orchestrationRuntime({ model, orchestration: { allow_clarification: false } });
    const events = await runEvents(runtime, query);
    expect(only(events, 'plan-created')).toMatchObject({
      tasks: [task],
      routingRationale: expect.stringMatching(
        /^Config override \(allow_clarification=false\)\. Original rationale: vague/,
      ),
    });
    expect(answerText(events)).toBe('Checked.');
    await runtime.close();
  });

  it('case 23: an empty or too-deep plan is a tool error the coordinator corrects within the same call', async () => {
    const deep = [
      {
        type: 'parallel',
        items: [{ type: 'chain', steps: [{ type: 'parallel', items: [{ type: 'task', task: 'x' }] }] }],
      },
    ];
    const model = orchestrationModel({
      coordinator: [
        turn(toolCall('create_plan', { goal: 'g', steps: [], routing_rationale: 'r', planning_summary: 'ps' })),
        turn(toolCall('create_plan', { goal: 'g', steps: deep, routing_rationale: 'r', planning_summary: 'ps' })),
        turn(
          toolCall('create_plan', {
            goal: 'g',
            steps: [{ type: 'task', task: 'Fixed', worker: 'stats' }],
            routing_rationale: 'r',
            planning_summary: 'ps',
          }),
        ),
        turn(toolCall('respond_directly', { response: 'fixed', routing_rationale: 'r' })),
      ],
      workers: { Fixed: [turn(submit('ok'))] },
    });
    const runtime = orchestrationRuntime({ model });
    const events = await runEvents(runtime, 'q');
    expect(only(events, 'plan-created').tasks).toEqual(['Fixed']);
    const calls = coordinatorCalls(model);
    // One routing attempt: the three create_plan turns are one coordinator call; no correction prompt was needed.
    expect(calls[2]?.view.messages.filter((message) => message.role === 'user')).toHaveLength(1);
    const errors =
      calls[2]?.view.messages.flatMap((message) => message.toolResults.map((result) => result.content)) ?? [];
    expect(errors[0]).toContain('Steps list is empty');
    expect(errors[1]).toContain('Step nesting depth exceeds maximum of 2');
    expect(answerText(events)).toBe('fixed');
    await runtime.close();
  });

  it('a non-transient initial planning failure ends the run with a run-error naming it', async () => {
    const model = orchestrationModel({ coordinator: [turn(httpError(400, { message: 'bad request' }))] });
    const runtime = orchestrationRuntime({ model });
    const events = await runEvents(runtime, 'hello');
    expect(events.at(-1)).toMatchObject({
      type: 'run-error',
      error: { code: 'PROVIDER_BAD_REQUEST', message: expect.stringMatching(/^Planning failed: /) },
    });
    expect(coordinatorCalls(model)).toHaveLength(1);
    await runtime.close();
  });

  it('a transient failure is retried with the correction message; a context overflow stops at once', async () => {
    const retried = orchestrationModel({
      coordinator: [
        turn(httpError(503, { message: 'overloaded' })),
        turn(toolCall('respond_directly', { response: 'ok', routing_rationale: 'r' })),
      ],
    });
    const runtime = orchestrationRuntime({ model: retried });
    expect(answerText(await runEvents(runtime, 'hello'))).toBe('ok');
    const [first, second] = coordinatorCalls(retried);
    // Quirk §9 item 2: the failed attempt's prompt stays in the history without an assistant turn.
    expect(second?.view.messages.map((message) => message.role)).toEqual(['user', 'user']);
    expect(second?.view.messages[0]?.text).toBe(first?.view.messages.at(-1)?.text);
    await runtime.close();

    const overflow = orchestrationModel({
      coordinator: [turn(httpError(400, { message: "This model's maximum context length is 8192 tokens" }))],
    });
    const small = orchestrationRuntime({ model: overflow });
    const events = await runEvents(small, 'hello');
    expect(events.at(-1)).toMatchObject({
      type: 'run-error',
      error: {
        code: 'PROVIDER_CONTEXT_OVERFLOW',
        message: expect.stringMatching(/^Context limit exceeded during planning\./),
      },
    });
    expect(coordinatorCalls(overflow)).toHaveLength(1);
    await small.close();
  });

  it('passes the request history to every coordinator call but never to workers', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(
          toolCall('create_plan', {
            goal: 'g',
            steps: [{ type: 'task', task: 'Say hi', worker: 'stats' }],
            routing_rationale: 'r',
            planning_summary: 'ps',
          }),
        ),
        turn(toolCall('respond_directly', { response: 'hi', routing_rationale: 'r' })),
      ],
      workers: { 'Say hi': [turn(submit('hi'))] },
    });
    const runtime = orchestrationRuntime({ model });
    await runEvents(runtime, 'and now?', {
      history: [
        { role: 'user', content: 'earlier question' },
        { role: 'assistant', content: 'earlier answer' },
      ],
    });
    for (const call of coordinatorCalls(model)) {
      expect(call.view.messages.slice(0, 2).map((message) => message.text)).toEqual([
        'earlier question',
        'earlier answer',
      ]);
    }
    const [worker] = workerCalls(model, 'Say hi');
    expect(worker?.view.messages).toHaveLength(1);
    await runtime.close();
  });
});
