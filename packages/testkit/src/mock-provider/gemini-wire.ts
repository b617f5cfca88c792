/**
 * Gemini on the wire (`POST /v1beta/models/{model}:streamGenerateContent?alt=sse` and `:generateContent`):
 * SSE `data:` chunks of `candidates[0].content.parts` — `{ text, thought: true }` for reasoning (with
 * `thoughtSignature`), `{ text }`, and whole `{ functionCall: { name, args } }` parts — and a last chunk with
 * `finishReason` and `usageMetadata` (`thoughtsTokenCount`, `cachedContentTokenCount`).
 */
import { parseJsonLenient } from '../conversation/conversation-view.js';
import type { TurnFinishReason } from '../script/model-turn.js';
import type { PlannedBlock, ResolvedUsage, TurnPlan } from '../script/turn-plan.js';
import { type ChatWire, sseEvent, type WireChunk, type WireContext } from './chat-wire.js';
import { geminiView } from './gemini-view.js';

/** The Gemini `generateContent` wire. */
export const geminiWire: ChatWire = {
  provider: 'gemini',
  toolCallIdPrefix: 'gemini_call_',
  streamContentType: 'text/event-stream',
  view: geminiView,
  encodeStream,
  encodeJson,
  streamError: (message, errorType) => [sseEvent({ error: { code: 500, message, status: errorType } })],
  errorResponse: (status, message) => ({ body: { error: { code: status, message, status: geminiStatus(status) } } }),
};

function encodeStream(plan: TurnPlan, context: WireContext): WireChunk[] {
  const chunk = (candidate: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
    sseEvent({
      candidates: [{ index: 0, ...candidate }],
      modelVersion: context.model,
      responseId: context.responseId,
      ...extra,
    });
  const parts = (items: unknown[]): Record<string, unknown> => ({ content: { role: 'model', parts: items } });
  const chunks: WireChunk[] = [];
  for (const block of plan.blocks) {
    if (block.type === 'tool-call') {
      chunks.push(chunk(parts([functionCallPart(block)])));
      continue;
    }
    block.deltas.forEach((delta, index) => {
      const last = index === block.deltas.length - 1;
      chunks.push(chunk(parts([textPart(block, delta, last)])));
    });
  }
  const usage = plan.usage === undefined ? {} : { usageMetadata: usageMetadata(plan.usage) };
  chunks.push(chunk({ finishReason: geminiFinishReason(plan.finishReason) }, usage));
  return chunks;
}

function encodeJson(plan: TurnPlan, context: WireContext): unknown {
  return {
    candidates: [
      {
        index: 0,
        content: {
          role: 'model',
          parts: plan.blocks.map((block) =>
            block.type === 'tool-call' ? functionCallPart(block) : textPart(block, block.text, true),
          ),
        },
        finishReason: geminiFinishReason(plan.finishReason),
      },
    ],
    ...(plan.usage === undefined ? {} : { usageMetadata: usageMetadata(plan.usage) }),
    modelVersion: context.model,
    responseId: context.responseId,
  };
}

function textPart(block: Exclude<PlannedBlock, { type: 'tool-call' }>, text: string, last: boolean): unknown {
  if (block.type === 'text') return { text };
  return {
    text,
    thought: true,
    ...(last && block.signature !== undefined ? { thoughtSignature: block.signature } : {}),
  };
}

function functionCallPart(block: Extract<PlannedBlock, { type: 'tool-call' }>): unknown {
  return { functionCall: { name: block.toolName, args: parseJsonLenient(block.arguments) } };
}

/** `promptTokenCount` includes cached tokens; `candidatesTokenCount` excludes thoughts. */
function usageMetadata(usage: ResolvedUsage): Record<string, number> {
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: Math.max(0, usage.outputTokens - usage.reasoningTokens),
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    ...(usage.reasoningTokens > 0 ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
    ...(usage.cacheReadTokens > 0 ? { cachedContentTokenCount: usage.cacheReadTokens } : {}),
  };
}

function geminiFinishReason(reason: TurnFinishReason): string {
  switch (reason) {
    case 'stop':
    case 'tool-calls':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    default:
      return 'OTHER';
  }
}

function geminiStatus(status: number): string {
  const statuses: Record<number, string> = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    429: 'RESOURCE_EXHAUSTED',
    503: 'UNAVAILABLE',
    504: 'DEADLINE_EXCEEDED',
  };
  return statuses[status] ?? 'INTERNAL';
}
