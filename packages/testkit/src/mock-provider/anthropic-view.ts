/**
 * Reads an Anthropic Messages request into a {@link ConversationView}. `tool_result` blocks (which Anthropic
 * carries in user messages) become a `tool` message placed before any user text of the same message.
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

/** The view of a Messages API request body. */
export function anthropicView(body: unknown): ConversationView {
  const request = asRecord(body);
  const messages: ViewMessage[] = [];
  for (const item of asArray(request.messages)) {
    const message = asRecord(item);
    const blocks =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : asArray(message.content);
    const texts: string[] = [];
    const reasoning: string[] = [];
    const toolCalls: ViewToolCall[] = [];
    const toolResults: ViewToolResult[] = [];
    for (const blockItem of blocks) {
      const block = asRecord(blockItem);
      if (block.type === 'text') texts.push(asString(block.text) ?? '');
      else if (block.type === 'thinking') reasoning.push(asString(block.thinking) ?? '');
      else if (block.type === 'tool_use') {
        toolCalls.push({ id: asString(block.id), name: asString(block.name) ?? '', arguments: block.input });
      } else if (block.type === 'tool_result') {
        toolResults.push({
          id: asString(block.tool_use_id),
          name: undefined,
          content: resultText(block.content),
          isError: block.is_error === true,
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
  return {
    provider: 'anthropic',
    model: asString(request.model) ?? '',
    stream: request.stream === true,
    system: systemText(request.system),
    messages: withToolResultNames(messages),
    tools: asArray(request.tools).map((item) => {
      const tool = asRecord(item);
      return {
        name: asString(tool.name) ?? '',
        description: asString(tool.description),
        parameters: tool.input_schema,
      };
    }),
    maxTokens: asNumber(request.max_tokens),
    temperature: asNumber(request.temperature),
    raw: body,
  };
}

function systemText(system: unknown): string | undefined {
  if (typeof system === 'string') return system === '' ? undefined : system;
  return joinTexts(asArray(system).map((block) => asString(asRecord(block).text)));
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content == null ? '' : contentToText(content);
  return content
    .map((block) => asRecord(block))
    .map((block) => (block.type === 'text' ? (asString(block.text) ?? '') : contentToText(block)))
    .join('\n');
}
