/**
 * Reading the fields a Chat Completions response and its stream chunks share — usage, finish reason, response
 * metadata, message content — the way `@ai-sdk/openai-compatible` 2.x reads them.
 */
import type { LanguageModelV3FinishReason, LanguageModelV3Usage, SharedV3ProviderMetadata } from '@ai-sdk/provider';
import { isJsonObject, type JsonObject } from '../../util/json-value.js';

/** `usage` of a response or chunk in the AI SDK's shape (`raw` keeps the wire object). */
export function chatUsage(usage: JsonObject | undefined): LanguageModelV3Usage {
  if (usage === undefined) {
    return {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
  }
  const promptTokens = numberOr(usage.prompt_tokens, 0);
  const completionTokens = numberOr(usage.completion_tokens, 0);
  const promptDetails = isJsonObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isJsonObject(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  const cacheRead = numberOr(promptDetails.cached_tokens, 0);
  const reasoning = numberOr(completionDetails.reasoning_tokens, 0);
  return {
    inputTokens: { total: promptTokens, noCache: promptTokens - cacheRead, cacheRead, cacheWrite: undefined },
    outputTokens: { total: completionTokens, text: Math.max(0, completionTokens - reasoning), reasoning },
    raw: usage as NonNullable<LanguageModelV3Usage['raw']>,
  };
}

/** Provider metadata of a finished response: `{ [key]: {} }`, plus accepted/rejected prediction tokens. */
export function chatProviderMetadata(key: string, usage: JsonObject | undefined): SharedV3ProviderMetadata {
  const details = isJsonObject(usage?.completion_tokens_details) ? usage.completion_tokens_details : {};
  const metadata: { [name: string]: number } = {};
  if (typeof details.accepted_prediction_tokens === 'number') {
    metadata.acceptedPredictionTokens = details.accepted_prediction_tokens;
  }
  if (typeof details.rejected_prediction_tokens === 'number') {
    metadata.rejectedPredictionTokens = details.rejected_prediction_tokens;
  }
  return { [key]: metadata };
}

/** The unified finish reason of a wire `finish_reason` (a refusal turns `stop` into `content-filter`). */
export function chatFinishReason(raw: string | undefined, hasRefusal: boolean): LanguageModelV3FinishReason {
  const unified = ((): LanguageModelV3FinishReason['unified'] => {
    switch (raw) {
      case 'stop':
        return hasRefusal ? 'content-filter' : 'stop';
      case 'length':
        return 'length';
      case 'content_filter':
        return 'content-filter';
      case 'function_call':
      case 'tool_calls':
        return 'tool-calls';
      default:
        return 'other';
    }
  })();
  return { unified, raw };
}

/** `id`, `model` and `created` as response metadata. */
export function chatResponseMetadata(value: JsonObject): { id?: string; modelId?: string; timestamp?: Date } {
  return {
    id: typeof value.id === 'string' ? value.id : undefined,
    modelId: typeof value.model === 'string' ? value.model : undefined,
    timestamp: typeof value.created === 'number' ? new Date(value.created * 1000) : undefined,
  } as { id?: string; modelId?: string; timestamp?: Date };
}

/** One piece of message content: text, or reasoning from a `thinking` content part (Mistral). */
export interface ContentPiece {
  readonly type: 'text' | 'reasoning';
  readonly text: string;
}

/** `content` (a string, or an array of typed parts) as text and reasoning pieces; empty texts are skipped. */
export function chatContentPieces(content: unknown): ContentPiece[] {
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [];
  const pieces: ContentPiece[] = [];
  for (const part of content) {
    if (!isJsonObject(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') {
      if (part.text.length > 0) pieces.push({ type: 'text', text: part.text });
    } else if (part.type === 'thinking' && Array.isArray(part.thinking)) {
      const text = part.thinking
        .filter(
          (chunk): chunk is JsonObject =>
            isJsonObject(chunk) && chunk.type === 'text' && typeof chunk.text === 'string',
        )
        .map((chunk) => chunk.text as string)
        .join('');
      if (text.length > 0) pieces.push({ type: 'reasoning', text });
    }
  }
  return pieces;
}

/** The first non-null of a message's or delta's `reasoning_content` / `reasoning` (gpt-oss servers use the latter). */
export function chatReasoning(message: JsonObject): string | undefined {
  const reasoning = message.reasoning_content ?? message.reasoning;
  return typeof reasoning === 'string' ? reasoning : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
