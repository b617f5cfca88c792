/**
 * Translates a {@link TurnPlan} into AI SDK `LanguageModelV3` output: stream parts for `doStream`, content
 * for `doGenerate`, and the simulated errors of each fault.
 */
import {
  APICallError,
  type LanguageModelV3Content,
  type LanguageModelV3StreamPart,
  type LanguageModelV3Usage,
  type SharedV3ProviderMetadata,
} from '@ai-sdk/provider';
import { faultHeaders } from '../script/fault-headers.js';
import type { HttpErrorFault, TurnFinishReason } from '../script/model-turn.js';
import type { ResolvedUsage, TurnPlan } from '../script/turn-plan.js';

/** Identity of the answering model, echoed in metadata. */
export interface PartsContext {
  /** Key for provider metadata (reasoning signatures), e.g. `anthropic` for provider `anthropic.messages`. */
  readonly metadataKey: string;
  readonly responseId: string;
  readonly modelId: string;
}

/** Parts sent before any content (not counted as chunks by faults). */
export function headerParts(context: PartsContext): LanguageModelV3StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', id: context.responseId, modelId: context.modelId, timestamp: new Date() },
  ];
}

/** Content parts of the plan followed by its `finish` part. */
export function contentParts(plan: TurnPlan, context: PartsContext): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [];
  for (const [index, block] of plan.blocks.entries()) {
    const id = String(index);
    if (block.type === 'tool-call') {
      parts.push({ type: 'tool-input-start', id: block.id, toolName: block.toolName });
      for (const delta of block.deltas) parts.push({ type: 'tool-input-delta', id: block.id, delta });
      parts.push({ type: 'tool-input-end', id: block.id });
      parts.push({ type: 'tool-call', toolCallId: block.id, toolName: block.toolName, input: block.arguments });
      continue;
    }
    const kind = block.type;
    parts.push({ type: `${kind}-start`, id });
    for (const delta of block.deltas) parts.push({ type: `${kind}-delta`, id, delta });
    const metadata = block.type === 'reasoning' ? signatureMetadata(block.signature, context) : undefined;
    parts.push(
      metadata === undefined ? { type: `${kind}-end`, id } : { type: `${kind}-end`, id, providerMetadata: metadata },
    );
  }
  parts.push(finishPart(plan.finishReason, plan.usage));
  return parts;
}

/** The in-band error of a `stream-error` fault, followed by a `finish` with reason `error`. */
export function streamErrorParts(message: string, errorType: string): LanguageModelV3StreamPart[] {
  return [{ type: 'error', error: { type: errorType, message } }, finishPart('error', undefined)];
}

/** `doGenerate` content of the plan. */
export function generateContent(plan: TurnPlan, context: PartsContext): LanguageModelV3Content[] {
  return plan.blocks.map((block): LanguageModelV3Content => {
    if (block.type === 'text') return { type: 'text', text: block.text };
    if (block.type === 'tool-call') {
      return { type: 'tool-call', toolCallId: block.id, toolName: block.toolName, input: block.arguments };
    }
    const metadata = signatureMetadata(block.signature, context);
    return metadata === undefined
      ? { type: 'reasoning', text: block.text }
      : { type: 'reasoning', text: block.text, providerMetadata: metadata };
  });
}

/** AI SDK usage from resolved usage (`undefined` → every field undefined, as providers report missing usage). */
export function toV3Usage(usage: ResolvedUsage | undefined): LanguageModelV3Usage {
  if (usage === undefined) {
    return {
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
  }
  return {
    inputTokens: {
      total: usage.inputTokens,
      noCache: Math.max(0, usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens),
      cacheRead: usage.cacheReadTokens,
      cacheWrite: usage.cacheWriteTokens,
    },
    outputTokens: {
      total: usage.outputTokens,
      text: Math.max(0, usage.outputTokens - usage.reasoningTokens),
      reasoning: usage.reasoningTokens,
    },
  };
}

/** The `APICallError` an `http-error` fault raises in process (retryable for 408, 409, 429 and 5xx). */
export function apiCallError(fault: HttpErrorFault, url: string, requestBodyValues: unknown): APICallError {
  const message = fault.message ?? `mock HTTP ${fault.status}`;
  return new APICallError({
    message,
    url,
    requestBodyValues,
    statusCode: fault.status,
    responseHeaders: faultHeaders(fault),
    responseBody: fault.body ?? JSON.stringify({ error: { message, type: 'mock_error', code: fault.status } }),
  });
}

/**
 * The error a stream dropped after `afterChunks` chunks produces through a real provider package: undici's
 * `TypeError: terminated` (caused by a socket error) wrapped by the AI SDK in a retryable `APICallError`.
 */
export function streamDroppedError(url: string, requestBodyValues: unknown, afterChunks: number): APICallError {
  return new APICallError({
    message: 'Failed to process successful response',
    cause: new TypeError('terminated', { cause: socketClosed(`after ${afterChunks} chunk(s)`) }),
    statusCode: 200,
    url,
    requestBodyValues,
    isRetryable: true,
  });
}

/** The error a connection dropped before any response produces: `Cannot connect to API: other side closed`. */
export function connectionDroppedError(url: string, requestBodyValues: unknown): APICallError {
  return new APICallError({
    message: 'Cannot connect to API: other side closed',
    cause: socketClosed('before the response'),
    url,
    requestBodyValues,
    isRetryable: true,
  });
}

function socketClosed(when: string): Error & { code: string } {
  return Object.assign(new Error(`other side closed (scripted disconnect ${when})`), { code: 'UND_ERR_SOCKET' });
}

function finishPart(reason: TurnFinishReason, usage: ResolvedUsage | undefined): LanguageModelV3StreamPart {
  return { type: 'finish', finishReason: { unified: reason, raw: reason }, usage: toV3Usage(usage) };
}

function signatureMetadata(signature: string | undefined, context: PartsContext): SharedV3ProviderMetadata | undefined {
  return signature === undefined ? undefined : { [context.metadataKey]: { signature } };
}
