/**
 * A model prompt (`LanguageModelV3Prompt`) as Chat Completions `messages`, exactly as `@ai-sdk/openai-compatible`
 * 2.x writes them (pinned by chat-completions-parity.test.ts, which sends the same calls through both clients).
 */
import {
  type LanguageModelV3FilePart,
  type LanguageModelV3Prompt,
  type LanguageModelV3ToolResultOutput,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import type { JsonObject } from '../../util/json-value.js';

/**
 * `prompt` as Chat Completions messages:
 * - system → `{ role: 'system', content }`; user → a plain string when it is one text part, else content parts
 *   (`image_url` with a URL or a data URL, `input_audio` for wav/mp3, `file` for PDF, text files as text);
 * - assistant → text and reasoning joined (`reasoning_content`), tool calls as `tool_calls` with the input as a
 *   JSON string, `content: null` when there are tool calls and no text;
 * - each tool result → `{ role: 'tool', tool_call_id, content }` (text as is, JSON stringified, a denied call's
 *   reason); approval responses are skipped.
 * A message's or part's `providerOptions.openaiCompatible` fields are spread into what it becomes.
 * @throws UnsupportedFunctionalityError for a file part the wire cannot carry (audio or PDF by URL, other types).
 */
export function toChatMessages(prompt: LanguageModelV3Prompt): JsonObject[] {
  const messages: JsonObject[] = [];
  for (const message of prompt) {
    const metadata = compatibleOptions(message.providerOptions);
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content, ...metadata });
        break;
      case 'user': {
        const [only] = message.content;
        if (message.content.length === 1 && only?.type === 'text') {
          messages.push({ role: 'user', content: only.text, ...compatibleOptions(only.providerOptions) });
          break;
        }
        const content = message.content.map((part) =>
          part.type === 'text'
            ? { type: 'text', text: part.text, ...compatibleOptions(part.providerOptions) }
            : { ...filePart(part), ...compatibleOptions(part.providerOptions) },
        );
        messages.push({ role: 'user', content, ...metadata });
        break;
      }
      case 'assistant': {
        let text = '';
        let reasoning = '';
        const toolCalls: JsonObject[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'reasoning') reasoning += part.text;
          else if (part.type === 'tool-call') {
            const thoughtSignature = part.providerOptions?.google?.thoughtSignature;
            toolCalls.push({
              id: part.toolCallId,
              type: 'function',
              function: { name: part.toolName, arguments: toolCallArguments(part.input) },
              ...compatibleOptions(part.providerOptions),
              ...(thoughtSignature
                ? { extra_content: { google: { thought_signature: String(thoughtSignature) } } }
                : {}),
            });
          }
        }
        messages.push({
          role: 'assistant',
          content: toolCalls.length > 0 ? text || null : text,
          ...(reasoning.length > 0 ? { reasoning_content: reasoning } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...metadata,
        });
        break;
      }
      case 'tool':
        for (const result of message.content) {
          if (result.type === 'tool-approval-response') continue;
          messages.push({
            role: 'tool',
            tool_call_id: result.toolCallId,
            content: toolResultContent(result.output),
            ...compatibleOptions(result.providerOptions),
          });
        }
        break;
    }
  }
  return messages;
}

function compatibleOptions(providerOptions: { readonly [key: string]: unknown } | undefined): JsonObject {
  const options = providerOptions?.openaiCompatible;
  return typeof options === 'object' && options !== null ? (options as JsonObject) : {};
}

function filePart(part: LanguageModelV3FilePart): JsonObject {
  const { mediaType, data } = part;
  if (mediaType.startsWith('image/')) {
    const type = mediaType === 'image/*' ? 'image/jpeg' : mediaType;
    return {
      type: 'image_url',
      image_url: { url: data instanceof URL ? data.toString() : `data:${type};base64,${base64Of(data)}` },
    };
  }
  if (mediaType.startsWith('audio/')) {
    if (data instanceof URL) throw new UnsupportedFunctionalityError({ functionality: 'audio file parts with URLs' });
    const format =
      mediaType === 'audio/wav' ? 'wav' : mediaType === 'audio/mp3' || mediaType === 'audio/mpeg' ? 'mp3' : null;
    if (format === null) throw new UnsupportedFunctionalityError({ functionality: `audio media type ${mediaType}` });
    return { type: 'input_audio', input_audio: { data: base64Of(data), format } };
  }
  if (mediaType === 'application/pdf') {
    if (data instanceof URL) throw new UnsupportedFunctionalityError({ functionality: 'PDF file parts with URLs' });
    return {
      type: 'file',
      file: { filename: part.filename ?? 'document.pdf', file_data: `data:application/pdf;base64,${base64Of(data)}` },
    };
  }
  if (mediaType.startsWith('text/')) {
    const text =
      data instanceof URL
        ? data.toString()
        : typeof data === 'string'
          ? Buffer.from(data, 'base64').toString('utf8')
          : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    return { type: 'text', text };
  }
  throw new UnsupportedFunctionalityError({ functionality: `file part media type ${mediaType}` });
}

/** Base64 of file data: a string is already base64 (the prompt's convention). */
function base64Of(data: string | Uint8Array): string {
  return typeof data === 'string'
    ? data
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/** A tool call's input as the `arguments` string: a string that is JSON stays as it is. */
function toolCallArguments(input: unknown): string {
  if (typeof input === 'string') {
    try {
      JSON.parse(input);
      return input;
    } catch {
      return JSON.stringify(input);
    }
  }
  return stringify(input);
}

function toolResultContent(output: LanguageModelV3ToolResultOutput): string {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'execution-denied':
      return output.reason ?? 'Tool call execution denied.';
    case 'content':
    case 'json':
    case 'error-json':
      return stringify(output.value);
  }
}

/** `JSON.stringify` that writes bigints as strings (as the AI SDK's `stringifyWithBigIntAndCycles`). */
function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
}
