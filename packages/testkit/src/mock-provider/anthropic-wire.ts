/**
 * Anthropic Messages on the wire (`POST /v1/messages`): named SSE events (`message_start`,
 * `content_block_start/delta/stop` with `text_delta`, `thinking_delta` + `signature_delta`, `input_json_delta`,
 * `message_delta` with `stop_reason` and usage, `message_stop`), or a `message` object.
 * Anthropic's `input_tokens` excludes cache reads and writes, which travel as their own fields.
 */
import { parseJsonLenient } from '../conversation/conversation-view.js';
import type { TurnFinishReason } from '../script/model-turn.js';
import type { PlannedBlock, ResolvedUsage, TurnPlan } from '../script/turn-plan.js';
import { anthropicView } from './anthropic-view.js';
import { type ChatWire, sseEvent, type WireChunk, type WireContext } from './chat-wire.js';

/** The Anthropic Messages wire. Usage is always sent (the client requires it): zeros when a turn omits it. */
export const anthropicWire: ChatWire = {
  provider: 'anthropic',
  toolCallIdPrefix: 'toolu_mock_',
  streamContentType: 'text/event-stream; charset=utf-8',
  view: (body) => anthropicView(body),
  encodeStream,
  encodeJson,
  streamError: (message, errorType) => [sseEvent({ type: 'error', error: { type: errorType, message } }, 'error')],
  errorResponse: (status, message) => ({
    body: { type: 'error', error: { type: anthropicErrorType(status), message } },
  }),
};

const ZERO: ResolvedUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};

function encodeStream(plan: TurnPlan, context: WireContext): WireChunk[] {
  const usage = plan.usage ?? ZERO;
  const event = (type: string, data: Record<string, unknown>): string => sseEvent({ type, ...data }, type);
  const chunks: WireChunk[] = [
    event('message_start', {
      message: {
        id: context.responseId,
        type: 'message',
        role: 'assistant',
        model: context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...inputUsage(usage), output_tokens: 1 },
      },
    }),
  ];
  for (const [index, block] of plan.blocks.entries()) {
    chunks.push(event('content_block_start', { index, content_block: startBlock(block) }));
    for (const delta of block.deltas) {
      chunks.push(event('content_block_delta', { index, delta: blockDelta(block, delta) }));
    }
    if (block.type === 'reasoning' && block.signature !== undefined) {
      chunks.push(
        event('content_block_delta', { index, delta: { type: 'signature_delta', signature: block.signature } }),
      );
    }
    chunks.push(event('content_block_stop', { index }));
  }
  chunks.push(
    event('message_delta', {
      delta: { stop_reason: anthropicStopReason(plan.finishReason), stop_sequence: null },
      usage: { ...inputUsage(usage), ...outputUsage(usage) },
    }),
    event('message_stop', {}),
  );
  return chunks;
}

function startBlock(block: PlannedBlock): Record<string, unknown> {
  if (block.type === 'text') return { type: 'text', text: '' };
  if (block.type === 'reasoning') return { type: 'thinking', thinking: '', signature: '' };
  return { type: 'tool_use', id: block.id, name: block.toolName, input: {} };
}

function blockDelta(block: PlannedBlock, delta: string): Record<string, unknown> {
  if (block.type === 'text') return { type: 'text_delta', text: delta };
  if (block.type === 'reasoning') return { type: 'thinking_delta', thinking: delta };
  return { type: 'input_json_delta', partial_json: delta };
}

function encodeJson(plan: TurnPlan, context: WireContext): unknown {
  const usage = plan.usage ?? ZERO;
  return {
    id: context.responseId,
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: plan.blocks.map((block) => {
      if (block.type === 'text') return { type: 'text', text: block.text };
      if (block.type === 'reasoning')
        return { type: 'thinking', thinking: block.text, signature: block.signature ?? '' };
      return { type: 'tool_use', id: block.id, name: block.toolName, input: parseJsonLenient(block.arguments) };
    }),
    stop_reason: anthropicStopReason(plan.finishReason),
    stop_sequence: null,
    usage: { ...inputUsage(usage), ...outputUsage(usage) },
  };
}

function inputUsage(usage: ResolvedUsage): Record<string, number> {
  return {
    input_tokens: Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens),
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
  };
}

function outputUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    output_tokens: usage.outputTokens,
    ...(usage.reasoningTokens > 0 ? { output_tokens_details: { thinking_tokens: usage.reasoningTokens } } : {}),
  };
}

function anthropicStopReason(reason: TurnFinishReason): string {
  switch (reason) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    default:
      return 'pause_turn';
  }
}

function anthropicErrorType(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  };
  return types[status] ?? (status === 503 ? 'overloaded_error' : 'api_error');
}
