/**
 * Builders of the OpenAI `chat.completion.chunk` frames of one response (server-spec §8.3, §8.6). Every
 * frame is a complete SSE frame string (`data: <json>\n\n`) with keys in the reference order.
 */
import {
  type ChatCompletionUsage,
  type ChatFinishReason,
  type ChatToolCallDelta,
  chatChunk,
  encodeSseData,
  SSE_HEARTBEAT,
} from '@aura/events';

/** The fields every chunk of one response shares. */
export interface ChunkIdentity {
  /** `chatcmpl-<uuid>`. */
  readonly completionId: string;
  /** Unix seconds. */
  readonly created: number;
  /** `<provider>/<model>`. */
  readonly model: string;
}

/** A text chunk; `role: "assistant"` is set when `first` (the first text chunk of the response). */
export function textChunkFrame(identity: ChunkIdentity, content: string, first: boolean): string {
  return encodeSseData(
    chatChunk({
      id: identity.completionId,
      created: identity.created,
      model: identity.model,
      delta: { role: first ? 'assistant' : undefined, content },
    }),
  );
}

/**
 * A {@link textChunkFrame} for each text delta of one response, with the JSON around the content built once
 * (the per-token path of every stream: no chunk object, one `JSON.stringify` of the content). Same bytes as
 * `textChunkFrame(identity, content, first)`.
 */
export function createTextChunkFramer(identity: ChunkIdentity): (content: string, first: boolean) => string {
  // Joined, not a template literal: `join` makes one flat string, where concatenation would keep a tree of cons
  // strings for the life of the stream (and flatten a copy of it into every frame).
  const prefix = [
    'data: {"id":',
    JSON.stringify(identity.completionId),
    ',"object":"chat.completion.chunk","created":',
    JSON.stringify(identity.created),
    ',"model":',
    JSON.stringify(identity.model),
    ',"choices":[{"index":0,"delta":{"content":',
  ].join('');
  const suffix = '}}]}\n\n';
  return (content, first) =>
    first ? textChunkFrame(identity, content, true) : `${prefix}${JSON.stringify(content)}${suffix}`;
}

/** A chunk carrying one complete tool-call delta (never with `role`). */
export function toolCallChunkFrame(identity: ChunkIdentity, call: ChatToolCallDelta): string {
  return encodeSseData(
    chatChunk({
      id: identity.completionId,
      created: identity.created,
      model: identity.model,
      delta: { tool_calls: [call] },
    }),
  );
}

/** The final chunk: `delta: {}`, `finish_reason`, and `usage` when known. */
export function finalChunkFrame(
  identity: ChunkIdentity,
  finishReason: ChatFinishReason,
  usage: ChatCompletionUsage | undefined,
): string {
  return encodeSseData(
    chatChunk({
      id: identity.completionId,
      created: identity.created,
      model: identity.model,
      delta: {},
      finish_reason: finishReason,
      usage,
    }),
  );
}

/**
 * The usage-only chunk OpenAI sends after the final chunk when the request set
 * `stream_options.include_usage`: `{id, object, created, model, choices: [], usage}`.
 */
export function usageChunkFrame(identity: ChunkIdentity, usage: ChatCompletionUsage): string {
  return encodeSseData({
    id: identity.completionId,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    choices: [],
    usage,
  });
}

/** The SSE comment frame the HTTP layer writes about every 15 s while a stream is open: `: heartbeat\n\n`. */
export function heartbeatFrame(): string {
  return SSE_HEARTBEAT;
}
