/**
 * Reads a Gemini `generateContent` request into a {@link ConversationView}. The model and the stream flag
 * come from the URL; `functionResponse` parts become a `tool` message.
 */
import {
  type ConversationView,
  contentToText,
  type ViewMessage,
  type ViewToolCall,
  type ViewToolResult,
} from '../conversation/conversation-view.js';
import { asArray, asNumber, asRecord, asString, joinTexts } from '../util/json-access.js';
import type { RouteHints } from './chat-wire.js';

/** The view of a `generateContent` / `streamGenerateContent` request body. */
export function geminiView(body: unknown, hints: RouteHints): ConversationView {
  const request = asRecord(body);
  const messages: ViewMessage[] = [];
  for (const item of asArray(request.contents)) {
    const content = asRecord(item);
    const texts: string[] = [];
    const reasoning: string[] = [];
    const toolCalls: ViewToolCall[] = [];
    const toolResults: ViewToolResult[] = [];
    for (const partItem of asArray(content.parts)) {
      const part = asRecord(partItem);
      const call = asRecord(part.functionCall);
      const response = asRecord(part.functionResponse);
      if (typeof part.text === 'string') (part.thought === true ? reasoning : texts).push(part.text);
      else if (part.functionCall !== undefined) {
        toolCalls.push({ id: asString(call.id), name: asString(call.name) ?? '', arguments: call.args });
      } else if (part.functionResponse !== undefined) {
        toolResults.push({
          id: asString(response.id),
          name: asString(response.name),
          content: responseText(response.response),
          isError: false,
        });
      }
    }
    if (toolResults.length > 0) {
      const text = toolResults.map((result) => result.content).join('\n');
      messages.push({ role: 'tool', text, reasoning: undefined, toolCalls: [], toolResults });
    }
    if (content.role === 'model') {
      messages.push({
        role: 'assistant',
        text: texts.join(''),
        reasoning: joinTexts(reasoning),
        toolCalls,
        toolResults: [],
      });
    } else if (texts.length > 0 || toolResults.length === 0) {
      messages.push({ role: 'user', text: texts.join('\n'), reasoning: undefined, toolCalls: [], toolResults: [] });
    }
  }
  const config = asRecord(request.generationConfig);
  return {
    provider: 'gemini',
    model: hints.model ?? '',
    stream: hints.stream === true,
    system: joinTexts(asArray(asRecord(request.systemInstruction).parts).map((part) => asString(asRecord(part).text))),
    messages,
    tools: asArray(request.tools).flatMap((tool) =>
      asArray(asRecord(tool).functionDeclarations).map((item) => {
        const declaration = asRecord(item);
        return {
          name: asString(declaration.name) ?? '',
          description: asString(declaration.description),
          parameters: declaration.parameters ?? declaration.parametersJsonSchema,
        };
      }),
    ),
    maxTokens: asNumber(config.maxOutputTokens),
    temperature: asNumber(config.temperature),
    raw: body,
  };
}

/** The AI SDK wraps results as `{ name, content }`; show the content when that is the shape. */
function responseText(response: unknown): string {
  const record = asRecord(response);
  return 'content' in record ? contentToText(record.content) : contentToText(response);
}
