import { AuraError, type RuntimeEvent } from '@aura/events';
import {
  createScriptedModel,
  finish,
  httpError,
  lastMessage,
  reasoning,
  streamError,
  text,
  toolCall,
  toolResults,
  turn,
  usage,
} from '@aura/testkit';
import { describe, expect, it } from 'vitest';
import {
  AGENT,
  abortedPromise,
  collect,
  eventsOf,
  recordingTool,
  type ToolExecution,
} from '../../test/agent-test-helpers.js';
import type { Tool } from '../tools/tool.js';
import type { AgentLoopOptions } from './agent-loop-types.js';
import { createClientTools } from './client-tools.js';
import { drainAgentLoop } from './drain-agent-loop.js';
import { runAgentLoop } from './run-agent-loop.js';
import { checkTranscript } from './transcript.js';

const USER = [{ role: 'user' as const, content: 'What is up?' }];

function options(overrides: Partial<AgentLoopOptions> & Pick<AgentLoopOptions, 'model'>): AgentLoopOptions {
  return {
    system: 'You are a test agent.',
    messages: USER,
    tools: [],
    agent: AGENT,
    turnDepth: 5,
    signal: new AbortController().signal,
    ...overrides,
  };
}

function types(events: readonly RuntimeEvent[]): string[] {
  return events.map((event) => event.type);
}

describe('runAgentLoop: answering', () => {
  it('streams text and finishes with the answer and usage', async () => {
    const model = createScriptedModel({ turns: [turn(text('Hello there friend'), usage(12, 3))] });
    const { events, result } = await collect(runAgentLoop(options({ model })));
    expect(types(events)).toEqual([
      'step-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'step-finish',
      'run-finish',
    ]);
    expect(
      eventsOf(events, 'text-delta')
        .map((event) => event.delta)
        .join(''),
    ).toBe('Hello there friend');
    expect(events.at(-1)).toEqual({
      type: 'run-finish',
      text: 'Hello there friend',
      usage: {
        inputTokens: 12,
        outputTokens: 3,
        totalTokens: 15,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
      finishReason: 'stop',
    });
    expect(result.text).toBe('Hello there friend');
    expect(result.transcript).toEqual([{ role: 'assistant', content: [{ type: 'text', text: 'Hello there friend' }] }]);
    expect(model.calls[0]?.view.system).toBe('You are a test agent.');
    expect(model.calls[0]?.settings).not.toHaveProperty('maxRetries');
  });

  it('reports finishReason length when the last call was cut off', async () => {
    const model = createScriptedModel({ turns: [turn(text('partial'), finish('length'))] });
    const { result } = await collect(runAgentLoop(options({ model })));
    expect(result.finishReason).toBe('length');
  });

  it('forwards call settings and provider options to every call', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({ turns: [turn(toolCall('probe')), turn(text('done'))] });
    await collect(
      runAgentLoop(
        options({
          model,
          tools: [recordingTool('probe', log)],
          callSettings: { temperature: 0.2, maxOutputTokens: 99 },
          providerOptions: { scripted: { flag: true } },
        }),
      ),
    );
    for (const call of model.calls) {
      expect(call.settings).toMatchObject({ temperature: 0.2, maxOutputTokens: 99 });
      expect(call.providerOptions).toEqual({ scripted: { flag: true } });
    }
  });
});

describe('runAgentLoop: tools', () => {
  it('executes a tool, feeds the result back and answers', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({
      turns: [
        turn(text('Checking.'), toolCall('lookup', { q: 'x' }, { id: 'call_a' }), usage(10, 4)),
        turn(text('It is x.'), usage(20, 5)),
      ],
    });
    const tools = [recordingTool('lookup', log, { reply: 'found x' })];
    const { events, result } = await collect(runAgentLoop(options({ model, tools })));

    expect(log.map((execution) => execution.args)).toEqual([{ q: 'x' }]);
    expect(log[0]?.toolCallId).toBe('call_a');
    expect(types(events).filter((type) => !type.endsWith('-delta'))).toEqual([
      'step-start',
      'tool-call',
      'step-finish',
      'tool-result',
      'step-start',
      'step-finish',
      'run-finish',
    ]);
    expect(eventsOf(events, 'tool-call')[0]).toEqual({
      type: 'tool-call',
      agent: AGENT,
      toolCallId: 'call_a',
      toolName: 'lookup',
      arguments: { q: 'x' },
      rawArguments: '{"q":"x"}',
      toolKind: 'mcp',
    });
    expect(eventsOf(events, 'step-finish')[0]).toMatchObject({
      step: 1,
      finishReason: 'tool-calls',
      toolCallIds: ['call_a'],
    });
    const resultEvent = eventsOf(events, 'tool-result')[0];
    expect(resultEvent).toMatchObject({ toolCallId: 'call_a', success: true, output: 'found x', toolKind: 'mcp' });
    expect(resultEvent?.durationMs).toBeGreaterThanOrEqual(0);
    expect(toolResults(model.calls[1] ?? { view: undefined })).toEqual([
      { id: 'call_a', name: 'lookup', content: 'found x', isError: false },
    ]);
    // Tools are offered as definitions; the SDK never ran them (the loop did, once).
    expect(model.calls[0]?.tools.map((tool) => tool.name)).toEqual(['lookup']);
    expect(result).toMatchObject({ text: 'It is x.', finishReason: 'stop' });
    expect(result.usage).toMatchObject({ inputTokens: 30, outputTokens: 9, totalTokens: 39 });
    expect(eventsOf(events, 'step-finish').map((event) => event.usage.totalTokens)).toEqual([14, 25]);
    expect(result.steps.map((step) => step.toolResults.map((call) => call.output))).toEqual([['found x'], []]);
    expect(checkTranscript([...USER, ...result.transcript])).toEqual([]);
    expect(result.transcript.map((message) => message.role)).toEqual(['assistant', 'tool', 'assistant']);
  });

  it('runs one turn of calls sequentially in model order by default', async () => {
    const order: string[] = [];
    const log: ToolExecution[] = [];
    const slow = (name: string, ms: number): Tool =>
      recordingTool(name, log, {
        reply: async () => {
          order.push(`${name}:start`);
          await new Promise((resolve) => setTimeout(resolve, ms));
          order.push(`${name}:end`);
          return { text: name, isError: false };
        },
      });
    const model = createScriptedModel({ turns: [turn(toolCall('a'), toolCall('b'), toolCall('c')), turn('ok')] });
    const { events } = await collect(
      runAgentLoop(options({ model, tools: [slow('a', 15), slow('b', 1), slow('c', 5)] })),
    );
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    expect(eventsOf(events, 'tool-result').map((event) => event.output)).toEqual(['a', 'b', 'c']);
  });

  it('runs one turn of calls concurrently with parallelToolCalls, keeping model order in the transcript', async () => {
    const log: ToolExecution[] = [];
    let releaseA: () => void = () => {};
    const aGate = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    const tools = [
      recordingTool('a', log, {
        reply: async () => {
          await aGate;
          return { text: 'A', isError: false };
        },
      }),
      recordingTool('b', log, {
        reply: () => {
          releaseA();
          return { text: 'B', isError: false };
        },
      }),
    ];
    const model = createScriptedModel({ turns: [turn(toolCall('a'), toolCall('b')), turn('ok')] });
    const { events, result } = await collect(runAgentLoop(options({ model, tools, parallelToolCalls: true })));
    // `a` can only finish because `b` ran while `a` was still running.
    expect(eventsOf(events, 'tool-result').map((event) => event.output)).toEqual(['B', 'A']);
    const toolMessage = result.transcript[1];
    expect(
      toolMessage?.role === 'tool' && toolMessage.content.map((part) => part.type === 'tool-result' && part.output),
    ).toEqual([
      { type: 'text', value: 'A' },
      { type: 'text', value: 'B' },
    ]);
  });

  it('turns failures into results the model can read and keeps going', async () => {
    const log: ToolExecution[] = [];
    const tools = [
      recordingTool('thrower', log, {
        reply: () => {
          throw new Error('ToolCallError: ToolCallError: boom');
        },
      }),
      recordingTool('mcp_error', log, {
        reply: () => ({ text: 'Tool returned an error: Connection refused', isError: true }),
      }),
      recordingTool('fine', log, { reply: 'Found 3 error logs' }),
    ];
    const model = createScriptedModel({
      turns: [
        turn(
          toolCall('thrower'),
          toolCall('mcp_error'),
          toolCall('nope', { a: 1 }),
          toolCall('fine', '{"unclosed'),
          toolCall('fine', '[1,2]'),
          toolCall('fine'),
        ),
        turn('recovered'),
      ],
    });
    const { events, result } = await collect(runAgentLoop(options({ model, tools })));
    const results = eventsOf(events, 'tool-result');
    expect(results.map((event) => [event.output, event.success, event.error?.kind])).toEqual([
      ['ToolCallError: boom', false, 'ToolCallError'],
      ['Tool returned an error: Connection refused', false, 'ToolError'],
      ['ToolCallError: Tool not found: nope', false, 'ToolCallError'],
      [expect.stringMatching(/^JsonError: arguments of tool 'fine' are not valid JSON: \S/), false, 'JsonError'],
      ["JsonError: arguments of tool 'fine' must be a JSON object, got an array", false, 'JsonError'],
      ['Found 3 error logs', true, undefined],
    ]);
    expect(results[2]?.error).toEqual({ kind: 'ToolCallError', message: 'Tool not found: nope' });
    expect(eventsOf(events, 'tool-call').map((event) => [event.toolKind, event.arguments, event.rawArguments])).toEqual(
      [
        ['mcp', {}, '{}'],
        ['mcp', {}, '{}'],
        ['unknown', { a: 1 }, '{"a":1}'],
        ['mcp', {}, '{"unclosed'],
        ['mcp', {}, '[1,2]'],
        ['mcp', {}, '{}'],
      ],
    );
    // Only calls that could run ran.
    expect(log.map((execution) => execution.name)).toEqual(['thrower', 'mcp_error', 'fine']);
    const seen = toolResults(model.calls[1] ?? { view: undefined });
    expect(seen.map((entry) => entry.isError)).toEqual([true, true, true, true, true, false]);
    expect(result.text).toBe('recovered');
    expect(checkTranscript(result.transcript)).toEqual([]);
  });

  it('reports tool-start and tool-progress between tool-call and tool-result, and ignores late callbacks', async () => {
    const log: ToolExecution[] = [];
    let late: (() => void) | undefined;
    const tool = recordingTool('slow_task', log, {
      reply: (_args, context) => {
        context.onStart?.({ progressToken: 'p1' });
        context.onProgress?.({ progressToken: 'p1', progress: 1, total: 2, message: 'half' });
        context.onProgress?.({ progressToken: 'p1', progress: 2, total: 2 });
        late = () => context.onProgress?.({ progressToken: 'p1', progress: 3 });
        return { text: 'done', isError: false };
      },
    });
    const model = createScriptedModel({ turns: [turn(toolCall('slow_task', {}, { id: 'c1' })), turn('ok')] });
    const loop = runAgentLoop(options({ model, tools: [tool] }));
    const events: RuntimeEvent[] = [];
    for await (const event of loop) {
      events.push(event);
      if (event.type === 'tool-result') late?.();
    }
    const toolEvents = events.filter((event) => event.type.startsWith('tool-'));
    expect(toolEvents).toEqual([
      expect.objectContaining({ type: 'tool-call', toolCallId: 'c1' }),
      { type: 'tool-start', agent: AGENT, toolCallId: 'c1', toolName: 'slow_task', progressToken: 'p1' },
      {
        type: 'tool-progress',
        agent: AGENT,
        toolCallId: 'c1',
        progressToken: 'p1',
        progress: 1,
        total: 2,
        message: 'half',
      },
      { type: 'tool-progress', agent: AGENT, toolCallId: 'c1', progressToken: 'p1', progress: 2, total: 2 },
      expect.objectContaining({ type: 'tool-result', toolCallId: 'c1' }),
    ]);
  });

  it('replays reasoning with its signature on the next call', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({
      turns: [turn(reasoning('I should look it up', { signature: 'sig-123' }), toolCall('lookup')), turn('done')],
    });
    const { events, result } = await collect(runAgentLoop(options({ model, tools: [recordingTool('lookup', log)] })));
    expect(
      eventsOf(events, 'reasoning-delta')
        .map((event) => event.delta)
        .join(''),
    ).toBe('I should look it up');
    const assistant = model.calls[1]?.prompt.find((message) => message.role === 'assistant');
    expect(assistant?.content[0]).toEqual({
      type: 'reasoning',
      text: 'I should look it up',
      providerOptions: { scripted: { signature: 'sig-123' } },
    });
    expect(result.transcript[0]).toMatchObject({
      content: [{ type: 'reasoning', providerOptions: { scripted: { signature: 'sig-123' } } }, { type: 'tool-call' }],
    });
  });

  it('stops after a turn when shouldStop says so', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({
      turns: [turn(toolCall('work')), turn('Submitting.', toolCall('submit_result', { result: 'r' })), turn('never')],
    });
    const tools = [recordingTool('work', log), recordingTool('submit_result', log, { kind: 'orchestration' })];
    const { result } = await collect(
      runAgentLoop(
        options({
          model,
          tools,
          shouldStop: (state) => state.toolResults.some((call) => call.toolName === 'submit_result'),
        }),
      ),
    );
    expect(model.calls).toHaveLength(2);
    expect(result).toMatchObject({ text: 'Submitting.', finishReason: 'stop' });
    expect(result.steps[1]?.toolResults[0]).toMatchObject({ toolName: 'submit_result', arguments: { result: 'r' } });
  });
});

describe('runAgentLoop: depth budget', () => {
  const alwaysTool = () =>
    createScriptedModel({
      respond: (call) => (call.toolChoice?.type === 'none' ? turn('Best effort answer.') : turn(toolCall('probe'))),
    });

  it('makes turnDepth + 2 tool calls, then one answer call with tools withheld', async () => {
    const log: ToolExecution[] = [];
    const model = alwaysTool();
    const { events, result } = await collect(
      runAgentLoop(options({ model, tools: [recordingTool('probe', log)], turnDepth: 1 })),
    );
    expect(model.calls).toHaveLength(4);
    expect(log).toHaveLength(3);
    const answerCall = model.calls[3];
    expect(answerCall?.toolChoice).toEqual({ type: 'none' });
    expect(answerCall?.tools.map((tool) => tool.name)).toEqual(['probe']);
    expect(lastMessage(answerCall ?? { view: undefined })?.text).toContain('TOOL BUDGET EXHAUSTED');
    expect(events.at(-1)).toMatchObject({
      type: 'run-finish',
      text: 'Best effort answer.',
      finishReason: 'stop',
      stopReason: 'depth_exhausted',
    });
    expect(eventsOf(events, 'step-start').map((event) => event.step)).toEqual([1, 2, 3, 4]);
    // The instruction is not part of the transcript; the transcript stays valid.
    expect(result.transcript.some((message) => message.role === 'user')).toBe(false);
    expect(checkTranscript(result.transcript)).toEqual([]);
  });

  it('ends with MaxDepthError when the answer call is disabled (case 60)', async () => {
    const log: ToolExecution[] = [];
    const model = alwaysTool();
    const { events, result } = await collect(
      runAgentLoop(
        options({ model, tools: [recordingTool('probe', log)], turnDepth: 1, finalAnswerOnDepthExhausted: false }),
      ),
    );
    expect(model.calls).toHaveLength(3);
    expect(log).toHaveLength(3);
    expect(events.at(-1)).toEqual({
      type: 'run-error',
      error: { code: 'RUN_DEPTH_EXHAUSTED', message: 'MaxDepthError: (reached limit: 1)', retryable: false },
    });
    expect(result.error?.code).toBe('RUN_DEPTH_EXHAUSTED');
  });

  it('adds the depth bonus to the limit (case 60, scratchpad bonus 6)', async () => {
    const log: ToolExecution[] = [];
    const model = alwaysTool();
    const { events } = await collect(
      runAgentLoop(
        options({
          model,
          tools: [recordingTool('probe', log)],
          turnDepth: 1,
          depthBonus: 6,
          finalAnswerOnDepthExhausted: false,
        }),
      ),
    );
    expect(model.calls).toHaveLength(9);
    expect(events.at(-1)).toMatchObject({ error: { message: 'MaxDepthError: (reached limit: 7)' } });
  });

  it('still allows two tool turns with turnDepth 0 (Q3)', async () => {
    const log: ToolExecution[] = [];
    const model = alwaysTool();
    await collect(runAgentLoop(options({ model, tools: [recordingTool('probe', log)], turnDepth: 0 })));
    expect(log).toHaveLength(2);
    expect(model.calls).toHaveLength(3);
  });

  it('ignores tool calls in the answer call and falls back to a fixed text', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({ respond: () => turn(toolCall('probe')) });
    const { events, result } = await collect(
      runAgentLoop(options({ model, tools: [recordingTool('probe', log)], turnDepth: 0 })),
    );
    expect(log).toHaveLength(2);
    expect(result.stopReason).toBe('depth_exhausted');
    expect(result.text).toContain('tool-call turn limit (0)');
    expect(eventsOf(events, 'text-delta').at(-1)?.delta).toBe(result.text);
    expect(eventsOf(events, 'tool-call')).toHaveLength(2);
    expect(checkTranscript(result.transcript)).toEqual([]);
  });

  it('can keep toolChoice auto for the answer call (Bedrock) and ignore calls made anyway', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({ respond: () => turn('Answer.', toolCall('probe')) });
    const { result } = await collect(
      runAgentLoop(
        options({ model, tools: [recordingTool('probe', log)], turnDepth: 0, finalAnswerToolChoice: 'auto' }),
      ),
    );
    expect(model.calls[2]?.toolChoice).toEqual({ type: 'auto' });
    expect(log).toHaveLength(2);
    expect(result.text).toBe('Answer.');
    expect(checkTranscript(result.transcript)).toEqual([]);
  });

  it('rejects a negative or fractional depth synchronously', () => {
    const model = createScriptedModel();
    expect(() => runAgentLoop(options({ model, turnDepth: -1 }))).toThrow(AuraError);
    expect(() => runAgentLoop(options({ model, turnDepth: 1, depthBonus: 0.5 }))).toThrow(/depthBonus/);
  });
});

describe('runAgentLoop: nudges through the loop', () => {
  it('appends the final-turn nudge to the first MCP result of turn 4 only (case 59, max_depth 3)', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({
      respond: (call) =>
        call.toolChoice?.type === 'none' ? turn('final') : turn(toolCall('vec'), toolCall('mcp'), toolCall('mcp')),
    });
    const tools = [recordingTool('mcp', log), recordingTool('vec', log, { kind: 'vector' })];
    const { result } = await collect(
      runAgentLoop(options({ model, tools, turnDepth: 3, nudges: { lastTurn: true, variant: 'agent' } })),
    );
    const outputs = result.steps.map((step) => step.toolResults.map((call) => call.output));
    expect(outputs).toHaveLength(6);
    for (const [index, turnOutputs] of outputs.entries()) {
      const nudged = turnOutputs.map((output) => output.includes('[TURN LIMIT — FINAL TURN]'));
      expect(nudged).toEqual(index === 3 ? [false, true, false] : turnOutputs.map(() => false));
    }
    expect(outputs[3]?.[1]).toMatch(/^mcp ok\n\n---\n\[TURN LIMIT — FINAL TURN\] .*Respond with your final answer now/);
  });

  it('nudges successful scratchpad output but not thrown failures', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({ turns: [turn(toolCall('boom'), toolCall('sp')), turn('ok')] });
    const tools = [
      recordingTool('boom', log, {
        reply: () => {
          throw new Error('nope');
        },
      }),
      recordingTool('sp', log, { kind: 'scratchpad' }),
    ];
    const { result } = await collect(
      runAgentLoop(options({ model, tools, turnDepth: 0, nudges: { lastTurn: true, variant: 'worker' } })),
    );
    const [failed, scratch] = result.steps[0]?.toolResults ?? [];
    expect(failed?.output).toBe('ToolCallError: nope');
    expect(scratch?.output).toContain('Call the `submit_result` tool NOW');
  });
});

describe('runAgentLoop: client tools', () => {
  it('runs the server tools of the turn, then hands the client calls over without another call', async () => {
    const log: ToolExecution[] = [];
    const clientTools = createClientTools(
      [
        { name: 'open_url', parameters: { type: 'object', properties: { url: { type: 'string' } } } },
        { name: 'hidden' },
      ],
      ['open_*'],
    );
    const model = createScriptedModel({
      turns: [turn(toolCall('server_side'), toolCall('open_url', '{"url":"https://x"}', { id: 'cc1' }))],
    });
    const { events, result } = await collect(
      runAgentLoop(options({ model, tools: [recordingTool('server_side', log), ...clientTools] })),
    );
    expect(model.calls[0]?.tools.map((tool) => tool.name)).toEqual(['server_side', 'open_url']);
    expect(model.calls).toHaveLength(1);
    expect(log.map((execution) => execution.name)).toEqual(['server_side']);
    expect(types(events).slice(-3)).toEqual(['tool-result', 'client-tool-calls', 'run-finish']);
    expect(eventsOf(events, 'client-tool-calls')[0]?.calls).toEqual([
      { id: 'cc1', name: 'open_url', arguments: '{"url":"https://x"}' },
    ]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.pendingClientToolCalls).toEqual([{ id: 'cc1', name: 'open_url', arguments: '{"url":"https://x"}' }]);
    expect(eventsOf(events, 'tool-result').map((event) => event.toolName)).toEqual(['server_side']);
    expect(checkTranscript(result.transcript, ['cc1'])).toEqual([]);
    expect(checkTranscript(result.transcript)).toEqual([{ kind: 'missing-result', toolCallId: 'cc1' }]);
  });
});

describe('runAgentLoop: failures', () => {
  it('reports a provider error as run-error through mapError', async () => {
    const model = createScriptedModel({ turns: [turn(httpError(503, { message: 'overloaded' }))] });
    const mapped = await collect(
      runAgentLoop(
        options({
          model,
          mapError: (error) =>
            new AuraError('PROVIDER_UNAVAILABLE', `provider failed: ${String(error)}`, { retryable: true }),
        }),
      ),
    );
    expect(mapped.events.at(-1)).toMatchObject({
      type: 'run-error',
      error: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
    });
    const fallback = await collect(
      runAgentLoop(options({ model: createScriptedModel({ turns: [turn(httpError(500))] }) })),
    );
    expect(fallback.events.at(-1)).toMatchObject({ type: 'run-error', error: { code: 'INTERNAL' } });
    expect(fallback.result.error?.message).toContain('mock HTTP 500');
  });

  it('answers tool calls already made when the stream fails, and runs none of them', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({
      turns: [
        turn(
          text('Let me'),
          toolCall('probe', {}, { id: 'c9' }),
          text('and more'),
          streamError('overloaded', { afterChunks: 10 }),
        ),
      ],
    });
    const { events, result } = await collect(runAgentLoop(options({ model, tools: [recordingTool('probe', log)] })));
    expect(log).toHaveLength(0);
    expect(eventsOf(events, 'tool-result')).toEqual([
      expect.objectContaining({
        toolCallId: 'c9',
        success: false,
        output: 'ToolCallError: Tool call cancelled: the model call failed before it could run',
      }),
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'run-error',
      error: { code: 'INTERNAL', message: expect.stringContaining('overloaded') },
    });
    expect(checkTranscript(result.transcript)).toEqual([]);
    expect(result.transcript).toHaveLength(2);
  });

  it('emits exactly one terminal event, last, and never run-start', async () => {
    const log: ToolExecution[] = [];
    const model = createScriptedModel({ turns: [turn(toolCall('probe')), turn('ok')] });
    const events: RuntimeEvent[] = [];
    const result = await drainAgentLoop(
      runAgentLoop(options({ model, tools: [recordingTool('probe', log)] })),
      (event) => {
        events.push(event);
      },
    );
    const terminal = events.filter((event) => event.type === 'run-finish' || event.type === 'run-error');
    expect(terminal).toHaveLength(1);
    expect(events.at(-1)).toBe(terminal[0]);
    expect(events.some((event) => event.type === 'run-start' || event.type === 'mcp-status')).toBe(false);
    expect(result.text).toBe('ok');
  });

  it('drainAgentLoop aborts the run when the consumer throws', async () => {
    const log: ToolExecution[] = [];
    const tool = recordingTool('wait', log, {
      reply: async (_args, context) => {
        await abortedPromise(context.signal);
        return { text: 'late', isError: false };
      },
    });
    const model = createScriptedModel({ turns: [turn(toolCall('wait'))] });
    const failing = drainAgentLoop(runAgentLoop(options({ model, tools: [tool] })), (event) => {
      if (event.type === 'step-finish') throw new Error('consumer broke');
    });
    await expect(failing).rejects.toThrow('consumer broke');
    expect(log).toHaveLength(0);
  });
});
