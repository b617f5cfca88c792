/**
 * One provider-agnostic view of a model request, so rules and assertions read the same no matter which wire
 * format (or the in-process prompt) carried it. Each wire module normalises its request into this shape and
 * keeps the raw body in `raw`.
 */
import { AuraError } from '@aura/events';

/** Where a request came from: a wire format of the mock provider server, or the in-process scripted model. */
export type ProviderName = 'openai' | 'openrouter' | 'anthropic' | 'gemini' | 'ollama' | 'bedrock' | 'scripted';

/** A tool call the assistant made earlier in the conversation. `arguments` is parsed JSON when possible. */
export interface ViewToolCall {
  readonly id: string | undefined;
  readonly name: string;
  readonly arguments: unknown;
}

/** A tool result sent back to the model. `content` is the result flattened to text (JSON-encoded if structured). */
export interface ViewToolResult {
  readonly id: string | undefined;
  readonly name: string | undefined;
  readonly content: string;
  readonly isError: boolean;
}

/** One message; tool results travel in `role: 'tool'` messages whatever the provider's own layout. */
export interface ViewMessage {
  readonly role: 'user' | 'assistant' | 'tool';
  /** All text parts joined with `\n` (for `tool` messages: the result contents). */
  readonly text: string;
  readonly reasoning: string | undefined;
  readonly toolCalls: readonly ViewToolCall[];
  readonly toolResults: readonly ViewToolResult[];
}

/** A tool offered to the model. */
export interface ViewTool {
  readonly name: string;
  readonly description: string | undefined;
  /** The JSON Schema as sent. */
  readonly parameters: unknown;
}

/** The normalised request. */
export interface ConversationView {
  readonly provider: ProviderName;
  readonly model: string;
  readonly stream: boolean;
  /** All system/developer instructions joined with `\n`; `undefined` when there are none. */
  readonly system: string | undefined;
  readonly messages: readonly ViewMessage[];
  readonly tools: readonly ViewTool[];
  readonly maxTokens: number | undefined;
  readonly temperature: number | undefined;
  /** The request body (or the in-process call options) as received. */
  readonly raw: unknown;
}

/** Anything carrying a conversation: a view, a recorded model call or a recorded server request. */
export type ConversationSource = ConversationView | { readonly view: ConversationView | undefined };

/**
 * The view of `source`.
 * @throws AuraError `REQUEST_INVALID` when `source` is a recorded request that carried no conversation
 *   (an embeddings call or an unknown route).
 */
export function conversationOf(source: ConversationSource): ConversationView {
  if ('messages' in source) return source;
  if (source.view === undefined) {
    throw new AuraError('REQUEST_INVALID', 'this recorded request carried no conversation (not a chat request)');
  }
  return source.view;
}

/** The system prompt, or `undefined` when none was sent. */
export function systemPrompt(source: ConversationSource): string | undefined {
  return conversationOf(source).system;
}

/** Text of the last user message, or `undefined` when there is none. */
export function lastUserText(source: ConversationSource): string | undefined {
  return conversationOf(source).messages.findLast((message) => message.role === 'user')?.text;
}

/** The last message of the conversation. */
export function lastMessage(source: ConversationSource): ViewMessage | undefined {
  return conversationOf(source).messages.at(-1);
}

/** Names of the tools offered, in order. */
export function toolNames(source: ConversationSource): string[] {
  return conversationOf(source).tools.map((tool) => tool.name);
}

/** Every tool result in the conversation, oldest first. */
export function toolResults(source: ConversationSource): ViewToolResult[] {
  return conversationOf(source).messages.flatMap((message) => message.toolResults);
}

/** Every tool call the assistant made in the conversation history, oldest first. */
export function toolCalls(source: ConversationSource): ViewToolCall[] {
  return conversationOf(source).messages.flatMap((message) => message.toolCalls);
}

/** Parses JSON text, returning the text itself when it is not valid JSON. */
export function parseJsonLenient(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Flattens a structured tool result to text: strings as-is, anything else JSON-encoded. */
export function contentToText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}
