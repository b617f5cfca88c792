/**
 * The conversation a caller hands to a run, in a provider-neutral shape (what an OpenAI-style chat request
 * carries after the server's §7.5 conversion), and its conversion to AI SDK messages.
 */
import type { ModelMessage, ToolCallPart, ToolResultPart } from 'ai';
import { isJsonObject, tryParseJson } from '../util/json-value.js';

/** One tool call an assistant turn made. */
export interface HistoryToolCall {
  readonly id: string;
  readonly name: string;
  /** Parsed arguments, or the raw string when they were not JSON. */
  readonly arguments: unknown;
}

/** One earlier turn of the conversation. */
export type HistoryMessage =
  | { readonly role: 'user'; readonly content: string }
  | { readonly role: 'assistant'; readonly content: string; readonly toolCalls?: readonly HistoryToolCall[] }
  | { readonly role: 'tool'; readonly toolCallId: string; readonly toolName?: string; readonly content: string };

/**
 * Builds the model input `[...history, user(query), ...continuation]`. Tool results find their tool name
 * from the assistant call with the same id when they don't carry one; tool-call arguments that are not a
 * JSON object are sent as `{}` (providers require objects).
 */
export function toModelMessages(
  history: readonly HistoryMessage[],
  query: string,
  continuation: readonly HistoryMessage[] = [],
): ModelMessage[] {
  const toolNames = new Map<string, string>();
  for (const message of [...history, ...continuation]) {
    if (message.role === 'assistant') for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
  }
  const convert = (message: HistoryMessage): ModelMessage => {
    switch (message.role) {
      case 'user':
        return { role: 'user', content: message.content };
      case 'assistant': {
        const calls = message.toolCalls ?? [];
        if (calls.length === 0) return { role: 'assistant', content: message.content };
        const parts: ToolCallPart[] = calls.map((call) => ({
          type: 'tool-call',
          toolCallId: call.id,
          toolName: call.name,
          input: toolInput(call.arguments),
        }));
        return {
          role: 'assistant',
          content: message.content.trim() === '' ? parts : [{ type: 'text', text: message.content }, ...parts],
        };
      }
      case 'tool': {
        const part: ToolResultPart = {
          type: 'tool-result',
          toolCallId: message.toolCallId,
          toolName: message.toolName ?? toolNames.get(message.toolCallId) ?? 'unknown_tool',
          output: { type: 'text', value: message.content },
        };
        return { role: 'tool', content: [part] };
      }
    }
  };
  return [...history.map(convert), { role: 'user', content: query }, ...continuation.map(convert)];
}

function toolInput(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return isJsonObject(value) ? value : {};
  const parsed = tryParseJson(value);
  return parsed.ok && isJsonObject(parsed.value) ? parsed.value : {};
}
