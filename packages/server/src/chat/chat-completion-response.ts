/** The non-streaming `chat.completion` body (server-spec §7.6). */
import {
  type ChatCompletion,
  type ChatFinishReason,
  type ClientToolCall,
  chatCompletion,
  type RunFinishReason,
  type TokenUsage,
  toChatCompletionUsage,
} from '@aura/events';

/** What a finished (or failed) run produced, for {@link buildChatCompletionResponse}. */
export interface ChatCompletionResponseInput {
  readonly completionId: string;
  readonly created: number;
  /** `<provider>/<model>`. */
  readonly model: string;
  /** Sent as `metadata.chat_session_id`. */
  readonly sessionId: string;
  /** The answer text (error text included when the run failed). */
  readonly text: string;
  /** Usage of the run; zeros when unknown. */
  readonly usage?: TokenUsage | undefined;
  /** The runtime's finish reason, when the run finished. */
  readonly finishReason?: RunFinishReason | undefined;
  /** Client-side tool calls the client must execute. */
  readonly clientToolCalls?: readonly ClientToolCall[] | undefined;
  /** The request's `max_tokens` / `max_completion_tokens`. */
  readonly requestMaxTokens?: number | undefined;
}

/**
 * Builds the `chat.completion` body. `usage` is always present. `finish_reason`: `tool_calls` when client
 * tool calls are pending (they are returned in `message.tool_calls`, with `content: null` if there is no
 * text — the reference never returned them: quirk Q4, fixed); else `length` when the runtime says so or
 * `completion_tokens >= max_tokens`; else `stop`.
 */
export function buildChatCompletionResponse(input: ChatCompletionResponseInput): ChatCompletion {
  const calls = input.clientToolCalls ?? [];
  const usage = input.usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  let finishReason: ChatFinishReason = 'stop';
  if (calls.length > 0 || input.finishReason === 'tool_calls') finishReason = 'tool_calls';
  else if (
    input.finishReason === 'length' ||
    (input.requestMaxTokens !== undefined && input.usage !== undefined && usage.outputTokens >= input.requestMaxTokens)
  )
    finishReason = 'length';
  return chatCompletion({
    id: input.completionId,
    created: input.created,
    model: input.model,
    message: {
      content: calls.length > 0 && input.text === '' ? null : input.text,
      tool_calls:
        calls.length === 0
          ? undefined
          : calls.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: call.arguments },
            })),
    },
    finish_reason: finishReason,
    usage: toChatCompletionUsage(usage),
    chat_session_id: input.sessionId,
  });
}
