/**
 * The request body of `POST /v1/chat/completions` as an OpenAI-compatible server accepts it
 * (server-spec §7.1). These are the shapes after JSON parsing; the server validates `unknown` input into
 * them. Fields the server accepts but ignores are typed so that clients built on these types compile.
 */
import type { JsonObject } from './json.js';

/** `metadata` key that carries the chat session id (server-spec §7.4; highest priority). */
export const CHAT_SESSION_ID_METADATA_KEY = 'chat_session_id';

/** Request/response header that carries the chat session id (lowercase, as HTTP stacks deliver it). */
export const CHAT_SESSION_ID_HEADER = 'x-chat-session-id';

/** Header OpenWebUI sends with its chat id; the third source of the session id (server-spec §7.4). */
export const OPENWEBUI_CHAT_ID_HEADER = 'x-openwebui-chat-id';

/** A text content part. */
export interface ChatTextContentPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image content part (`url` is an http(s) URL or a `data:` URL). */
export interface ChatImageContentPart {
  readonly type: 'image_url';
  readonly image_url: { readonly url: string; readonly detail?: 'auto' | 'low' | 'high' };
}

/** An audio content part (base64 data). */
export interface ChatAudioContentPart {
  readonly type: 'input_audio';
  readonly input_audio: { readonly data: string; readonly format: 'wav' | 'mp3' };
}

/** A file content part (inline base64 `file_data` or an uploaded `file_id`). */
export interface ChatFileContentPart {
  readonly type: 'file';
  readonly file: { readonly file_data?: string; readonly file_id?: string; readonly filename?: string };
}

/** A refusal content part (assistant messages only). */
export interface ChatRefusalContentPart {
  readonly type: 'refusal';
  readonly refusal: string;
}

/** Any part a user message may carry. */
export type ChatUserContentPart =
  | ChatTextContentPart
  | ChatImageContentPart
  | ChatAudioContentPart
  | ChatFileContentPart;

/** A function tool call made by the assistant (request history and non-streaming responses). */
export interface ChatToolCall {
  readonly id: string;
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    /** The arguments as a JSON-encoded string (possibly invalid JSON: models make mistakes). */
    readonly arguments: string;
  };
}

/** `system` message. */
export interface ChatSystemMessage {
  readonly role: 'system';
  readonly content: string | readonly ChatTextContentPart[];
  readonly name?: string;
}

/** `developer` message (the newer name of `system` for reasoning models). */
export interface ChatDeveloperMessage {
  readonly role: 'developer';
  readonly content: string | readonly ChatTextContentPart[];
  readonly name?: string;
}

/** `user` message. */
export interface ChatUserMessage {
  readonly role: 'user';
  readonly content: string | readonly ChatUserContentPart[];
  readonly name?: string;
}

/**
 * `assistant` message. With `tool_calls` the content is typically `null` (client-tool follow-ups,
 * server-spec §12.1).
 */
export interface ChatAssistantMessage {
  readonly role: 'assistant';
  readonly content?: string | readonly (ChatTextContentPart | ChatRefusalContentPart)[] | null;
  readonly refusal?: string | null;
  readonly name?: string;
  readonly tool_calls?: readonly ChatToolCall[];
  /** Reasoning text some OpenAI-compatible servers echo back (DeepSeek style). */
  readonly reasoning_content?: string | null;
}

/** `tool` message: the result of the assistant's tool call `tool_call_id`. */
export interface ChatToolMessage {
  readonly role: 'tool';
  readonly content: string | readonly ChatTextContentPart[];
  readonly tool_call_id: string;
  /** Not in the OpenAI schema, but sent by the Aura CLI (cli-hitl-sessions-spec §1.6). */
  readonly name?: string;
}

/** Any request message, discriminated on `role`. */
export type ChatMessage =
  | ChatSystemMessage
  | ChatDeveloperMessage
  | ChatUserMessage
  | ChatAssistantMessage
  | ChatToolMessage;

/** Role names of {@link ChatMessage}. */
export type ChatRole = ChatMessage['role'];

/** A function tool offered by the client (client-side/passthrough tools, server-spec §12.1). */
export interface ChatFunctionTool {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description?: string;
    /** JSON Schema of the arguments; the server defaults it to `{}`. */
    readonly parameters?: JsonObject;
    readonly strict?: boolean | null;
  };
}

/** `tool_choice`: a mode, or one named function. */
export type ChatToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { readonly type: 'function'; readonly function: { readonly name: string } };

/** `stream_options`. */
export interface ChatStreamOptions {
  /** Ask for a final chunk carrying `usage` (Aura always puts usage on the final chunk). */
  readonly include_usage?: boolean;
}

/**
 * `metadata`: a string→string map. Aura honours {@link CHAT_SESSION_ID_METADATA_KEY}; other keys are
 * kept for telemetry only.
 */
export interface ChatRequestMetadata {
  readonly [key: string]: string;
}

/** The body of `POST /v1/chat/completions`. */
export interface ChatCompletionRequest {
  /** Effective id of an agent; ignored when exactly one agent is loaded (server-spec §7.3). */
  readonly model?: string;
  /** Required and non-empty. */
  readonly messages: readonly ChatMessage[];
  /** Only literal `true` streams; `false`/absent yields a JSON response. */
  readonly stream?: boolean | null;
  readonly stream_options?: ChatStreamOptions | null;
  /** Not forwarded to the LLM by the reference; only selects `finish_reason: "length"`. */
  readonly max_tokens?: number | null;
  /** Newer name of `max_tokens`; treated the same. */
  readonly max_completion_tokens?: number | null;
  readonly temperature?: number | null;
  readonly top_p?: number | null;
  readonly n?: number | null;
  readonly stop?: string | readonly string[] | null;
  readonly presence_penalty?: number | null;
  readonly frequency_penalty?: number | null;
  readonly seed?: number | null;
  readonly reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | null;
  readonly response_format?: JsonObject | null;
  readonly metadata?: ChatRequestMetadata | null;
  /** End-user id; telemetry only. */
  readonly user?: string;
  /** Client-side tools; their presence (even `[]`) turns on client-tools history handling. */
  readonly tools?: readonly ChatFunctionTool[];
  readonly tool_choice?: ChatToolChoice;
  readonly parallel_tool_calls?: boolean;
}
