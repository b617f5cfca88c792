/**
 * Reads a Bedrock `Converse` / `ConverseStream` request into a {@link ConversationView}. The model id and the
 * stream flag come from the URL; `toolResult` blocks become a `tool` message.
 */
import {
  type ConversationView,
  contentToText,
  type ViewMessage,
  type ViewToolCall,
  type ViewToolResult,
} from '../conversation/conversation-view.js';
import { withToolResultNames } from '../conversation/tool-result-names.js';
import { asArray, asNumber, asRecord, asString, joinTexts } from '../util/json-access.js';
import type { RouteHints } from './chat-wire.js';

/** The view of a Converse request body. */
export function bedrockView(body: unknown, hints: RouteHints): ConversationView {
  const request = asRecord(body);
  const messages: ViewMessage[] = [];
  for (const item of asArray(request.messages)) {
    const message = asRecord(item);
    const texts: string[] = [];
    const reasoning: string[] = [];
    const toolCalls: ViewToolCall[] = [];
    const toolResults: ViewToolResult[] = [];
    for (const blockItem of asArray(message.content)) {
      const block = asRecord(blockItem);
      const toolUse = asRecord(block.toolUse);
      const toolResult = asRecord(block.toolResult);
      if (typeof block.text === 'string') texts.push(block.text);
      else if (block.reasoningContent !== undefined) {
        const text = asString(asRecord(asRecord(block.reasoningContent).reasoningText).text);
        if (text !== undefined) reasoning.push(text);
      } else if (block.toolUse !== undefined) {
        toolCalls.push({
          id: asString(toolUse.toolUseId),
          name: asString(toolUse.name) ?? '',
          arguments: toolUse.input,
        });
      } else if (block.toolResult !== undefined) {
        toolResults.push({
          id: asString(toolResult.toolUseId),
          name: undefined,
          content: asArray(toolResult.content)
            .map((entry) => {
              const record = asRecord(entry);
              return typeof record.text === 'string' ? record.text : contentToText(record.json ?? record);
            })
            .join('\n'),
          isError: toolResult.status === 'error',
        });
      }
    }
    if (toolResults.length > 0) {
      const text = toolResults.map((result) => result.content).join('\n');
      messages.push({ role: 'tool', text, reasoning: undefined, toolCalls: [], toolResults });
    }
    if (message.role === 'assistant') {
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
  const inference = asRecord(request.inferenceConfig);
  return {
    provider: 'bedrock',
    model: hints.model ?? '',
    stream: hints.stream === true,
    system: joinTexts(asArray(request.system).map((block) => asString(asRecord(block).text))),
    messages: withToolResultNames(messages),
    tools: asArray(asRecord(request.toolConfig).tools).flatMap((item) => {
      const spec = asRecord(item).toolSpec;
      if (spec === undefined) return [];
      const toolSpec = asRecord(spec);
      return [
        {
          name: asString(toolSpec.name) ?? '',
          description: asString(toolSpec.description),
          parameters: asRecord(toolSpec.inputSchema).json,
        },
      ];
    }),
    maxTokens: asNumber(inference.maxTokens),
    temperature: asNumber(inference.temperature),
    raw: body,
  };
}
