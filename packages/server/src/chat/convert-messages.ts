/**
 * Request messages → the query and the history the agent runs with (server-spec §7.2 step 4, §7.5), in
 * core's provider-neutral `HistoryMessage` shape (core converts it to AI SDK messages).
 */
import type { HistoryMessage, HistoryToolCall } from '@aura/core';
import { AuraError } from '@aura/events';
import type { HttpErrorData } from '../errors-to-http.js';
import type { ChatRequestMessage, ChatRequestToolCall } from './parse-chat-request.js';

/** A tool call of an assistant history turn; `arguments` parsed from JSON, or the raw string if invalid. */
export type ChatHistoryToolCall = HistoryToolCall;

/** One history turn (core's {@link HistoryMessage}). */
export type ChatHistoryMessage = HistoryMessage;

/** Result of {@link convertChatMessages}. The model input is `[...history, user(query), ...continuation]`. */
export interface ConvertedChatMessages {
  /** The user query of this turn (content of the last, or in a client-tool follow-up the latest, user message). */
  readonly query: string;
  /** Turns before the query, filtered per §7.5. */
  readonly history: readonly ChatHistoryMessage[];
  /**
   * Client-tool follow-up only: the assistant tool calls and tool results that came after the query,
   * in order. Empty otherwise.
   */
  readonly continuation: readonly ChatHistoryMessage[];
}

/** Options of {@link convertChatMessages}. */
export interface ConvertChatMessagesOptions {
  /** The request had `tools` (even `[]`): keep assistant tool calls and tool results in history. */
  readonly clientToolsMode: boolean;
}

function invalid(message: string): AuraError<HttpErrorData> {
  return new AuraError<HttpErrorData>('REQUEST_INVALID', message);
}

/**
 * Extracts the query and converts the rest of the conversation:
 * - the last message must be `user` (or, in client-tools mode, `tool`: then the query is the latest
 *   `user` message and the messages after it form the `continuation`);
 * - `system`/`developer` messages are dropped (the agent's configured prompt is authoritative);
 * - `user`/`assistant` messages with blank text are dropped; assistant tool calls and `tool` results
 *   are kept only in client-tools mode (tool results need `tool_call_id` and content);
 * - unknown roles are dropped.
 *
 * @throws {AuraError} `REQUEST_INVALID` (400): `No messages provided`;
 *   `Last message must be from user, got: <role>` (client-tools mode: `... from user or tool ...`);
 *   `tool result messages require a preceding user message`; `The user message must have non-empty
 *   content` when the query is blank.
 */
export function convertChatMessages(
  messages: readonly ChatRequestMessage[],
  options: ConvertChatMessagesOptions,
): ConvertedChatMessages {
  const last = messages.at(-1);
  if (last === undefined) throw invalid('No messages provided');
  let queryIndex: number;
  if (last.role === 'user') {
    queryIndex = messages.length - 1;
  } else if (options.clientToolsMode && last.role === 'tool') {
    queryIndex = messages.findLastIndex((message) => message.role === 'user');
    if (queryIndex < 0) throw invalid('tool result messages require a preceding user message');
  } else {
    const expected = options.clientToolsMode ? 'user or tool' : 'user';
    throw invalid(`Last message must be from ${expected}, got: ${last.role}`);
  }
  const query = messages[queryIndex]?.content ?? '';
  if (query.trim() === '') throw invalid('The user message must have non-empty content');
  const toolNames = new Map<string, string>();
  const convert = (slice: readonly ChatRequestMessage[]): ChatHistoryMessage[] => {
    const turns: ChatHistoryMessage[] = [];
    for (const message of slice) {
      const turn = convertMessage(message, options.clientToolsMode, toolNames);
      if (turn !== undefined) turns.push(turn);
    }
    return turns;
  };
  return {
    query,
    history: convert(messages.slice(0, queryIndex)),
    continuation: convert(messages.slice(queryIndex + 1)),
  };
}

function convertMessage(
  message: ChatRequestMessage,
  clientToolsMode: boolean,
  toolNames: Map<string, string>,
): ChatHistoryMessage | undefined {
  const text = message.content ?? '';
  switch (message.role) {
    case 'user':
      return text.trim() === '' ? undefined : { role: 'user', content: text };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (clientToolsMode && calls.length > 0) {
        for (const call of calls) toolNames.set(call.id, call.name);
        return { role: 'assistant', content: text, toolCalls: calls.map(historyToolCall) };
      }
      return text.trim() === '' ? undefined : { role: 'assistant', content: text };
    }
    case 'tool': {
      if (!clientToolsMode || message.toolCallId === undefined || message.content === null) return undefined;
      const toolName = message.name ?? toolNames.get(message.toolCallId);
      return {
        role: 'tool',
        toolCallId: message.toolCallId,
        ...(toolName === undefined ? {} : { toolName }),
        content: message.content,
      };
    }
    default:
      // system, developer and unknown roles.
      return undefined;
  }
}

function historyToolCall(call: ChatRequestToolCall): ChatHistoryToolCall {
  return { id: call.id, name: call.name, arguments: parseArguments(call.arguments) };
}

function parseArguments(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
