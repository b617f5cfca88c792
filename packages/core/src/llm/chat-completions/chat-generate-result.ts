/**
 * A non-streamed Chat Completions response (`chat.completion`) as a `doGenerate` result's content, finish reason
 * and usage — as `@ai-sdk/openai-compatible` 2.x reads it.
 */

import { randomUUID } from 'node:crypto';
import {
  InvalidResponseDataError,
  type LanguageModelV3Content,
  type LanguageModelV3FinishReason,
  type LanguageModelV3Usage,
  type SharedV3ProviderMetadata,
  TypeValidationError,
} from '@ai-sdk/provider';
import { isJsonObject, type JsonObject } from '../../util/json-value.js';
import {
  chatContentPieces,
  chatFinishReason,
  chatProviderMetadata,
  chatReasoning,
  chatUsage,
} from './chat-response-fields.js';

/** What {@link chatGenerateResult} reads from a response. */
export interface ChatGenerateResult {
  readonly content: LanguageModelV3Content[];
  readonly finishReason: LanguageModelV3FinishReason;
  readonly usage: LanguageModelV3Usage;
  readonly providerMetadata: SharedV3ProviderMetadata;
}

/**
 * Reasoning (`reasoning_content` / `reasoning`), text and `thinking` content parts, a refusal as text, then tool
 * calls (input as the wire's arguments string; a missing id is generated).
 * @throws TypeValidationError when the response is not a Chat Completion object.
 * @throws InvalidResponseDataError when it has no choices.
 */
export function chatGenerateResult(response: unknown, metadataKey: string): ChatGenerateResult {
  if (!isJsonObject(response) || !Array.isArray(response.choices)) {
    throw new TypeValidationError({
      value: response,
      cause: new Error('Invalid Chat Completions response: `choices` must be an array'),
    });
  }
  const choice: unknown = response.choices[0];
  if (choice == null) {
    throw new InvalidResponseDataError({ data: response, message: 'Response did not contain any choices.' });
  }
  const message = isJsonObject(choice) && isJsonObject(choice.message) ? choice.message : undefined;
  if (message === undefined) {
    throw new TypeValidationError({
      value: response,
      cause: new Error('Invalid Chat Completions response: `choices[0].message` must be an object'),
    });
  }
  const usage = isJsonObject(response.usage) ? response.usage : undefined;
  const content: LanguageModelV3Content[] = [];
  const reasoning = chatReasoning(message);
  if (reasoning !== undefined && reasoning.length > 0) content.push({ type: 'reasoning', text: reasoning });
  for (const piece of chatContentPieces(message.content)) content.push({ type: piece.type, text: piece.text });
  const refusal = typeof message.refusal === 'string' && message.refusal.length > 0 ? message.refusal : undefined;
  if (refusal !== undefined) content.push({ type: 'text', text: refusal });
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) content.push(toolCall(call, metadataKey, response));
  }
  const rawFinish = isJsonObject(choice) && typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
  return {
    content,
    finishReason: chatFinishReason(rawFinish, refusal !== undefined),
    usage: chatUsage(usage),
    providerMetadata: chatProviderMetadata(metadataKey, usage),
  };
}

function toolCall(call: unknown, metadataKey: string, response: JsonObject): LanguageModelV3Content {
  const fn = isJsonObject(call) && isJsonObject(call.function) ? call.function : undefined;
  if (fn === undefined || typeof fn.name !== 'string' || typeof fn.arguments !== 'string') {
    throw new TypeValidationError({
      value: response,
      cause: new Error('Invalid Chat Completions response: a tool call needs `function.name` and `function.arguments`'),
    });
  }
  const callRecord = call as JsonObject;
  const google = isJsonObject(callRecord.extra_content) ? callRecord.extra_content.google : undefined;
  const thoughtSignature = isJsonObject(google) ? google.thought_signature : undefined;
  return {
    type: 'tool-call',
    toolCallId:
      typeof callRecord.id === 'string' ? callRecord.id : `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    toolName: fn.name,
    input: fn.arguments,
    ...(typeof thoughtSignature === 'string' && thoughtSignature !== ''
      ? { providerMetadata: { [metadataKey]: { thoughtSignature } } }
      : {}),
  };
}
