import { AuraError, type RuntimeEvent, runtimeEvent } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { createChatEventStream } from './chat-event-stream.js';
import { createChatStreamMapper } from './chat-stream-mapper.js';

const agent = { agentId: 'main' };
const usage = { inputTokens: 3, outputTokens: 2, totalTokens: 5 };

function setup(events: AsyncGenerator<RuntimeEvent, void, undefined>, bufferSize = 16) {
  const aborts: AuraError[] = [];
  const chat = createChatEventStream({
    events,
    mapper: createChatStreamMapper({
      completionId: 'chatcmpl-1',
      created: 1,
      model: 'openai/gpt-4o',
      sessionId: 'cs_1',
    }),
    abortRun: (reason) => aborts.push(reason),
    bufferSize,
    heartbeatIntervalSecs: 0,
    timeouts: { firstChunkSecs: 0, inactivitySecs: 0, totalSecs: 0 },
  });
  return { chat, aborts };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('chat event stream', () => {
  it('writes the mapped frames and finalises the generator after the closing sequence', async () => {
    let finalized = false;
    async function* run(): AsyncGenerator<RuntimeEvent, void, undefined> {
      try {
        yield runtimeEvent.textDelta({ agent, delta: 'Hi' });
        yield runtimeEvent.runFinish({ text: 'Hi', usage, finishReason: 'stop' });
        yield runtimeEvent.textDelta({ agent, delta: 'never read' });
      } finally {
        finalized = true;
      }
    }
    const { chat, aborts } = setup(run());
    const text = await readAll(chat.stream);
    expect(text).toContain('"content":"Hi"');
    expect(text).not.toContain('never read');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(await chat.closed).toEqual({ kind: 'completed' });
    expect(finalized).toBe(true);
    expect(aborts).toEqual([]);
  });

  it('shutdown aborts the run and sends the closing sequence at once, even while the run is waiting', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* run(): AsyncGenerator<RuntimeEvent, void, undefined> {
      yield runtimeEvent.textDelta({ agent, delta: 'partial' });
      await blocked;
      yield runtimeEvent.runError({ error: { code: 'RUN_ABORTED', message: 'aborted', retryable: false } });
    }
    const { chat, aborts } = setup(run());
    const reader = chat.stream.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toContain('partial');
    chat.shutdown();
    expect(aborts.map((reason) => reason.message)).toEqual(['server shutdown']);
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += decoder.decode(value);
    }
    expect(rest).toContain('"finish_reason":"stop"');
    expect(rest.endsWith('data: [DONE]\n\n')).toBe(true);
    release();
    expect(await chat.closed).toEqual({ kind: 'shutdown' });
  });

  it('a generator that throws ends with the failure text, never an exception on the response', async () => {
    async function* run(): AsyncGenerator<RuntimeEvent, void, undefined> {
      yield runtimeEvent.textDelta({ agent, delta: 'before' });
      throw new AuraError('INTERNAL', 'runtime bug');
    }
    const { chat } = setup(run());
    const text = await readAll(chat.stream);
    expect(text).toContain('Aura could not complete the request (INTERNAL)');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect((await chat.closed).kind).toBe('failed');
  });

  it('cancelling the body aborts the run as a disconnect and writes nothing more', async () => {
    async function* run(): AsyncGenerator<RuntimeEvent, void, undefined> {
      for (;;) yield runtimeEvent.textDelta({ agent, delta: 'x' });
    }
    const { chat, aborts } = setup(run(), 2);
    const reader = chat.stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(aborts.map((reason) => [reason.code, reason.message])).toEqual([['RUN_ABORTED', 'client disconnected']]);
    expect(await chat.closed).toEqual({ kind: 'disconnected' });
  });
});
