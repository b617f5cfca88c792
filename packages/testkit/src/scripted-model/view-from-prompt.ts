/**
 * Normalises the AI SDK call options the scripted model receives into a {@link ConversationView}, so rules
 * and prompt assertions work in process exactly as they do against the mock provider server.
 */
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Message,
  LanguageModelV3ToolResultOutput,
} from '@ai-sdk/provider';
import {
  type ConversationView,
  contentToText,
  type ViewMessage,
  type ViewToolCall,
  type ViewToolResult,
} from '../conversation/conversation-view.js';
import { joinTexts } from '../util/json-access.js';

/** The view of one in-process call (`provider: 'scripted'`); `raw` is `options` itself. */
export function viewFromCallOptions(
  options: Omit<LanguageModelV3CallOptions, 'abortSignal'>,
  context: { readonly modelId: string; readonly stream: boolean },
): ConversationView {
  const system: string[] = [];
  const messages: ViewMessage[] = [];
  for (const message of options.prompt) {
    if (message.role === 'system') system.push(message.content);
    else messages.push(toViewMessage(message));
  }
  return {
    provider: 'scripted',
    model: context.modelId,
    stream: context.stream,
    system: joinTexts(system),
    messages,
    tools: (options.tools ?? []).map((tool) =>
      tool.type === 'function'
        ? { name: tool.name, description: tool.description, parameters: tool.inputSchema }
        : { name: tool.name, description: undefined, parameters: tool.args },
    ),
    maxTokens: options.maxOutputTokens,
    temperature: options.temperature,
    raw: options,
  };
}

function toViewMessage(message: Exclude<LanguageModelV3Message, { role: 'system' }>): ViewMessage {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ViewToolCall[] = [];
  const toolResults: ViewToolResult[] = [];
  for (const part of message.content) {
    if (part.type === 'text') texts.push(part.text);
    else if (part.type === 'reasoning') reasoning.push(part.text);
    else if (part.type === 'tool-call')
      toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
    else if (part.type === 'tool-result') {
      const { content, isError } = flattenOutput(part.output);
      toolResults.push({ id: part.toolCallId, name: part.toolName, content, isError });
    }
  }
  const role = message.role === 'tool' ? 'tool' : message.role;
  return {
    role,
    text: role === 'tool' ? toolResults.map((result) => result.content).join('\n') : texts.join('\n'),
    reasoning: joinTexts(reasoning),
    toolCalls,
    toolResults,
  };
}

function flattenOutput(output: LanguageModelV3ToolResultOutput): { content: string; isError: boolean } {
  switch (output.type) {
    case 'text':
      return { content: output.value, isError: false };
    case 'json':
      return { content: contentToText(output.value), isError: false };
    case 'error-text':
      return { content: output.value, isError: true };
    case 'error-json':
      return { content: contentToText(output.value), isError: true };
    case 'execution-denied':
      return { content: output.reason ?? 'execution denied', isError: true };
    case 'content':
      return {
        content: output.value.map((item) => (item.type === 'text' ? item.text : `[${item.type}]`)).join('\n'),
        isError: false,
      };
  }
}
