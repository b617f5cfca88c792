import { getEventListeners } from 'node:events';
import { AuraError, type RuntimeEvent } from '@aura/events';
import {
  createScriptedModel,
  hang,
  type ModelTurn,
  slowChunks,
  type TurnItem,
  text,
  toolCall,
  turn,
} from '@aura/testkit';
import { wrapLanguageModel } from 'ai';
import { describe, expect, it } from 'vitest';
import type { AgentLoopOptions } from '../src/agent/agent-loop-types.js';
import { createClientTools } from '../src/agent/client-tools.js';
import { runAgentLoop } from '../src/agent/run-agent-loop.js';
import { checkTranscript } from '../src/agent/transcript.js';
import type { Tool } from '../src/tools/tool.js';
import { AGENT, abortedPromise, collect, eventsOf, recordingTool, type ToolExecution } from './agent-test-helpers.js';

const USER = [{ role: 'user' as const, content: 'go' }];

function options(overrides: Partial<AgentLoopOptions> & Pick<AgentLoopOptions, 'model' | 'signal'>): AgentLoopOptions {
  return { system: 'test', messages: USER, tools: [], agent: AGENT, turnDepth: 5, ...overrides };
}

/** Consumes `loop`, calling `onEvent` for each event before pulling the next. */
async function consume(
  loop: ReturnType<typeof runAgentLoop>,
  onEvent: (event: RuntimeEvent, index: number) => void,
): Promise<{ events: RuntimeEvent[]; result: Awaited<ReturnType<typeof collect>>['result'] }> {
  const events: RuntimeEvent[] = [];
  for (;;) {
    const next = await loop.next();
    if (next.done === true) return { events, result: next.value };
    events.push(next.value);
    onEvent(next.value, events.length - 1);
  }
}

/** A tool `wait` that hands its call's signal to `onCall`, reports its start and waits until that signal aborts. */
function waitingTool(log: ToolExecution[], onCall: (signal: AbortSignal) => void): Tool {
  return recordingTool('wait', log, {
    reply: async (_args, context) => {
      onCall(context.signal);
      context.onStart?.({});
      await abortedPromise(context.signal);
      return { text: 'late', isError: false };
    },
  });
}

describe('agent loop: abort', () => {
  it('stops a hanging model call and starts nothing after it', async () => {
    const controller = new AbortController();
    const model = createScriptedModel({
      respond: () => {
        // The call is in flight now; abort it from outside.
        queueMicrotask(() => controller.abort());
        return turn(hang());
      },
    });
    const { events, result } = await collect(runAgentLoop(options({ model, signal: controller.signal })));
    expect(events.map((event) => event.type)).toEqual(['step-start', 'run-error']);
    expect(events.at(-1)).toMatchObject({ error: { code: 'RUN_ABORTED', retryable: false } });
    expect(result.error?.code).toBe('RUN_ABORTED');
    expect(model.calls).toHaveLength(1);
  });

  it('makes no provider call when aborted right after step-start', async () => {
    const controller = new AbortController();
    const model = createScriptedModel({ turns: [turn('never')] });
    const { events } = await consume(runAgentLoop(options({ model, signal: controller.signal })), (event) => {
      if (event.type === 'step-start') controller.abort();
    });
    expect(events.map((event) => event.type)).toEqual(['step-start', 'run-error']);
    expect(model.calls).toHaveLength(0);
  });

  it('starts no provider call when the signal is already aborted', async () => {
    const model = createScriptedModel({ turns: [turn('never')] });
    const { events } = await collect(runAgentLoop(options({ model, signal: AbortSignal.abort() })));
    expect(events.map((event) => event.type)).toEqual(['run-error']);
    expect(model.calls).toHaveLength(0);
  });

  it('reports an AuraError reason as is, so a timeout stays a timeout', async () => {
    const controller = new AbortController();
    const model = createScriptedModel({ turns: [turn(hang())] });
    const { events } = await consume(runAgentLoop(options({ model, signal: controller.signal })), (event) => {
      if (event.type === 'step-start') controller.abort(new AuraError('RUN_TIMEOUT', 'request timed out after 900 s'));
    });
    expect(events.at(-1)).toEqual({
      type: 'run-error',
      error: { code: 'RUN_TIMEOUT', message: 'request timed out after 900 s', retryable: false },
    });
  });

  it('cancels the running tool, skips the rest of the turn and answers every call', async () => {
    const controller = new AbortController();
    const log: ToolExecution[] = [];
    const tools = [
      recordingTool('wait', log, {
        reply: async (_args, context) => {
          context.onStart?.({ progressToken: 7 });
          await abortedPromise(context.signal);
          return { text: 'finished anyway', isError: false };
        },
      }),
      recordingTool('after', log),
    ];
    const model = createScriptedModel({ turns: [turn(toolCall('wait'), toolCall('after')), turn('never')] });
    const { events, result } = await consume(
      runAgentLoop(options({ model, tools, signal: controller.signal })),
      (event) => {
        if (event.type === 'tool-start') controller.abort(new Error('client disconnected'));
      },
    );
    expect(log.map((execution) => [execution.name, execution.abortedAtEnd])).toEqual([['wait', true]]);
    expect(eventsOf(events, 'tool-result').map((event) => [event.toolName, event.output, event.success])).toEqual([
      ['wait', 'ToolCallError: Tool call cancelled: client disconnected', false],
      ['after', 'ToolCallError: Tool call cancelled: client disconnected', false],
    ]);
    expect(model.calls).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'run-error', error: { code: 'RUN_ABORTED' } });
    expect(result.error?.message).toContain('client disconnected');
    expect(checkTranscript(result.transcript)).toEqual([]);
  });

  it('does not wait for a tool that ignores the abort', async () => {
    const controller = new AbortController();
    const log: ToolExecution[] = [];
    const stuck = recordingTool('stuck', log, {
      reply: (_args, context) => {
        context.onStart?.({});
        return new Promise(() => {});
      },
    });
    const model = createScriptedModel({ turns: [turn(toolCall('stuck'))] });
    const { result } = await consume(
      runAgentLoop(options({ model, tools: [stuck], signal: controller.signal })),
      (event) => {
        if (event.type === 'tool-start') controller.abort();
      },
    );
    expect(result.error?.code).toBe('RUN_ABORTED');
    expect(checkTranscript(result.transcript)).toEqual([]);
  });

  it('answers tool calls made before an abort in the middle of the stream', async () => {
    const controller = new AbortController();
    const log: ToolExecution[] = [];
    const model = createScriptedModel({
      turns: [turn(toolCall('probe', {}, { id: 'early' }), text('and then some more words'), slowChunks(5))],
    });
    const { events, result } = await consume(
      runAgentLoop(options({ model, tools: [recordingTool('probe', log)], signal: controller.signal })),
      (event) => {
        if (event.type === 'text-delta') controller.abort();
      },
    );
    expect(log).toHaveLength(0);
    expect(eventsOf(events, 'tool-result').map((event) => event.toolCallId)).toEqual(['early']);
    expect(checkTranscript(result.transcript)).toEqual([]);
    expect(result.error?.code).toBe('RUN_ABORTED');
  });

  it('aborts the run when the consumer stops iterating, and removes its parent listener', async () => {
    const parent = new AbortController();
    const log: ToolExecution[] = [];
    let toolSignal: AbortSignal | undefined;
    const tool = waitingTool(log, (signal) => {
      toolSignal = signal;
    });
    const model = createScriptedModel({ turns: [turn(toolCall('wait')), turn('never')] });
    for await (const event of runAgentLoop(options({ model, tools: [tool], signal: parent.signal }))) {
      if (event.type === 'tool-start') break;
    }
    expect(toolSignal?.aborted).toBe(true);
    expect(parent.signal.aborted).toBe(false);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
    expect(model.calls).toHaveLength(1);
  });

  it('with its own controller, the run works under that signal and aborts it when the consumer stops', async () => {
    const owned = new AbortController();
    const log: ToolExecution[] = [];
    let toolSignal: AbortSignal | undefined;
    let listenersDuringTool = -1;
    const tool = waitingTool(log, (signal) => {
      toolSignal = signal;
      // No child controller: nothing of the run listens on the owned signal while the tool waits on it.
      listenersDuringTool = getEventListeners(owned.signal, 'abort').length;
    });
    const model = createScriptedModel({ turns: [turn(toolCall('wait')), turn('never')] });
    const loop = runAgentLoop(options({ model, tools: [tool], signal: owned.signal, abortController: owned }));
    for await (const event of loop) {
      if (event.type === 'tool-start') break;
    }
    expect(toolSignal).toBe(owned.signal);
    expect(listenersDuringTool).toBe(0);
    expect(owned.signal.aborted).toBe(true);
    expect(owned.signal.reason).toMatchObject({ code: 'RUN_ABORTED' });

    // A controller that is not the signal's own is ignored: the run links a child and leaves the signal alone.
    const parent = new AbortController();
    let childSignal: AbortSignal | undefined;
    const other = waitingTool(log, (signal) => {
      childSignal = signal;
    });
    const mismatched = runAgentLoop(
      options({
        model: createScriptedModel({ turns: [turn(toolCall('wait'))] }),
        tools: [other],
        signal: parent.signal,
        abortController: new AbortController(),
      }),
    );
    for await (const event of mismatched) {
      if (event.type === 'tool-start') break;
    }
    expect(childSignal).not.toBe(parent.signal);
    expect(childSignal?.aborted).toBe(true);
    expect(parent.signal.aborted).toBe(false);
  });

  it('keeps no listener on a long-lived parent signal across 1000 runs', async () => {
    const parent = new AbortController();
    const log: ToolExecution[] = [];
    let maxDuringRun = 0;
    const tool = recordingTool('probe', log, {
      reply: () => {
        maxDuringRun = Math.max(maxDuringRun, getEventListeners(parent.signal, 'abort').length);
        return { text: 'ok', isError: false };
      },
    });
    const model = createScriptedModel({
      respond: (call) => (call.view.messages.at(-1)?.role === 'tool' ? turn('done') : turn(toolCall('probe'))),
    });
    for (let run = 0; run < 1000; run += 1) {
      const { result } = await collect(runAgentLoop(options({ model, tools: [tool], signal: parent.signal })));
      if (result.text !== 'done') throw new Error(`run ${run} did not finish: ${result.error?.message}`);
    }
    expect(log).toHaveLength(1000);
    expect(maxDuringRun).toBe(1);
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  }, 30_000);
});

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

describe('agent loop: transcript invariant under random aborts', () => {
  it('always answers every non-client call and starts nothing after the abort', async () => {
    for (let seed = 1; seed <= 250; seed += 1) {
      const next = random(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const controller = new AbortController();
      const log: ToolExecution[] = [];
      const model = createScriptedModel();
      // Counts provider calls the loop starts, even ones the scripted model would refuse as already aborted.
      let streamCalls = 0;
      const counted = wrapLanguageModel({
        model,
        middleware: {
          specificationVersion: 'v3',
          wrapStream: ({ doStream }) => {
            streamCalls += 1;
            return doStream();
          },
        },
      });
      let snapshot: { calls: number; executions: number } | undefined;
      const abortNow = (): void => {
        if (controller.signal.aborted) return;
        controller.abort(new Error(`fuzz abort ${seed}`));
        snapshot = { calls: streamCalls, executions: log.length };
      };
      const abortInTool = next() < 0.3 ? Math.floor(next() * 6) : -1;
      const reply = async (_args: Record<string, unknown>, context: { signal: AbortSignal }) => {
        if (log.length - 1 === abortInTool) abortNow();
        if (next() < 0.3) await new Promise((resolve) => setTimeout(resolve, 1));
        return { text: context.signal.aborted ? 'too late' : 'ok', isError: false };
      };
      const tools: Tool[] = [
        recordingTool('alpha', log, { reply }),
        recordingTool('beta', log, { kind: 'vector', reply }),
        ...createClientTools([{ name: 'client_action' }], undefined),
      ];
      const turns: ModelTurn[] = [];
      const turnCount = 1 + Math.floor(next() * 4);
      for (let index = 0; index < turnCount; index += 1) {
        const parts: TurnItem[] = [text('thinking about it')];
        const calls = Math.floor(next() * 4);
        for (let call = 0; call < calls; call += 1) {
          parts.push(toolCall(pick(['alpha', 'beta', 'alpha', 'client_action', 'missing']), { i: call }));
        }
        turns.push(turn(...parts));
      }
      turns.push(turn('final answer'));
      model.enqueue(...turns);
      const abortAtEvent = next() < 0.7 ? Math.floor(next() * 30) : -1;
      const { events, result } = await consume(
        runAgentLoop(
          options({ model: counted, tools, signal: controller.signal, turnDepth: 2, parallelToolCalls: next() < 0.3 }),
        ),
        (_event, index) => {
          if (index === abortAtEvent) abortNow();
        },
      );

      const context = `seed ${seed}`;
      const pending = result.pendingClientToolCalls.map((call) => call.id);
      expect(checkTranscript([...USER, ...result.transcript], pending), context).toEqual([]);
      const called = eventsOf(events, 'tool-call').map((event) => event.toolCallId);
      const answered = eventsOf(events, 'tool-result').map((event) => event.toolCallId);
      expect([...answered, ...pending].sort(), context).toEqual([...called].sort());
      const terminal = events.filter((event) => event.type === 'run-finish' || event.type === 'run-error');
      expect(terminal, context).toHaveLength(1);
      expect(events.at(-1), context).toBe(terminal[0]);
      if (snapshot !== undefined) {
        expect(streamCalls, context).toBe(snapshot.calls);
        expect(log.length, context).toBe(snapshot.executions);
        if (events.at(-1)?.type === 'run-error') expect(result.error?.code, context).toBe('RUN_ABORTED');
      }
    }
  }, 30_000);
});
