/**
 * The streaming `chat.completion.chunk` (server-spec §8.3). Aura sends exactly one choice per chunk,
 * omits `finish_reason` (never `null`) on every chunk but the final one, and puts `usage` only on the
 * final chunk. The types also accept what other OpenAI-compatible servers send (`null`s, empty
 * `choices` on a usage-only chunk) so clients can parse any such stream.
 */
import type { ChatCompletionUsage } from './openai-usage.js';

/** Why generation stopped. Aura produces `stop`, `length` and `tool_calls`. */
export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/** A tool-call fragment of a chunk; later fragments of the same call share `index`. */
export interface ChatToolCallDelta {
  readonly index: number;
  readonly id?: string;
  readonly type?: 'function';
  readonly function?: { readonly name?: string; readonly arguments?: string };
}

/** The `delta` of a chunk choice. `role` appears on the first text chunk only. */
export interface ChatCompletionChunkDelta {
  readonly role?: 'assistant';
  readonly content?: string | null;
  /** Reasoning text (DeepSeek-style extension; Aura sends reasoning as `aura.reasoning` instead). */
  readonly reasoning_content?: string | null;
  readonly refusal?: string | null;
  readonly tool_calls?: readonly ChatToolCallDelta[];
}

/** One choice of a chunk. */
export interface ChatCompletionChunkChoice {
  readonly index: number;
  readonly delta: ChatCompletionChunkDelta;
  /** Omitted by Aura on non-final chunks; OpenAI sends `null`. */
  readonly finish_reason?: ChatFinishReason | null;
}

/** A `chat.completion.chunk`. */
export interface ChatCompletionChunk {
  /** `chatcmpl-<uuid>`, identical on every chunk of one response. */
  readonly id: string;
  readonly object: 'chat.completion.chunk';
  /** Unix seconds. */
  readonly created: number;
  /** `<provider>/<model>`, e.g. `openai/gpt-4o`. */
  readonly model: string;
  readonly choices: readonly ChatCompletionChunkChoice[];
  readonly usage?: ChatCompletionUsage | null;
  readonly system_fingerprint?: string | null;
}

/** Input of {@link chatChunk}. Optional fields given as `undefined` are omitted. */
export interface ChatChunkInput {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly delta: {
    readonly role?: 'assistant' | undefined;
    readonly content?: string | undefined;
    readonly reasoning_content?: string | undefined;
    readonly tool_calls?: readonly ChatToolCallDelta[] | undefined;
  };
  /** Set on the final chunk only. */
  readonly finish_reason?: ChatFinishReason | undefined;
  /** Set on the final chunk only. */
  readonly usage?: ChatCompletionUsage | undefined;
}

/**
 * Builds a one-choice chunk with keys in reference order: `id, object, created, model, choices, usage?`;
 * choice `index, delta, finish_reason?`; delta `role?, content?, reasoning_content?, tool_calls?`; each
 * tool call `index, id?, type?, function?{name?, arguments?}`. Absent optional fields are omitted.
 *
 * @example
 * chatChunk({ id: 'chatcmpl-1', created: 1, model: 'openai/gpt-4o', delta: {}, finish_reason: 'stop' });
 */
export function chatChunk(input: ChatChunkInput): ChatCompletionChunk {
  const { delta } = input;
  const orderedDelta: ChatCompletionChunkDelta = {
    ...(delta.role === undefined ? {} : { role: delta.role }),
    ...(delta.content === undefined ? {} : { content: delta.content }),
    ...(delta.reasoning_content === undefined ? {} : { reasoning_content: delta.reasoning_content }),
    ...(delta.tool_calls === undefined ? {} : { tool_calls: delta.tool_calls.map(orderToolCallDelta) }),
  };
  return {
    id: input.id,
    object: 'chat.completion.chunk',
    created: input.created,
    model: input.model,
    choices: [
      {
        index: 0,
        delta: orderedDelta,
        ...(input.finish_reason === undefined ? {} : { finish_reason: input.finish_reason }),
      },
    ],
    ...(input.usage === undefined ? {} : { usage: input.usage }),
  };
}

function orderToolCallDelta(call: ChatToolCallDelta): ChatToolCallDelta {
  const fn = call.function;
  return {
    index: call.index,
    ...(call.id === undefined ? {} : { id: call.id }),
    ...(call.type === undefined ? {} : { type: call.type }),
    ...(fn === undefined
      ? {}
      : {
          function: {
            ...(fn.name === undefined ? {} : { name: fn.name }),
            ...(fn.arguments === undefined ? {} : { arguments: fn.arguments }),
          },
        }),
  };
}

/**
 * Shape-level guard for a parsed chunk: an object with a `choices` array whose `object`, when present, is
 * `chat.completion.chunk`. Fields are not validated one by one.
 */
export function isChatCompletionChunk(value: unknown): value is ChatCompletionChunk {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { readonly object?: unknown; readonly choices?: unknown };
  return Array.isArray(record.choices) && (record.object === undefined || record.object === 'chat.completion.chunk');
}
