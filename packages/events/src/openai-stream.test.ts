import { describe, expect, it } from 'vitest';
import {
  auraEvent,
  chatChunk,
  encodeAuraEvent,
  encodeSseComment,
  encodeSseData,
  encodeSseEvent,
  type OpenAiStreamItem,
  parseOpenAiStream,
  SSE_DONE,
  SSE_HEARTBEAT,
  type SseMessage,
} from './index.js';

const encoder = new TextEncoder();

async function* bytes(text: string, size = 5): AsyncGenerator<Uint8Array> {
  const all = encoder.encode(text);
  for (let index = 0; index < all.length; index += size) yield all.subarray(index, index + size);
}

async function items(text: string, onInvalid?: (message: SseMessage, reason: string) => void) {
  const result: OpenAiStreamItem[] = [];
  for await (const item of parseOpenAiStream(bytes(text), onInvalid === undefined ? {} : { onInvalid })) {
    result.push(item);
  }
  return result;
}

const base = { id: 'chatcmpl-1', created: 1730000000, model: 'openai/gpt-4o' };

describe('parseOpenAiStream', () => {
  it('yields chunks, typed aura events and done, in stream order, skipping comments', async () => {
    const sessionInfo = auraEvent.sessionInfo({ model: 'openai/gpt-4o', session_id: 'cs_1' });
    const first = chatChunk({ ...base, delta: { role: 'assistant', content: 'Hi' } });
    const last = chatChunk({
      ...base,
      delta: {},
      finish_reason: 'stop',
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    });
    const text = [
      SSE_HEARTBEAT,
      encodeAuraEvent(sessionInfo),
      encodeSseData(first),
      encodeSseComment('heartbeat'),
      encodeSseData(last),
      SSE_DONE,
    ].join('');
    const result = await items(text);
    expect(result).toEqual([
      { type: 'aura-event', event: sessionInfo },
      { type: 'chunk', chunk: first },
      { type: 'chunk', chunk: last },
      { type: 'done' },
    ]);
    const [event] = result;
    if (event?.type === 'aura-event' && event.event.event === 'aura.session_info') {
      expect(event.event.data.model).toBe('openai/gpt-4o');
    } else {
      throw new Error('expected aura.session_info first');
    }
  });

  it('stops at [DONE] and closes the source', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`${SSE_DONE}${encodeSseData({ choices: [] })}`));
      },
      cancel() {
        cancelled = true;
      },
    });
    const result: OpenAiStreamItem[] = [];
    for await (const item of parseOpenAiStream(stream)) result.push(item);
    expect(result).toEqual([{ type: 'done' }]);
    expect(cancelled).toBe(true);
  });

  it('ends without a done item when the stream ends without [DONE]', async () => {
    expect(await items(encodeSseData({ object: 'chat.completion.chunk', choices: [] }))).toEqual([
      { type: 'chunk', chunk: { object: 'chat.completion.chunk', choices: [] } },
    ]);
  });

  it('yields unknown named events generically, including future aura.* names', async () => {
    const text = encodeSseEvent('aura.context_usage', { used: 1 }) + encodeSseEvent('ping', { n: 1 }) + SSE_DONE;
    expect(await items(text)).toEqual([
      { type: 'event', name: 'aura.context_usage', data: { used: 1 } },
      { type: 'event', name: 'ping', data: { n: 1 } },
      { type: 'done' },
    ]);
  });

  it('reports in-band OpenAI error envelopes', async () => {
    const text = encodeSseData({ error: { message: 'overloaded', type: 'server_error', code: null } });
    expect(await items(text)).toEqual([
      { type: 'error', error: { message: 'overloaded', type: 'server_error', code: null } },
    ]);
  });

  it('skips invalid frames and reports them through onInvalid', async () => {
    const invalid: string[] = [];
    const text =
      'data: {not json\n\n' +
      encodeSseData({ hello: 'world' }) +
      encodeSseEvent('aura.usage', [1, 2]) +
      encodeSseData({ choices: [] }) +
      SSE_DONE;
    const result = await items(text, (message, reason) => invalid.push(`${message.event ?? ''}|${reason}`));
    expect(result).toEqual([{ type: 'chunk', chunk: { choices: [] } }, { type: 'done' }]);
    expect(invalid).toEqual([
      '|data is not JSON',
      '|data is neither a chat.completion.chunk nor an error body',
      'aura.usage|aura.usage data is not a JSON object',
    ]);
    expect(await items(text)).toEqual(result);
  });

  it('treats an explicit "message" event like a data-only frame', async () => {
    expect(await items('event: message\ndata: [DONE]\n\n')).toEqual([{ type: 'done' }]);
  });
});
