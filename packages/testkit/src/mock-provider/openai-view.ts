/**
 * Reads an OpenAI Chat Completions request (also sent by OpenRouter and every OpenAI-compatible client)
 * into a {@link ConversationView}.
 */
import {
  type ConversationView,
  contentToText,
  type ProviderName,
  parseJsonLenient,
  type ViewMessage,
} from '../conversation/conversation-view.js';
import { withToolResultNames } from '../conversation/tool-result-names.js';
import { asArray, asNumber, asRecord, asString, joinTexts } from '../util/json-access.js';

/** The view of a Chat Completions request body. */
export function openAIView(body: unknown, provider: ProviderName): ConversationView {
  const request = asRecord(body);
  const system: (string | undefined)[] = [];
  const messages: ViewMessage[] = [];
  for (const item of asArray(request.messages)) {
    const message = asRecord(item);
    const role = asString(message.role);
    const text = contentText(message.content);
    if (role === 'system' || role === 'developer') {
      system.push(text);
    } else if (role === 'tool') {
      const id = asString(message.tool_call_id);
      const name = asString(message.name);
      messages.push({
        role: 'tool',
        text,
        reasoning: undefined,
        toolCalls: [],
        toolResults: [{ id, name, content: text, isError: false }],
      });
    } else if (role === 'assistant') {
      messages.push({
        role: 'assistant',
        text,
        reasoning: asString(message.reasoning_content) ?? asString(message.reasoning),
        toolCalls: asArray(message.tool_calls).map((call) => {
          const fn = asRecord(asRecord(call).function);
          return {
            id: asString(asRecord(call).id),
            name: asString(fn.name) ?? '',
            arguments: parseJsonLenient(asString(fn.arguments) ?? ''),
          };
        }),
        toolResults: [],
      });
    } else {
      messages.push({ role: 'user', text, reasoning: undefined, toolCalls: [], toolResults: [] });
    }
  }
  return {
    provider,
    model: asString(request.model) ?? '',
    stream: request.stream === true,
    system: joinTexts(system),
    messages: withToolResultNames(messages),
    tools: asArray(request.tools).map((tool) => {
      const fn = asRecord(asRecord(tool).function);
      return { name: asString(fn.name) ?? '', description: asString(fn.description), parameters: fn.parameters };
    }),
    maxTokens: asNumber(request.max_completion_tokens) ?? asNumber(request.max_tokens),
    temperature: asNumber(request.temperature),
    raw: body,
  };
}

/** Message content: a string, or an array of parts of which the text parts count. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content == null ? '' : contentToText(content);
  return content
    .map((part) => asRecord(part))
    .filter((part) => part.type === 'text')
    .map((part) => asString(part.text) ?? '')
    .join('\n');
}
