/**
 * Direct delivery of a model turn's events (`AgentLoopOptions.directEvents`): Aura's Chat Completions client over
 * real HTTP, wrapped in the retry middleware as every runtime model is, streaming to a sink while the loop's other
 * events come through its generator.
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { RuntimeEvent } from '@aura/events';
import {
  createScriptedModel,
  type MockProviderServer,
  slowChunks,
  startMockProvider,
  streamError,
  text,
  turn,
} from '@aura/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentLoopResult, DirectEventSink } from '../src/agent/agent-loop-types.js';
import { runAgentLoop } from '../src/agent/run-agent-loop.js';
import { createChatCompletionsModel } from '../src/llm/chat-completions/chat-completions-model.js';
import { withRetry } from '../src/llm/retry.js';

let mock: MockProviderServer;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

function auraModel(): LanguageModelV3 {
  const model = createChatCompletionsModel({
    modelId: 'm',
    baseURL: mock.urls.openai,
    apiKey: 'k',
    providerName: 'openai-compatible',
  });
  return withRetry(model, { provider: 'openai', model: 'm' }, { maxRetries: 0 });
}

/** Runs the loop, logging generator events as `gen:<type>` and sink events as `direct:<type>` in arrival order. */
async function run(
  model: LanguageModelV3,
  sink: (event: RuntimeEvent) => boolean = () => true,
  signal: AbortSignal = new AbortController().signal,
  onResume: (resume: () => void) => void = () => undefined,
): Promise<{ log: string[]; direct: RuntimeEvent[]; result: AgentLoopResult }> {
  const log: string[] = [];
  const direct: RuntimeEvent[] = [];
  const directEvents: DirectEventSink = {
    event(event) {
      log.push(`direct:${event.type}`);
      direct.push(event);
      return sink(event);
    },
    onResume,
  };
  const loop = runAgentLoop({
    model,
    system: 's',
    messages: [{ role: 'user', content: 'hi' }],
    tools: [],
    agent: { agentId: 'main' },
    turnDepth: 3,
    signal,
    directEvents,
  });
  for (;;) {
    const next = await loop.next();
    if (next.done === true) return { log, direct, result: next.value };
    log.push(`gen:${next.value.type}`);
  }
}

const deltas = (events: readonly RuntimeEvent[]): string =>
  events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');

describe('direct delivery of a model turn’s events', () => {
  it('sends the text deltas to the sink as they arrive; step-start, step-finish and run-finish come through the generator, in order', async () => {
    mock.enqueue(turn(text('one two three four')));
    const { log, direct, result } = await run(auraModel());
    const deltaCount = direct.length;
    expect(deltaCount).toBeGreaterThan(1);
    expect(log).toEqual([
      'gen:step-start',
      ...Array(deltaCount).fill('direct:text-delta'),
      'gen:step-finish',
      'gen:run-finish',
    ]);
    expect(deltas(direct)).toBe('one two three four');
    expect(result.text).toBe('one two three four');
    expect(result.error).toBeUndefined();
  });

  it('a sink that refuses pauses the delivery until it resumes it, losing nothing', async () => {
    mock.enqueue(turn(text('alpha beta gamma delta epsilon'), slowChunks(5)));
    let resume: (() => void) | undefined;
    let refused = false;
    const resumed = new Promise<void>((resolve) => {
      setTimeout(() => {
        // Held for 150 ms: the whole answer has arrived meanwhile, yet nothing more was delivered.
        expect(deltas(seen.direct)).toBe(firstDelta);
        resume?.();
        resolve();
      }, 150);
    });
    const seen = { direct: [] as RuntimeEvent[] };
    let firstDelta = '';
    const outcome = run(
      auraModel(),
      (event) => {
        seen.direct.push(event);
        if (refused) return true;
        refused = true;
        firstDelta = event.type === 'text-delta' ? event.delta : '';
        return false;
      },
      undefined,
      (callback) => {
        resume = callback;
      },
    );
    await resumed;
    const { direct, result } = await outcome;
    expect(deltas(direct)).toBe('alpha beta gamma delta epsilon');
    expect(result.text).toBe('alpha beta gamma delta epsilon');
  });

  it('an abort while the sink holds the delivery ends the run (RUN_ABORTED) instead of waiting for a resume', async () => {
    mock.enqueue(turn(text('never mind the rest of this'), slowChunks(5)));
    const controller = new AbortController();
    const { log, result } = await run(
      auraModel(),
      () => {
        setTimeout(() => controller.abort(), 20);
        return false;
      },
      controller.signal,
    );
    expect(log).toEqual(['gen:step-start', 'direct:text-delta', 'gen:run-error']);
    expect(result.error?.code).toBe('RUN_ABORTED');
  });

  it('a stream that fails mid-way ends the run as the pulled path does (same error, same text)', async () => {
    const failing = () => turn(text('partial answer here'), streamError('upstream overloaded', { afterChunks: 2 }));
    mock.enqueue(failing());
    const directRun = await run(auraModel());
    mock.enqueue(failing());
    const loop = runAgentLoop({
      model: auraModel(),
      system: 's',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [],
      agent: { agentId: 'main' },
      turnDepth: 3,
      signal: new AbortController().signal,
    });
    let pulled: AgentLoopResult | undefined;
    for (;;) {
      const next = await loop.next();
      if (next.done === true) {
        pulled = next.value;
        break;
      }
    }
    expect(directRun.log.at(-1)).toBe('gen:run-error');
    expect(directRun.result.error?.code).toBe(pulled.error?.code);
    expect(directRun.result.error?.message).toBe(pulled.error?.message);
    expect(directRun.result.text).toBe(pulled.text);
  });

  it('a model whose reader cannot hand parts over synchronously yields its events through the generator', async () => {
    const model = createScriptedModel({ turns: [turn(text('scripted answer'))] });
    const { log, direct, result } = await run(model);
    expect(direct).toEqual([]);
    expect(log[0]).toBe('gen:step-start');
    expect(log).toContain('gen:text-delta');
    expect(result.text).toBe('scripted answer');
  });
});
