/**
 * OpenAI Chat Completions on the wire (`POST /v1/chat/completions`): SSE chunks when `stream: true`
 * (role first, `reasoning_content` / `content` / `tool_calls` deltas, a `finish_reason` chunk, a usage chunk
 * when `stream_options.include_usage`, then `data: [DONE]`), a `chat.completion` object otherwise.
 * The OpenRouter flavour sends reasoning as `reasoning` + `reasoning_details` and always includes usage.
 */
import type { TurnFinishReason } from '../script/model-turn.js';
import type { PlannedBlock, ResolvedUsage, TurnPlan } from '../script/turn-plan.js';
import { asRecord } from '../util/json-access.js';
import { type ChatWire, sseEvent, type WireChunk, type WireContext } from './chat-wire.js';
import { openAIView } from './openai-view.js';

type Flavour = 'openai' | 'openrouter';

/** The Chat Completions wire; `openrouter` changes the reasoning fields, usage policy and error body. */
export function createOpenAIWire(flavour: Flavour): ChatWire {
  return {
    provider: flavour,
    toolCallIdPrefix: 'call_',
    streamContentType: 'text/event-stream; charset=utf-8',
    view: (body) => openAIView(body, flavour),
    encodeStream: (plan, context) => encodeStream(plan, context, flavour),
    encodeJson: (plan, context) => encodeJson(plan, context, flavour),
    streamError: (message, errorType) => [sseEvent({ error: { message, type: errorType, code: null } })],
    errorResponse: (status, message) =>
      flavour === 'openrouter'
        ? { body: { error: { code: status, message } } }
        : { body: { error: { message, type: openAIErrorType(status), param: null, code: openAIErrorCode(status) } } },
  };
}

function encodeStream(plan: TurnPlan, context: WireContext, flavour: Flavour): WireChunk[] {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    sseEvent({
      id: context.responseId,
      object: 'chat.completion.chunk',
      created: context.created,
      model: context.model,
      system_fingerprint: null,
      choices,
      ...extra,
    });
  const delta = (fields: Record<string, unknown>): string =>
    chunk([{ index: 0, delta: fields, logprobs: null, finish_reason: null }]);

  const chunks: WireChunk[] = [delta({ role: 'assistant', content: plan.blocks[0]?.type === 'text' ? '' : null })];
  let toolIndex = 0;
  for (const block of plan.blocks) {
    if (block.type === 'text') {
      for (const text of block.deltas) chunks.push(delta({ content: text }));
    } else if (block.type === 'reasoning') {
      block.deltas.forEach((text, index) => {
        const last = index === block.deltas.length - 1;
        chunks.push(delta(reasoningDelta(text, last ? block.signature : undefined, flavour)));
      });
    } else {
      const index = toolIndex++;
      chunks.push(
        delta({
          tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.toolName, arguments: '' } }],
        }),
      );
      for (const text of block.deltas) chunks.push(delta({ tool_calls: [{ index, function: { arguments: text } }] }));
    }
  }
  chunks.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: openAIFinishReason(plan.finishReason) }]));
  const streamOptions = asRecord(asRecord(context.body).stream_options);
  if (plan.usage !== undefined && (flavour === 'openrouter' || streamOptions.include_usage === true)) {
    chunks.push(chunk([], { usage: openAIUsage(plan.usage) }));
  }
  chunks.push(sseEvent('[DONE]'));
  return chunks;
}

function reasoningDelta(text: string, signature: string | undefined, flavour: Flavour): Record<string, unknown> {
  if (flavour === 'openai') return { reasoning_content: text };
  const detail = { type: 'reasoning.text', text, format: 'unknown', index: 0 };
  return { reasoning: text, reasoning_details: [signature === undefined ? detail : { ...detail, signature }] };
}

function encodeJson(plan: TurnPlan, context: WireContext, flavour: Flavour): unknown {
  const text = joined(plan.blocks, 'text');
  const reasoning = joined(plan.blocks, 'reasoning');
  const toolCalls = plan.blocks.flatMap((block) =>
    block.type === 'tool-call'
      ? [{ id: block.id, type: 'function', function: { name: block.toolName, arguments: block.arguments } }]
      : [],
  );
  const signature = plan.blocks.find((block) => block.type === 'reasoning')?.signature;
  const reasoningFields =
    reasoning === undefined
      ? {}
      : flavour === 'openai'
        ? { reasoning_content: reasoning }
        : {
            reasoning,
            reasoning_details: [
              {
                type: 'reasoning.text',
                text: reasoning,
                format: 'unknown',
                index: 0,
                ...(signature ? { signature } : {}),
              },
            ],
          };
  return {
    id: context.responseId,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    system_fingerprint: null,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text ?? null,
          refusal: null,
          ...reasoningFields,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: openAIFinishReason(plan.finishReason),
      },
    ],
    ...(plan.usage === undefined ? {} : { usage: openAIUsage(plan.usage) }),
  };
}

function joined(blocks: readonly PlannedBlock[], type: 'text' | 'reasoning'): string | undefined {
  const texts = blocks.flatMap((block) => (block.type === type ? [block.text] : []));
  return texts.length === 0 ? undefined : texts.join('');
}

/** Usage in OpenAI's shape: `prompt_tokens` includes cached tokens, `completion_tokens` includes reasoning. */
function openAIUsage(usage: ResolvedUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cacheReadTokens,
      ...(usage.cacheWriteTokens > 0 ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

function openAIFinishReason(reason: TurnFinishReason): string {
  switch (reason) {
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return reason;
  }
}

function openAIErrorType(status: number): string {
  if (status === 429) return 'requests';
  if (status === 401) return 'authentication_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function openAIErrorCode(status: number): string | null {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 401) return 'invalid_api_key';
  if (status === 404) return 'model_not_found';
  return null;
}
