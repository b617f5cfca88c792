/** The non-streaming `chat.completion` response (server-spec §7.6). */
import type { ChatFinishReason } from './openai-chunk.js';
import type { ChatToolCall } from './openai-request.js';
import type { ChatCompletionUsage } from './openai-usage.js';

/** The assistant message of a non-streaming response. */
export interface ChatCompletionMessage {
  readonly role: 'assistant';
  /** The full answer text; `null` only when the assistant produced tool calls and no text. */
  readonly content: string | null;
  readonly reasoning_content?: string;
  readonly refusal?: string | null;
  readonly tool_calls?: readonly ChatToolCall[];
}

/** One choice of a non-streaming response. */
export interface ChatCompletionChoice {
  readonly index: number;
  readonly message: ChatCompletionMessage;
  readonly finish_reason: ChatFinishReason;
}

/** Aura's extension of the response: the chat session id the request was served under. */
export interface ChatCompletionResponseMetadata {
  readonly chat_session_id?: string;
  readonly [key: string]: string | undefined;
}

/** A `chat.completion` response body. */
export interface ChatCompletion {
  readonly id: string;
  readonly object: 'chat.completion';
  readonly created: number;
  readonly model: string;
  readonly choices: readonly ChatCompletionChoice[];
  readonly usage?: ChatCompletionUsage;
  readonly metadata?: ChatCompletionResponseMetadata;
  readonly system_fingerprint?: string | null;
}

/** Input of {@link chatCompletion}. Optional fields given as `undefined` are omitted. */
export interface ChatCompletionInput {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly message: {
    readonly content: string | null;
    readonly reasoning_content?: string | undefined;
    readonly tool_calls?: readonly ChatToolCall[] | undefined;
  };
  readonly finish_reason: ChatFinishReason;
  readonly usage?: ChatCompletionUsage | undefined;
  /** Sent as `metadata.chat_session_id` when given. */
  readonly chat_session_id?: string | undefined;
}

/**
 * Builds a one-choice `chat.completion` with keys in reference order: `id, object, created, model,
 * choices, usage?, metadata?`; choice `index, message, finish_reason`; message
 * `role, content, reasoning_content?, tool_calls?`.
 */
export function chatCompletion(input: ChatCompletionInput): ChatCompletion {
  const { message } = input;
  return {
    id: input.id,
    object: 'chat.completion',
    created: input.created,
    model: input.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: message.content,
          ...(message.reasoning_content === undefined ? {} : { reasoning_content: message.reasoning_content }),
          ...(message.tool_calls === undefined ? {} : { tool_calls: message.tool_calls }),
        },
        finish_reason: input.finish_reason,
      },
    ],
    ...(input.usage === undefined ? {} : { usage: input.usage }),
    ...(input.chat_session_id === undefined ? {} : { metadata: { chat_session_id: input.chat_session_id } }),
  };
}
