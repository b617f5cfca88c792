/**
 * Bedrock Converse on the wire: `POST /model/{modelId}/converse-stream` answers binary AWS event-stream
 * frames (`messageStart`, `contentBlockStart` for tool use, `contentBlockDelta` with `text`,
 * `reasoningContent` or `toolUse.input`, `contentBlockStop`, `messageStop`, `metadata` with usage);
 * `POST /model/{modelId}/converse` answers JSON. Bedrock's `inputTokens` excludes cache reads and writes.
 */
import { parseJsonLenient } from '../conversation/conversation-view.js';
import type { TurnFinishReason } from '../script/model-turn.js';
import type { ResolvedUsage, TurnPlan } from '../script/turn-plan.js';
import { eventMessage, exceptionMessage } from './bedrock-event-stream.js';
import { bedrockView } from './bedrock-view.js';
import type { ChatWire, WireChunk } from './chat-wire.js';

/** The Bedrock Converse wire. JSON answers always carry usage (zeros when a turn omits it). */
export const bedrockWire: ChatWire = {
  provider: 'bedrock',
  toolCallIdPrefix: 'tooluse_mock_',
  streamContentType: 'application/vnd.amazon.eventstream',
  view: bedrockView,
  encodeStream,
  encodeJson,
  streamError: (message, errorType) => [exceptionMessage(bedrockExceptionType(errorType), message)],
  errorResponse: (status, message) => ({
    body: { message },
    headers: { 'x-amzn-errortype': `${bedrockErrorType(status)}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
  }),
};

const ZERO: ResolvedUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};

function encodeStream(plan: TurnPlan): WireChunk[] {
  const chunks: WireChunk[] = [eventMessage('messageStart', { role: 'assistant' })];
  for (const [contentBlockIndex, block] of plan.blocks.entries()) {
    if (block.type === 'tool-call') {
      chunks.push(
        eventMessage('contentBlockStart', {
          contentBlockIndex,
          start: { toolUse: { toolUseId: block.id, name: block.toolName } },
        }),
      );
    }
    for (const delta of block.deltas) {
      const payload =
        block.type === 'text'
          ? { text: delta }
          : block.type === 'reasoning'
            ? { reasoningContent: { text: delta } }
            : { toolUse: { input: delta } };
      chunks.push(eventMessage('contentBlockDelta', { contentBlockIndex, delta: payload }));
    }
    if (block.type === 'reasoning' && block.signature !== undefined) {
      chunks.push(
        eventMessage('contentBlockDelta', {
          contentBlockIndex,
          delta: { reasoningContent: { signature: block.signature } },
        }),
      );
    }
    chunks.push(eventMessage('contentBlockStop', { contentBlockIndex }));
  }
  chunks.push(eventMessage('messageStop', { stopReason: bedrockStopReason(plan.finishReason) }));
  chunks.push(
    eventMessage('metadata', {
      ...(plan.usage === undefined ? {} : { usage: bedrockUsage(plan.usage) }),
      metrics: { latencyMs: 1 },
    }),
  );
  return chunks;
}

function encodeJson(plan: TurnPlan): unknown {
  return {
    output: {
      message: {
        role: 'assistant',
        content: plan.blocks.map((block) => {
          if (block.type === 'text') return { text: block.text };
          if (block.type === 'reasoning') {
            const signature = block.signature === undefined ? {} : { signature: block.signature };
            return { reasoningContent: { reasoningText: { text: block.text, ...signature } } };
          }
          return { toolUse: { toolUseId: block.id, name: block.toolName, input: parseJsonLenient(block.arguments) } };
        }),
      },
    },
    stopReason: bedrockStopReason(plan.finishReason),
    usage: bedrockUsage(plan.usage ?? ZERO),
    metrics: { latencyMs: 1 },
  };
}

function bedrockUsage(usage: ResolvedUsage): Record<string, number> {
  const inputTokens = Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens);
  return {
    inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.inputTokens + usage.outputTokens,
    ...(usage.cacheReadTokens > 0 ? { cacheReadInputTokens: usage.cacheReadTokens } : {}),
    ...(usage.cacheWriteTokens > 0 ? { cacheWriteInputTokens: usage.cacheWriteTokens } : {}),
  };
}

function bedrockStopReason(reason: TurnFinishReason): string {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'content_filtered';
    default:
      return 'end_turn';
  }
}

const STREAM_EXCEPTIONS = [
  'internalServerException',
  'modelStreamErrorException',
  'serviceUnavailableException',
  'throttlingException',
  'validationException',
];

function bedrockExceptionType(errorType: string): string {
  if (STREAM_EXCEPTIONS.includes(errorType)) return errorType;
  if (errorType === 'overloaded_error') return 'serviceUnavailableException';
  if (errorType === 'rate_limit_error') return 'throttlingException';
  return 'modelStreamErrorException';
}

function bedrockErrorType(status: number): string {
  const types: Record<number, string> = {
    400: 'ValidationException',
    403: 'AccessDeniedException',
    404: 'ResourceNotFoundException',
    408: 'ModelTimeoutException',
    429: 'ThrottlingException',
    503: 'ServiceUnavailableException',
  };
  return types[status] ?? 'InternalServerException';
}
