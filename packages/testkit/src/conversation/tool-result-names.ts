/**
 * Wire formats that reference tool results only by call id (OpenAI, Anthropic, Bedrock) leave the tool
 * name out; this fills it in from the assistant's earlier call with the same id.
 */
import type { ViewMessage } from './conversation-view.js';

/** `messages` with every unnamed tool result named after the matching earlier tool call. */
export function withToolResultNames(messages: readonly ViewMessage[]): ViewMessage[] {
  const names = new Map<string, string>();
  return messages.map((message) => {
    for (const call of message.toolCalls) if (call.id !== undefined) names.set(call.id, call.name);
    if (message.toolResults.every((result) => result.name !== undefined)) return message;
    return {
      ...message,
      toolResults: message.toolResults.map((result) =>
        result.name !== undefined || result.id === undefined ? result : { ...result, name: names.get(result.id) },
      ),
    };
  });
}
