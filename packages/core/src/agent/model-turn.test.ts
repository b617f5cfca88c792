import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import type { RuntimeEvent } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { collect } from '../../test/agent-test-helpers.js';
import type { AgentLoopResult } from './agent-loop-types.js';
import { runAgentLoop } from './run-agent-loop.js';

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

/** One loop run over `model` (no tools, so one turn): its events after `step-start`, and its result. */
async function turn(model: LanguageModelV3): Promise<{ events: RuntimeEvent[]; result: AgentLoopResult }> {
  const { events, result } = await collect(
    runAgentLoop({
      model,
      system: 's',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [],
      agent: { agentId: 'main' },
      turnDepth: 5,
      signal: new AbortController().signal,
    }),
  );
  return { events: events.slice(1), result };
}

const finish: LanguageModelV3StreamPart = {
  type: 'finish',
  finishReason: { unified: 'stop', raw: 'stop' },
  usage: {
    inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 3, text: 3, reasoning: undefined },
  },
};

describe('a model turn (read by the agent loop): how a stream ends', () => {
  it('a finish part gives step-finish with its usage and finish reason', async () => {
    const { events, result } = await turn(
      modelSending([
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'ok' },
        { type: 'text-end', id: 't' },
        finish,
      ]),
    );
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'step-finish', 'run-finish']);
    expect(events[1]).toMatchObject({ finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 3 } });
    expect(result).toMatchObject({
      text: 'ok',
      finishReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
    });
    expect(result.error).toBeUndefined();
  });

  it('output without a finish part still finishes the step (reason other, no usage)', async () => {
    const { events, result } = await turn(
      modelSending([
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'partial' },
      ]),
    );
    expect(events.at(-2)).toMatchObject({ type: 'step-finish', finishReason: 'other' });
    expect(result.text).toBe('partial');
    expect(result.error).toBeUndefined();
    expect(result.steps[0]).toMatchObject({ finishReason: 'other' });
    expect(result.usage.totalTokens).toBe(0);
  });

  it('a stream that closes with neither output nor finish is a failure (no step-finish)', async () => {
    const { events, result } = await turn(modelSending([{ type: 'stream-start', warnings: [] }]));
    expect(events.map((event) => event.type)).toEqual(['run-error']);
    expect(result.error?.cause).toMatchObject({ name: 'AI_NoOutputGeneratedError' });
  });

  it('a stream that fails mid-way records the error, keeps the text and yields no step-finish', async () => {
    const { events, result } = await turn(
      modelSending(
        [
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'half' },
        ],
        new Error('socket hang up'),
      ),
    );
    expect(events.map((event) => event.type)).toEqual(['text-delta', 'run-error']);
    expect(result.text).toBe('half');
    expect(result.error?.cause).toMatchObject({ message: 'socket hang up' });
  });
});
