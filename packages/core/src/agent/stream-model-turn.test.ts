import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { RuntimeEvent } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { createRunTools } from './model-tool-set.js';
import type { ModelTurnOutcome } from './model-turn-recorder.js';
import { streamModelTurn } from './stream-model-turn.js';

/** A model whose stream sends `parts`, then closes (or fails with `failWith`). */
function modelSending(parts: LanguageModelV3StreamPart[], failWith?: Error): LanguageModelV3 {
  const queue = [...parts];
  return {
    specificationVersion: 'v3',
    provider: 'test',
    modelId: 'm',
    supportedUrls: {},
    doGenerate: () => Promise.reject(new Error('not used')),
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV3StreamPart>(
        {
          // One part per pull, so a failure comes after the parts were read (an error drops queued parts).
          pull(controller) {
            const part = queue.shift();
            if (part !== undefined) controller.enqueue(part);
            else if (failWith === undefined) controller.close();
            else controller.error(failWith);
          },
        },
        { highWaterMark: 0 },
      ),
    }),
  };
}

async function turn(model: LanguageModelV3): Promise<{ events: RuntimeEvent[]; outcome: ModelTurnOutcome }> {
  const events: RuntimeEvent[] = [];
  const generator = streamModelTurn({
    model,
    system: 's',
    messages: [{ role: 'user', content: 'hi' }],
    tools: createRunTools([]),
    agent: { agentId: 'main' },
    step: 1,
    callSettings: undefined,
    providerOptions: undefined,
    signal: new AbortController().signal,
  });
  for (;;) {
    const next = await generator.next();
    if (next.done === true) return { events, outcome: next.value };
    events.push(next.value);
  }
}

const finish: LanguageModelV3StreamPart = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 3, text: 3, reasoning: undefined },
  },
};

describe('streamModelTurn: how a stream ends', () => {
  it('a finish part gives step-finish with its usage and finish reason', async () => {
    const { events, outcome } = await turn(
      modelSending([
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'ok' },
        { type: 'text-end', id: 't' },
        finish,
      ]),
    );
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'step-finish']);
    expect(outcome).toMatchObject({
      text: 'ok',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
      failure: undefined,
    });
  });

  it('output without a finish part still finishes the step (reason other, no usage)', async () => {
    const { events, outcome } = await turn(
      modelSending([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'partial' },
      ]),
    );
    expect(events.at(-1)).toMatchObject({ type: 'step-finish', finishReason: 'other' });
    expect(outcome).toMatchObject({ text: 'partial', finishReason: 'other', failure: undefined });
    expect(outcome.usage.totalTokens).toBe(0);
  });

  it('a stream that closes with neither output nor finish is a failure (no step-finish)', async () => {
    const { events, outcome } = await turn(modelSending([{ type: 'stream-start', warnings: [] }]));
    expect(events).toEqual([]);
    expect(outcome.failure).toMatchObject({ kind: 'failed', error: { name: 'AI_NoOutputGeneratedError' } });
  });

  it('a stream that fails mid-way records the error, keeps the text and yields no step-finish', async () => {
    const { events, outcome } = await turn(
      modelSending(
        [
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'half' },
        ],
        new Error('socket hang up'),
      ),
    );
    expect(events.map((event) => event.type)).toEqual(['text-delta']);
    expect(outcome.text).toBe('half');
    expect(outcome.failure).toMatchObject({ kind: 'failed', error: { message: 'socket hang up' } });
  });
});
