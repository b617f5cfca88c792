/**
 * Chat Completions stream chunks (each SSE `data` payload) → `LanguageModelV3StreamPart`s, the same parts
 * `@ai-sdk/openai-compatible` 2.x produces (pinned by chat-completions-parity.test.ts): `stream-start`, one
 * `response-metadata`, reasoning (`reasoning_content` / `reasoning` / `thinking` parts) and text blocks that
 * close each other, tool-call parts (tool-call-assembler.ts), then `finish` with usage — or an `error` part
 * followed by `finish` with reason `error`. A chunk is read by hand (no schema library): about a third of the
 * CPU of streaming a response with the provider package went into its per-chunk schema parse.
 */
import {
  InvalidResponseDataError,
  JSONParseError,
  type LanguageModelV3FinishReason,
  type LanguageModelV3StreamPart,
  type SharedV3Warning,
  TypeValidationError,
} from '@ai-sdk/provider';
import { isJsonObject, type JsonObject } from '../../util/json-value.js';
import {
  chatContentPieces,
  chatFinishReason,
  chatProviderMetadata,
  chatReasoning,
  chatResponseMetadata,
  chatUsage,
} from './chat-response-fields.js';
import { ToolCallAssembler, type ToolCallDelta } from './tool-call-assembler.js';

const TEXT_ID = 'txt-0';
const REASONING_ID = 'reasoning-0';

/** Options of {@link ChatStreamParts}. */
export interface ChatStreamPartsOptions {
  readonly warnings: SharedV3Warning[];
  /** Key of `providerMetadata` (the provider options name). */
  readonly metadataKey: string;
  /** Emit a `raw` part with each parsed chunk. */
  readonly includeRawChunks?: boolean | undefined;
}

/** The state of one streamed response. */
export class ChatStreamParts {
  readonly #options: ChatStreamPartsOptions;
  // Created with the first tool call delta: most streamed answers have none.
  #tools: ToolCallAssembler | undefined;
  #firstChunk = true;
  #activeText = false;
  #activeReasoning = false;
  #hasRefusal = false;
  #failed = false;
  #rawFinishReason: string | undefined;
  #usage: JsonObject | undefined;

  constructor(options: ChatStreamPartsOptions) {
    this.#options = options;
  }

  /** The `stream-start` part. */
  start(parts: LanguageModelV3StreamPart[]): void {
    parts.push({ type: 'stream-start', warnings: this.#options.warnings });
  }

  /** Parts for one SSE `data` payload (`[DONE]` is skipped). */
  chunk(data: string, parts: LanguageModelV3StreamPart[]): void {
    if (data === '[DONE]') return;
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch (cause) {
      this.#fail(new JSONParseError({ text: data, cause }), parts);
      return;
    }
    if (this.#options.includeRawChunks) parts.push({ type: 'raw', rawValue: value });
    if (!isJsonObject(value)) {
      this.#fail(invalid(value, 'a chunk must be a JSON object'), parts);
      return;
    }
    if (value.error != null) {
      this.#fail(value.error, parts);
      return;
    }
    const choices = value.choices ?? [];
    if (!Array.isArray(choices)) {
      this.#fail(invalid(value, '`choices` must be an array'), parts);
      return;
    }
    if (this.#firstChunk) {
      this.#firstChunk = false;
      parts.push({ type: 'response-metadata', ...chatResponseMetadata(value) });
    }
    if (value.usage != null) {
      if (!isJsonObject(value.usage)) {
        this.#fail(invalid(value, '`usage` must be an object'), parts);
        return;
      }
      this.#usage = value.usage;
    }
    const choice: unknown = choices[0];
    if (choice == null) return;
    if (!isJsonObject(choice)) {
      this.#fail(invalid(value, '`choices[0]` must be an object'), parts);
      return;
    }
    if (typeof choice.finish_reason === 'string') this.#rawFinishReason = choice.finish_reason;
    const delta = choice.delta;
    if (delta == null) return;
    if (!isJsonObject(delta)) {
      this.#fail(invalid(value, '`choices[0].delta` must be an object'), parts);
      return;
    }
    this.#delta(value, delta, parts);
  }

  /** The body ended: open blocks are closed, tool calls completed, and `finish` (or an error) reported. */
  end(parts: LanguageModelV3StreamPart[]): void {
    this.#endReasoning(parts);
    this.#endText(parts);
    this.#tools?.finish(parts);
    let finishReason: LanguageModelV3FinishReason | undefined = this.#failed
      ? { unified: 'error', raw: undefined }
      : undefined;
    if (this.#rawFinishReason !== undefined) finishReason = chatFinishReason(this.#rawFinishReason, this.#hasRefusal);
    if (finishReason === undefined) {
      finishReason = { unified: 'error', raw: undefined };
      parts.push({
        type: 'error',
        error: new InvalidResponseDataError({
          data: undefined,
          message: 'Response stream ended without a finish reason.',
        }),
      });
    }
    parts.push({
      type: 'finish',
      finishReason,
      usage: chatUsage(this.#usage),
      providerMetadata: chatProviderMetadata(this.#options.metadataKey, this.#usage),
    });
  }

  #delta(chunk: JsonObject, delta: JsonObject, parts: LanguageModelV3StreamPart[]): void {
    const reasoning = chatReasoning(delta);
    if (reasoning) this.#reasoningDelta(reasoning, parts);
    const content = delta.content;
    if (typeof content === 'string') {
      // The per-token case, without the pieces array.
      if (content.length > 0) this.#textDelta(content, parts);
    } else if (content != null) {
      if (!Array.isArray(content)) {
        this.#fail(invalid(chunk, '`delta.content` must be a string or an array'), parts);
        return;
      }
      for (const piece of chatContentPieces(content)) {
        if (piece.type === 'reasoning') this.#reasoningDelta(piece.text, parts);
        else this.#textDelta(piece.text, parts);
      }
    }
    if (typeof delta.refusal === 'string' && delta.refusal.length > 0) {
      this.#hasRefusal = true;
      this.#textDelta(delta.refusal, parts);
    }
    const toolCalls = delta.tool_calls;
    if (toolCalls == null) return;
    if (!Array.isArray(toolCalls) || !toolCalls.every(isToolCallDelta)) {
      this.#fail(invalid(chunk, '`delta.tool_calls` must be an array of tool call deltas'), parts);
      return;
    }
    if (toolCalls.length === 0) return;
    this.#endReasoning(parts);
    this.#tools ??= new ToolCallAssembler(this.#options.metadataKey);
    for (const toolCall of toolCalls) this.#tools.push(toolCall, parts);
  }

  #reasoningDelta(delta: string, parts: LanguageModelV3StreamPart[]): void {
    this.#endText(parts);
    if (!this.#activeReasoning) {
      parts.push({ type: 'reasoning-start', id: REASONING_ID });
      this.#activeReasoning = true;
    }
    parts.push({ type: 'reasoning-delta', id: REASONING_ID, delta });
  }

  #textDelta(delta: string, parts: LanguageModelV3StreamPart[]): void {
    this.#endReasoning(parts);
    if (!this.#activeText) {
      parts.push({ type: 'text-start', id: TEXT_ID });
      this.#activeText = true;
    }
    parts.push({ type: 'text-delta', id: TEXT_ID, delta });
  }

  #endReasoning(parts: LanguageModelV3StreamPart[]): void {
    if (!this.#activeReasoning) return;
    parts.push({ type: 'reasoning-end', id: REASONING_ID });
    this.#activeReasoning = false;
  }

  #endText(parts: LanguageModelV3StreamPart[]): void {
    if (!this.#activeText) return;
    parts.push({ type: 'text-end', id: TEXT_ID });
    this.#activeText = false;
  }

  #fail(error: unknown, parts: LanguageModelV3StreamPart[]): void {
    this.#failed = true;
    parts.push({ type: 'error', error });
  }
}

function invalid(value: unknown, message: string): TypeValidationError {
  return new TypeValidationError({ value, cause: new Error(`Invalid Chat Completions chunk: ${message}`) });
}

function isToolCallDelta(value: unknown): value is ToolCallDelta {
  if (!isJsonObject(value)) return false;
  const { index, id } = value;
  if (index != null && typeof index !== 'number') return false;
  if (id != null && typeof id !== 'string') return false;
  const fn = value.function;
  if (fn == null) return true;
  if (!isJsonObject(fn)) return false;
  return (fn.name == null || typeof fn.name === 'string') && (fn.arguments == null || typeof fn.arguments === 'string');
}
