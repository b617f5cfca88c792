/**
 * Ollama on the wire (`POST /api/chat`): NDJSON lines when streaming (Ollama streams unless `stream: false`),
 * each with `model`, `created_at`, `message { role, content, thinking?, tool_calls? }` and `done`; the last
 * line carries `done_reason`, `prompt_eval_count` and `eval_count`. Tool calls arrive whole, with object
 * arguments. Errors are `{ "error": "…" }`.
 */
import { type ConversationView, parseJsonLenient, type ViewMessage } from '../conversation/conversation-view.js';
import { withToolResultNames } from '../conversation/tool-result-names.js';
import type { TurnPlan } from '../script/turn-plan.js';
import { asArray, asNumber, asRecord, asString, joinTexts } from '../util/json-access.js';
import type { ChatWire, WireChunk, WireContext } from './chat-wire.js';

/** The Ollama `/api/chat` wire. */
export const ollamaWire: ChatWire = {
  provider: 'ollama',
  toolCallIdPrefix: 'call_',
  streamContentType: 'application/x-ndjson',
  view: (body) => ollamaView(body),
  encodeStream,
  encodeJson,
  streamError: (message) => [`${JSON.stringify({ error: message })}\n`],
  errorResponse: (_status, message) => ({ body: { error: message } }),
};

function ollamaView(body: unknown): ConversationView {
  const request = asRecord(body);
  const system: (string | undefined)[] = [];
  const messages: ViewMessage[] = [];
  for (const item of asArray(request.messages)) {
    const message = asRecord(item);
    const text = asString(message.content) ?? '';
    if (message.role === 'system') system.push(text);
    else if (message.role === 'tool') {
      const name = asString(message.tool_name);
      const result = { id: asString(message.tool_call_id), name, content: text, isError: false };
      messages.push({ role: 'tool', text, reasoning: undefined, toolCalls: [], toolResults: [result] });
    } else if (message.role === 'assistant') {
      const toolCalls = asArray(message.tool_calls).map((call) => {
        const fn = asRecord(asRecord(call).function);
        const args = typeof fn.arguments === 'string' ? parseJsonLenient(fn.arguments) : fn.arguments;
        return { id: asString(asRecord(call).id), name: asString(fn.name) ?? '', arguments: args };
      });
      messages.push({ role: 'assistant', text, reasoning: asString(message.thinking), toolCalls, toolResults: [] });
    } else {
      messages.push({ role: 'user', text, reasoning: undefined, toolCalls: [], toolResults: [] });
    }
  }
  const options = asRecord(request.options);
  return {
    provider: 'ollama',
    model: asString(request.model) ?? '',
    stream: request.stream !== false,
    system: joinTexts(system),
    messages: withToolResultNames(messages),
    tools: asArray(request.tools).map((tool) => {
      const fn = asRecord(asRecord(tool).function);
      return { name: asString(fn.name) ?? '', description: asString(fn.description), parameters: fn.parameters };
    }),
    maxTokens: asNumber(options.num_predict),
    temperature: asNumber(options.temperature),
    raw: body,
  };
}

function encodeStream(plan: TurnPlan, context: WireContext): WireChunk[] {
  const createdAt = new Date(context.created * 1000).toISOString();
  const line = (message: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
    `${JSON.stringify({ model: context.model, created_at: createdAt, message: { role: 'assistant', content: '', ...message }, done: false, ...extra })}\n`;
  const chunks: WireChunk[] = [];
  for (const block of plan.blocks) {
    if (block.type === 'tool-call')
      chunks.push(line({ tool_calls: [toolCall(block.id, block.toolName, block.arguments)] }));
    else if (block.type === 'reasoning') for (const delta of block.deltas) chunks.push(line({ thinking: delta }));
    else for (const delta of block.deltas) chunks.push(line({ content: delta }));
  }
  chunks.push(line({}, { done: true, ...doneFields(plan) }));
  return chunks;
}

function encodeJson(plan: TurnPlan, context: WireContext): unknown {
  const text = plan.blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  const thinking = plan.blocks.flatMap((block) => (block.type === 'reasoning' ? [block.text] : [])).join('');
  const toolCalls = plan.blocks.flatMap((block) =>
    block.type === 'tool-call' ? [toolCall(block.id, block.toolName, block.arguments)] : [],
  );
  return {
    model: context.model,
    created_at: new Date(context.created * 1000).toISOString(),
    message: {
      role: 'assistant',
      content: text,
      ...(thinking === '' ? {} : { thinking }),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    },
    done: true,
    ...doneFields(plan),
  };
}

function toolCall(id: string, name: string, args: string): unknown {
  return { id, function: { name, arguments: parseJsonLenient(args) } };
}

function doneFields(plan: TurnPlan): Record<string, unknown> {
  return {
    done_reason: plan.finishReason === 'length' ? 'length' : 'stop',
    total_duration: 1_000_000,
    load_duration: 1_000,
    ...(plan.usage === undefined
      ? {}
      : {
          prompt_eval_count: plan.usage.inputTokens,
          prompt_eval_duration: 1_000,
          eval_count: plan.usage.outputTokens,
          eval_duration: 1_000,
        }),
  };
}
