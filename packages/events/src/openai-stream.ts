/**
 * Client-side reading of an OpenAI-compatible chat stream that may carry Aura events (server-spec §8):
 * data-only frames are chunks, `event: aura.*` frames are Aura events, `data: [DONE]` ends the stream.
 */
import { isAuraEventName } from './aura-event-names.js';
import { type AuraWireEvent, isAuraWireEvent } from './aura-wire-event.js';
import { type ChatCompletionChunk, isChatCompletionChunk } from './openai-chunk.js';
import { isOpenAiErrorBody, type OpenAiErrorBody } from './openai-error.js';
import type { SseMessage } from './sse-parse.js';
import { type ParseSseStreamOptions, parseSseStream, type SseSource } from './sse-stream.js';

/** One item of {@link parseOpenAiStream}. */
export type OpenAiStreamItem =
  /** A data-only frame holding a `chat.completion.chunk`. */
  | { readonly type: 'chunk'; readonly chunk: ChatCompletionChunk }
  /** A known `aura.*` event (payload typed by name, not validated field by field). */
  | { readonly type: 'aura-event'; readonly event: AuraWireEvent }
  /** Any other named event (including future `aura.*` names), JSON-parsed. */
  | { readonly type: 'event'; readonly name: string; readonly data: unknown }
  /** A data-only frame holding an OpenAI error envelope (some servers report mid-stream errors so). */
  | { readonly type: 'error'; readonly error: OpenAiErrorBody['error'] }
  /** `data: [DONE]`: the last item; the source is closed after it. */
  | { readonly type: 'done' };

/** Options of {@link parseOpenAiStream}. */
export interface ParseOpenAiStreamOptions extends ParseSseStreamOptions {
  /**
   * Called for a frame that is skipped: data that is not JSON, a data-only frame that is neither a chunk
   * nor an error envelope, or an `aura.*` event whose data is not an object. Default: skip silently (as
   * the reference CLI does).
   */
  readonly onInvalid?: (message: SseMessage, reason: string) => void;
}

/**
 * Reads an OpenAI-compatible SSE stream into typed items. Stops after `[DONE]` (closing the source);
 * a stream that ends without `[DONE]` simply ends (no `done` item), which callers may treat as truncated.
 * Payloads are JSON-parsed and checked for their basic shape only.
 *
 * @throws {AuraError} `STREAM_ABORTED` when `options.signal` fires; source errors propagate.
 * @example
 * for await (const item of parseOpenAiStream(response.body)) {
 *   if (item.type === 'chunk') process.stdout.write(item.chunk.choices[0]?.delta.content ?? '');
 * }
 */
export async function* parseOpenAiStream(
  source: SseSource,
  options: ParseOpenAiStreamOptions = {},
): AsyncGenerator<OpenAiStreamItem, void, undefined> {
  const onInvalid = options.onInvalid ?? skip;
  for await (const message of parseSseStream(source, options)) {
    const name = message.event;
    const unnamed = name === undefined || name === 'message';
    if (unnamed && message.data === '[DONE]') {
      yield { type: 'done' };
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      onInvalid(message, 'data is not JSON');
      continue;
    }
    if (unnamed) {
      const item = dataOnlyItem(data);
      if (item === undefined) onInvalid(message, 'data is neither a chat.completion.chunk nor an error body');
      else yield item;
    } else if (isAuraEventName(name)) {
      const event = { event: name, data };
      if (isAuraWireEvent(event)) yield { type: 'aura-event', event };
      else onInvalid(message, `${name} data is not a JSON object`);
    } else {
      yield { type: 'event', name, data };
    }
  }
}

function dataOnlyItem(data: unknown): OpenAiStreamItem | undefined {
  if (isOpenAiErrorBody(data)) return { type: 'error', error: data.error };
  if (isChatCompletionChunk(data)) return { type: 'chunk', chunk: data };
  return undefined;
}

function skip(): void {}
