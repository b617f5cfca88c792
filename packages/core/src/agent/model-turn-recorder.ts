/**
 * Records one LLM call from the model's own stream parts (`LanguageModelV3StreamPart`, what `doStream`
 * returns): turns each part into at most one runtime event (text/reasoning deltas, tool calls) plus the step
 * finish at the end, and builds the assistant message for the transcript. It reports what `streamText`'s
 * `fullStream` would have reported for the same parts (see `ModelTurn` in model-turn.ts).
 *
 * The assistant message is assembled here so that it also exists when the stream fails or is aborted
 * half-way (its tool calls then get synthetic results), and so that tool-call inputs are always JSON objects.
 * Reasoning and text parts keep their provider metadata as `providerOptions`, exactly as the SDK does, so
 * reasoning signatures are replayed (Anthropic, Bedrock, Gemini require them with tool turns).
 */
import type { LanguageModelV3StreamPart, SharedV3ProviderMetadata } from '@ai-sdk/provider';
import { AISDKError } from '@ai-sdk/provider';
import type { AgentRef, JsonObject, RuntimeEvent, StepFinishReason, TokenUsage } from '@aura/events';
import { emptyUsage } from '@aura/events';
import type { AssistantContent, AssistantModelMessage } from 'ai';
import { fromV3Usage } from '../llm/usage.js';
import type { Tool } from '../tools/tool.js';
import { isJsonObject } from '../util/json-value.js';
import { TextPieces } from '../util/text-pieces.js';
import { parseToolCallInput } from './tool-call-input.js';
import { invalidJsonArgumentsText, nonObjectArgumentsText, toolNotFoundText } from './tool-call-result.js';

/** A tool call the model made. */
export interface RecordedToolCall {
  readonly toolCallId: string;
  readonly toolName: string;
  /** `undefined` when no tool has that name. */
  readonly tool: Tool | undefined;
  /** Parsed arguments; `{}` when they are not a JSON object. */
  readonly arguments: JsonObject;
  readonly rawArguments: string;
  /** The result text when the call cannot run (unknown tool, bad arguments); `undefined` when it can. */
  readonly rejection: string | undefined;
}

/** Why a call ended early. */
export type ModelTurnFailure = { readonly kind: 'aborted' } | { readonly kind: 'failed'; readonly error: unknown };

/** Everything one LLM call produced. */
export interface ModelTurnOutcome {
  /** `undefined` when the model produced no content worth keeping. */
  readonly message: AssistantModelMessage | undefined;
  readonly text: string;
  readonly toolCalls: readonly RecordedToolCall[];
  readonly usage: TokenUsage;
  readonly finishReason: StepFinishReason;
  readonly failure: ModelTurnFailure | undefined;
}

/** Options of {@link ModelTurnRecorder}. */
export interface ModelTurnRecorderOptions {
  readonly agent: AgentRef;
  readonly step: number;
  readonly tools: ReadonlyMap<string, Tool>;
  /**
   * The depth-exhausted answer call: tool calls are ignored. With `toolChoice` `none`, a call the model makes
   * anyway ends the step with finish reason `error` (as `streamText` reports it), without failing the turn.
   */
  readonly answerOnly: false | { readonly toolChoice: 'none' | 'auto' };
}

type AssistantPart = Exclude<AssistantContent, string>[number];

/** Parts that are not output: a stream of only these (and no `finish`) generated nothing. */
const NON_OUTPUT_PARTS: ReadonlySet<LanguageModelV3StreamPart['type']> = new Set([
  'stream-start',
  'response-metadata',
  'raw',
  'finish',
  'error',
]);
/** A text or reasoning part being streamed. */
class TextBlock extends TextPieces {
  ended = false;
  constructor(
    readonly type: 'text' | 'reasoning',
    public metadata: SharedV3ProviderMetadata | undefined,
  ) {
    super();
  }
}
type Block = TextBlock | AssistantPart;

/** Consumes one call's stream parts; see the module comment. Not reusable across calls. */
export class ModelTurnRecorder {
  readonly #options: ModelTurnRecorderOptions;
  readonly #blocks: Block[] = [];
  // The open text/reasoning block: one at a time in practice (kept in a field), more in a map made on demand.
  #openId: string | undefined;
  #openBlock: TextBlock | undefined;
  #moreOpen: Map<string, TextBlock> | undefined;
  #rawArguments: Map<string, string> | undefined;
  readonly #toolCalls: RecordedToolCall[] = [];
  readonly #text = new TextPieces();
  #usage: TokenUsage | undefined;
  #finishReason: StepFinishReason | undefined;
  #failure: ModelTurnFailure | undefined;
  /** What the `finish` / `error` parts said; reported by {@link ModelTurnRecorder.end}, as `streamText` does. */
  #streamUsage: TokenUsage | undefined;
  #streamFinishReason: StepFinishReason | undefined;
  /** A `finish` or `error` part arrived. */
  #terminal = false;
  /** Any content part arrived. */
  #output = false;
  /** A tool call arrived in an answer call with tool choice `none`. */
  #violation = false;

  constructor(options: ModelTurnRecorderOptions) {
    this.#options = options;
  }

  /** Records `part`; returns the event to emit for it, if any. */
  accept(part: LanguageModelV3StreamPart): RuntimeEvent | undefined {
    if (!NON_OUTPUT_PARTS.has(part.type)) this.#output = true;
    switch (part.type) {
      case 'text-delta':
        return this.#delta(part.id, part.delta, part.providerMetadata, 'text');
      case 'reasoning-delta':
        return this.#delta(part.id, part.delta, part.providerMetadata, 'reasoning');
      case 'text-start':
      case 'reasoning-start': {
        const block = new TextBlock(part.type === 'text-start' ? 'text' : 'reasoning', part.providerMetadata);
        this.#setOpen(part.id, block);
        this.#blocks.push(block);
        return undefined;
      }
      case 'text-end':
      case 'reasoning-end': {
        const block = this.#getOpen(part.id);
        if (block !== undefined) {
          block.metadata = part.providerMetadata ?? block.metadata;
          block.ended = true;
          this.#close(part.id);
        }
        return undefined;
      }
      case 'tool-input-start':
        if (!this.#options.answerOnly) {
          this.#rawArguments ??= new Map();
          this.#rawArguments.set(part.id, '');
        }
        return undefined;
      case 'tool-input-delta': {
        const raw = this.#rawArguments?.get(part.id);
        if (raw !== undefined) this.#rawArguments?.set(part.id, raw + part.delta);
        return undefined;
      }
      case 'tool-call':
        return this.#toolCall(part);
      case 'file':
        this.#blocks.push({
          type: 'file',
          data: typeof part.data === 'string' ? part.data : Buffer.from(part.data).toString('base64'),
          mediaType: part.mediaType,
          ...(part.providerMetadata === undefined ? {} : { providerOptions: part.providerMetadata }),
        });
        return undefined;
      case 'finish':
        this.#terminal = true;
        this.#streamUsage = fromV3Usage(part.usage);
        this.#streamFinishReason = this.#violation ? 'error' : part.finishReason.unified;
        return undefined;
      case 'error':
        this.#terminal = true;
        this.#streamFinishReason = 'error';
        this.fail(part.error);
        return undefined;
      default:
        // tool-input-end, tool-result, tool-approval-request, source, stream-start, response-metadata, raw.
        return undefined;
    }
  }

  /**
   * Ends a stream that closed normally: returns the `step-finish` event, or — when the stream produced neither
   * output nor a `finish`/`error` part — records the SDK's `AI_NoOutputGeneratedError` as the failure and
   * returns `undefined`.
   */
  end(): RuntimeEvent | undefined {
    if (!this.#terminal && !this.#output) {
      this.fail(
        new AISDKError({
          name: 'AI_NoOutputGeneratedError',
          message: 'No output generated. The model stream ended without a finish chunk.',
        }),
      );
      return undefined;
    }
    const usage = this.#streamUsage ?? emptyUsage();
    const finishReason = this.#streamFinishReason ?? 'other';
    this.#usage = usage;
    this.#finishReason = finishReason;
    return {
      type: 'step-finish',
      agent: this.#options.agent,
      step: this.#options.step,
      usage,
      finishReason,
      toolCallIds: this.#toolCalls.map((call) => call.toolCallId),
    };
  }

  /** Records a failure that ended the stream (the first one wins). */
  fail(error: unknown): void {
    this.#failure ??= { kind: 'failed', error };
  }

  /** Records an abort (unless a failure was recorded first). */
  abort(): void {
    this.#failure ??= { kind: 'aborted' };
  }

  /** The outcome; call once the stream has ended. */
  outcome(): ModelTurnOutcome {
    return {
      message: this.#message(),
      text: this.#text.text,
      toolCalls: this.#toolCalls,
      usage: this.#usage ?? emptyUsage(),
      finishReason: this.#finishReason ?? (this.#failure === undefined ? 'other' : 'error'),
      failure: this.#failure,
    };
  }

  #delta(
    id: string,
    delta: string,
    metadata: SharedV3ProviderMetadata | undefined,
    type: 'text' | 'reasoning',
  ): RuntimeEvent | undefined {
    const block = this.#getOpen(id);
    if (block !== undefined) {
      block.add(delta);
      if (metadata !== undefined) block.metadata = metadata;
    }
    if (delta === '') return undefined;
    if (type === 'text') {
      this.#text.add(delta);
      return { type: 'text-delta', agent: this.#options.agent, delta };
    }
    return { type: 'reasoning-delta', agent: this.#options.agent, delta };
  }

  #toolCall(part: Extract<LanguageModelV3StreamPart, { type: 'tool-call' }>): RuntimeEvent | undefined {
    const answerOnly = this.#options.answerOnly;
    if (answerOnly !== false) {
      if (answerOnly.toolChoice === 'none' && part.providerExecuted !== true) this.#violation = true;
      return undefined;
    }
    // Provider-executed calls never happen (Aura offers no provider tools); never run or replay them.
    if (part.providerExecuted === true) return undefined;
    const { toolCallId, toolName } = part;
    const parsed = parseToolCallInput(part.input);
    const input = parsed.ok ? parsed.value : undefined;
    const streamed = this.#rawArguments?.get(toolCallId);
    const rawArguments = streamed ?? (parsed.ok ? JSON.stringify(input) : part.input);
    const tool = this.#options.tools.get(toolName);
    const args = isJsonObject(input) ? input : {};
    let rejection: string | undefined;
    if (tool === undefined) rejection = toolNotFoundText(toolName);
    else if (!parsed.ok) rejection = invalidJsonArgumentsText(toolName, parsed.error);
    else if (!isJsonObject(input)) rejection = nonObjectArgumentsText(toolName, input);
    this.#toolCalls.push({ toolCallId, toolName, tool, arguments: args, rawArguments, rejection });
    this.#blocks.push({
      type: 'tool-call',
      toolCallId,
      toolName,
      input: args,
      ...(part.providerMetadata === undefined ? {} : { providerOptions: part.providerMetadata }),
    });
    return {
      type: 'tool-call',
      agent: this.#options.agent,
      toolCallId,
      toolName,
      arguments: args,
      rawArguments,
      toolKind: tool?.kind ?? 'unknown',
    };
  }

  #getOpen(id: string): TextBlock | undefined {
    return this.#openId === id ? this.#openBlock : this.#moreOpen?.get(id);
  }

  #setOpen(id: string, block: TextBlock): void {
    if (this.#openBlock === undefined || this.#openId === id) {
      this.#openId = id;
      this.#openBlock = block;
      this.#moreOpen?.delete(id);
    } else {
      this.#moreOpen ??= new Map();
      this.#moreOpen.set(id, block);
    }
  }

  #close(id: string): void {
    if (this.#openId === id) {
      this.#openId = undefined;
      this.#openBlock = undefined;
    } else {
      this.#moreOpen?.delete(id);
    }
  }

  #message(): AssistantModelMessage | undefined {
    const content: AssistantPart[] = [];
    for (const block of this.#blocks) {
      if (!(block instanceof TextBlock)) content.push(block);
      else if (isKept(block)) content.push(toContentPart(block));
    }
    return content.length === 0 ? undefined : { role: 'assistant', content };
  }
}

/**
 * Whitespace-only text is dropped (Bedrock rejects blank text blocks); reasoning is kept when it ended (a
 * half-streamed thought has no signature) and carries text or metadata (redacted thinking has only metadata).
 */
function isKept(block: TextBlock): boolean {
  if (block.type === 'text') return block.text.trim() !== '';
  return block.ended && (block.text !== '' || block.metadata !== undefined);
}

function toContentPart(block: TextBlock): AssistantPart {
  return block.metadata === undefined
    ? { type: block.type, text: block.text }
    : { type: block.type, text: block.text, providerOptions: block.metadata };
}
