/**
 * The closing sequence of a streamed response (server-spec §8.6): `aura.usage` (custom events, prompt
 * tokens > 0), the final chunk, OpenAI's usage-only chunk (with `include_usage`), then `[DONE]`.
 */
import {
  auraEvent,
  type ChatFinishReason,
  type CorrelationData,
  encodeAuraEvent,
  type RunFinishReason,
  SSE_DONE,
  type TokenUsage,
  toChatCompletionUsage,
} from '@aura/events';
import { type ChunkIdentity, finalChunkFrame, usageChunkFrame } from './chunk-frames.js';
import type { UsageCounts } from './usage-ledger.js';

/** Input of {@link closingFrames}. */
export interface ClosingSequenceInput {
  readonly identity: ChunkIdentity;
  readonly correlation: CorrelationData;
  readonly customEvents: boolean;
  readonly includeUsageChunk: boolean;
  /** Counts of `aura.usage` (sent only when `promptTokens > 0`). */
  readonly requestUsage: UsageCounts;
  /** Usage of the final chunk; omitted when `undefined` (zeros in the usage-only chunk). */
  readonly chunkUsage: TokenUsage | undefined;
  readonly finishReason: ChatFinishReason;
}

/** The frames that end a response, `data: [DONE]` last. */
export function closingFrames(input: ClosingSequenceInput): string[] {
  const frames: string[] = [];
  if (input.customEvents && input.requestUsage.promptTokens > 0) {
    frames.push(
      encodeAuraEvent(
        auraEvent.usage({
          prompt_tokens: input.requestUsage.promptTokens,
          completion_tokens: input.requestUsage.completionTokens,
          total_tokens: input.requestUsage.totalTokens,
          ...input.correlation,
        }),
      ),
    );
  }
  const usage = input.chunkUsage === undefined ? undefined : toChatCompletionUsage(input.chunkUsage);
  frames.push(finalChunkFrame(input.identity, input.finishReason, usage));
  if (input.includeUsageChunk) {
    frames.push(usageChunkFrame(input.identity, usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }));
  }
  frames.push(SSE_DONE);
  return frames;
}

/**
 * `finish_reason` of the final chunk: `tool_calls` when client tool calls are pending (precedence);
 * `length` when the runtime says so or the final usage reached the request's `max_tokens`; else `stop`.
 */
export function streamFinishReason(input: {
  readonly clientToolCallsPending: boolean;
  readonly runFinishReason: RunFinishReason | undefined;
  readonly finalUsage: TokenUsage | undefined;
  readonly requestMaxTokens: number | undefined;
}): ChatFinishReason {
  if (input.clientToolCallsPending || input.runFinishReason === 'tool_calls') return 'tool_calls';
  if (input.runFinishReason === 'length') return 'length';
  const max = input.requestMaxTokens;
  if (max !== undefined && input.finalUsage !== undefined && input.finalUsage.outputTokens >= max) return 'length';
  return 'stop';
}
