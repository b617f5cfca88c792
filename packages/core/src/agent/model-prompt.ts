/**
 * The provider-level prompt (`LanguageModelV3Prompt`) of one LLM call, built from the loop's system prompt and
 * transcript (AI SDK `ModelMessage`s) the way `streamText` builds it, so calling the model's `doStream` directly
 * sends the provider exactly what `streamText` would.
 */
import {
  AISDKError,
  InvalidPromptError,
  type JSONObject,
  type JSONValue,
  type LanguageModelV3DataContent,
  type LanguageModelV3Message,
  type LanguageModelV3Prompt,
  type LanguageModelV3ToolResultOutput,
  type SharedV3ProviderOptions,
} from '@ai-sdk/provider';
import type { AssistantModelMessage, DataContent, ModelMessage, ToolResultPart, UserModelMessage } from 'ai';
import { detectImageMediaType } from './image-media-type.js';

type UserPart = Extract<LanguageModelV3Message, { role: 'user' }>['content'][number];
type AssistantPart = Extract<LanguageModelV3Message, { role: 'assistant' }>['content'][number];
type ToolPart = Extract<LanguageModelV3Message, { role: 'tool' }>['content'][number];
type FilePart = Extract<UserPart, { type: 'file' }>;
type ToolContentItem = Extract<LanguageModelV3ToolResultOutput, { type: 'content' }>['value'][number];

/**
 * Converts `system` + `messages` as `streamText` does (`convertToLanguageModelPrompt`):
 *
 * - `system` becomes the first message; string contents become one text part; empty user text parts and empty
 *   assistant text parts without provider options are dropped; every part keeps its `providerOptions`
 *   (reasoning signatures must round-trip);
 * - consecutive tool messages are merged into one; tool-approval parts that were not provider-executed are
 *   dropped, and so is a tool message left empty by that;
 * - images and files become `file` parts (`data:` URLs are split into base64 data and media type; an image's
 *   media type is the one its bytes show, else the declared one, else `image/*`). Unlike `streamText`, URLs are passed on as URLs and never downloaded:
 *   the loop's prompts carry no URLs.
 *
 * @throws InvalidPromptError (an `AISDKError`) when `messages` is empty; `AI_MissingToolResultsError` when a tool
 *   call has no result before the next user or system message or at the end (the errors and messages
 *   `streamText` reports, so they are mapped the same way); `InvalidDataContentError` for a malformed `data:` URL.
 */
export function toLanguageModelPrompt(system: string, messages: readonly ModelMessage[]): LanguageModelV3Prompt {
  if (messages.length === 0) {
    throw new InvalidPromptError({ prompt: messages, message: 'messages must not be empty' });
  }
  const prompt: LanguageModelV3Prompt = [{ role: 'system', content: system }];
  for (const message of messages) {
    const converted = convertMessage(message);
    const last = prompt.at(-1);
    if (converted.role === 'tool' && last?.role === 'tool') {
      // Merged as the SDK merges them: the earlier message's options move onto its last part.
      const lastPart = last.content.at(-1);
      if (lastPart !== undefined && last.providerOptions !== undefined) {
        lastPart.providerOptions = mergeOptions(last.providerOptions, lastPart.providerOptions);
      }
      last.content.push(...converted.content);
      setProviderOptions(last, converted.providerOptions);
    } else {
      prompt.push(converted);
    }
  }
  assertToolResults(prompt);
  return prompt.filter((message) => message.role !== 'tool' || message.content.length > 0);
}

function convertMessage(message: ModelMessage): LanguageModelV3Message {
  switch (message.role) {
    case 'system':
      return withOptions({ role: 'system', content: message.content }, message.providerOptions);
    case 'user':
      return withOptions({ role: 'user', content: userContent(message.content) }, message.providerOptions);
    case 'assistant':
      return withOptions({ role: 'assistant', content: assistantContent(message.content) }, message.providerOptions);
    case 'tool': {
      const content: ToolPart[] = [];
      for (const part of message.content) {
        if (part.type === 'tool-result') {
          content.push(toolResultPart(part));
        } else if (part.providerExecuted === true) {
          const reason = part.reason === undefined ? {} : { reason: part.reason };
          content.push({
            type: 'tool-approval-response',
            approvalId: part.approvalId,
            approved: part.approved,
            ...reason,
          });
        }
      }
      return withOptions({ role: 'tool', content }, message.providerOptions);
    }
  }
}

function userContent(content: UserModelMessage['content']): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: UserPart[] = [];
  for (const part of content) {
    if (part.type === 'text') {
      if (part.text !== '') parts.push(withOptions({ type: 'text', text: part.text }, part.providerOptions));
    } else if (part.type === 'image') {
      parts.push(imagePart(part.image, part.mediaType, part.providerOptions));
    } else {
      parts.push(filePart(part.data, part.mediaType, part.mediaType, part.filename, part.providerOptions));
    }
  }
  return parts;
}

function assistantContent(content: AssistantModelMessage['content']): AssistantPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: AssistantPart[] = [];
  for (const part of content) {
    switch (part.type) {
      case 'text':
        if (part.text !== '' || part.providerOptions !== undefined) {
          parts.push(withOptions({ type: 'text', text: part.text }, part.providerOptions));
        }
        break;
      case 'reasoning':
        parts.push(withOptions({ type: 'reasoning', text: part.text }, part.providerOptions));
        break;
      case 'file':
        parts.push(filePart(part.data, part.mediaType, part.mediaType, part.filename, part.providerOptions));
        break;
      case 'tool-call': {
        const executed = part.providerExecuted === undefined ? {} : { providerExecuted: part.providerExecuted };
        parts.push(
          withOptions(
            { type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, ...executed },
            part.providerOptions,
          ),
        );
        break;
      }
      case 'tool-result':
        parts.push(toolResultPart(part));
        break;
      default:
        // Tool-approval requests are not sent to the provider.
        break;
    }
  }
  return parts;
}

function toolResultPart(part: ToolResultPart): Extract<ToolPart, { type: 'tool-result' }> {
  const { toolCallId, toolName, output, providerOptions } = part;
  return withOptions({ type: 'tool-result', toolCallId, toolName, output: toolOutput(output) }, providerOptions);
}

/** Tool outputs are the provider's shape already, except the deprecated `media` content items. */
function toolOutput(output: ToolResultPart['output']): LanguageModelV3ToolResultOutput {
  if (output.type !== 'content') return output;
  const value: ToolContentItem[] = [];
  for (const item of output.value) {
    if (item.type !== 'media') value.push(item);
    else if (item.mediaType.startsWith('image/'))
      value.push({ type: 'image-data', data: item.data, mediaType: item.mediaType });
    else value.push({ type: 'file-data', data: item.data, mediaType: item.mediaType });
  }
  return { ...output, value };
}

/** As the SDK: the media type detected from the image's bytes wins over the declared one; `image/*` if neither. */
function imagePart(
  image: DataContent | URL,
  mediaType: string | undefined,
  providerOptions: SharedV3ProviderOptions | undefined,
): FilePart {
  const part = filePart(image, mediaType, 'image/*', undefined, providerOptions);
  const detected = part.data instanceof URL ? undefined : detectImageMediaType(part.data);
  return detected === undefined ? part : { ...part, mediaType: detected };
}

function filePart(
  data: DataContent | URL,
  mediaType: string | undefined,
  fallbackMediaType: string,
  filename: string | undefined,
  providerOptions: SharedV3ProviderOptions | undefined,
): FilePart {
  const content = toDataContent(data);
  const part: FilePart = {
    type: 'file',
    data: content.data,
    mediaType: content.mediaType ?? mediaType ?? fallbackMediaType,
    ...(filename === undefined ? {} : { filename }),
  };
  return withOptions(part, providerOptions);
}

/** `convertToLanguageModelV3DataContent` of the SDK: bytes stay bytes, URL strings become URLs, `data:` URLs base64. */
function toDataContent(content: DataContent | URL): { data: LanguageModelV3DataContent; mediaType?: string } {
  if (content instanceof Uint8Array) return { data: content };
  if (content instanceof ArrayBuffer) return { data: new Uint8Array(content) };
  let data: string | URL = content;
  if (typeof data === 'string' && URL.canParse(data)) data = new URL(data);
  if (data instanceof URL && data.protocol === 'data:') {
    const [header = '', base64] = data.toString().split(',');
    const mediaType = header.split(';')[0]?.split(':')[1];
    if (mediaType === undefined || base64 === undefined) {
      throw new AISDKError({
        name: 'InvalidDataContentError',
        message: `Invalid data URL format in content ${data.toString()}`,
      });
    }
    return { data: base64, mediaType };
  }
  return { data };
}

function assertToolResults(prompt: LanguageModelV3Prompt): void {
  const open = new Set<string>();
  for (const message of prompt) {
    if (message.role === 'assistant') {
      for (const part of message.content) {
        if (part.type === 'tool-call' && part.providerExecuted !== true) open.add(part.toolCallId);
      }
    } else if (message.role === 'tool') {
      for (const part of message.content) if (part.type === 'tool-result') open.delete(part.toolCallId);
    } else if (open.size > 0) {
      throw missingToolResults(open);
    }
  }
  if (open.size > 0) throw missingToolResults(open);
}

function missingToolResults(ids: ReadonlySet<string>): AISDKError {
  const plural = ids.size > 1;
  return new AISDKError({
    name: 'AI_MissingToolResultsError',
    message: `Tool result${plural ? 's are' : ' is'} missing for tool call${plural ? 's' : ''} ${[...ids].join(', ')}.`,
  });
}

/** `value` with `providerOptions` when they are set (the SDK sends the key as `undefined` otherwise). */
function withOptions<T extends object>(
  value: T,
  providerOptions: SharedV3ProviderOptions | undefined,
): T & { providerOptions?: SharedV3ProviderOptions } {
  return providerOptions === undefined ? value : { ...value, providerOptions };
}

function setProviderOptions(
  message: LanguageModelV3Message,
  providerOptions: SharedV3ProviderOptions | undefined,
): void {
  if (providerOptions === undefined) delete message.providerOptions;
  else message.providerOptions = providerOptions;
}

/** Deep merge of provider options (`overrides` wins), as the SDK's `mergeObjects`. */
function mergeOptions(
  base: SharedV3ProviderOptions,
  overrides: SharedV3ProviderOptions | undefined,
): SharedV3ProviderOptions {
  if (overrides === undefined) return base;
  const merged: SharedV3ProviderOptions = { ...base };
  for (const [provider, options] of Object.entries(overrides)) {
    if (isUnsafeKey(provider)) continue;
    const current = merged[provider];
    merged[provider] = current === undefined ? options : mergeJson(current, options);
  }
  return merged;
}

function mergeJson(base: JSONObject, overrides: JSONObject): JSONObject {
  const merged: JSONObject = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined || isUnsafeKey(key)) continue;
    const current = merged[key];
    merged[key] = isObject(value) && isObject(current) ? mergeJson(current, value) : value;
  }
  return merged;
}

function isObject(value: JSONValue | undefined): value is JSONObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
