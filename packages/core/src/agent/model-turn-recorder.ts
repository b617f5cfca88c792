/**
 * Records one LLM call from the AI SDK's `fullStream`: turns each part into at most one runtime event
 * (text/reasoning deltas, tool calls, step finish) and builds the assistant message for the transcript.
 *
 * The assistant message is assembled here rather than taken from the SDK's `response.messages` so that it
 * also exists when the stream fails or is aborted half-way (its tool calls then get synthetic results), and
 * so that tool-call inputs are always JSON objects. Reasoning and text parts keep their provider metadata as
 * `providerOptions`, exactly as the SDK does, so reasoning signatures are replayed (Anthropic, Bedrock,
 * Gemini require them with tool turns).
 */
import type { AgentRef, JsonObject, RuntimeEvent, StepFinishReason, TokenUsage } from '@aura/events';
import { emptyUsage } from '@aura/events';
import {
  type AssistantContent,
  type AssistantModelMessage,
  type ProviderMetadata,
  type TextStreamPart,
  ToolChoiceViolationError,
  type ToolSet,
} from 'ai';
import { toTokenUsage } from '../llm/usage.js';
import type { Tool } from '../tools/tool.js';
import { isJsonObject, tryParseJson } from '../util/json-value.js';
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
  /** The depth-exhausted answer call: tool calls (and the SDK's tool-choice violation) are ignored. */
  readonly answerOnly: boolean;
}

type AssistantPart = Exclude<AssistantContent, string>[number];
/** A text or reasoning part being streamed. */
class TextBlock {
  text = '';
  ended = false;
  constructor(
    readonly type: 'text' | 'reasoning',
    public metadata: ProviderMetadata | undefined,
  ) {}
}
type Block = TextBlock | AssistantPart;

/** Consumes one call's stream parts; see the module comment. Not reusable across calls. */
export class ModelTurnRecorder {
  readonly #options: ModelTurnRecorderOptions;
  readonly #blocks: Block[] = [];
  readonly #open = new Map<string, TextBlock>();
  readonly #rawArguments = new Map<string, string>();
  readonly #toolCalls: RecordedToolCall[] = [];
  #text = '';
  #usage: TokenUsage | undefined;
  #finishReason: StepFinishReason | undefined;
  #failure: ModelTurnFailure | undefined;

  constructor(options: ModelTurnRecorderOptions) {
    this.#options = options;
  }

  /** Records `part`; returns the event to emit for it, if any. */
  accept(part: TextStreamPart<ToolSet>): RuntimeEvent | undefined {
    switch (part.type) {
      case 'text-delta':
        return this.#delta(part.id, part.text, part.providerMetadata, 'text');
      case 'reasoning-delta':
        return this.#delta(part.id, part.text, part.providerMetadata, 'reasoning');
      case 'text-start':
      case 'reasoning-start': {
        const block = new TextBlock(part.type === 'text-start' ? 'text' : 'reasoning', part.providerMetadata);
        this.#open.set(part.id, block);
        this.#blocks.push(block);
        return undefined;
      }
      case 'text-end':
      case 'reasoning-end': {
        const block = this.#open.get(part.id);
        if (block !== undefined) {
          block.metadata = part.providerMetadata ?? block.metadata;
          block.ended = true;
          this.#open.delete(part.id);
        }
        return undefined;
      }
      case 'tool-input-start':
        if (!this.#options.answerOnly) this.#rawArguments.set(part.id, '');
        return undefined;
      case 'tool-input-delta': {
        const raw = this.#rawArguments.get(part.id);
        if (raw !== undefined) this.#rawArguments.set(part.id, raw + part.delta);
        return undefined;
      }
      case 'tool-call':
        return this.#toolCall(part);
      case 'file':
        this.#blocks.push({
          type: 'file',
          data: part.file.base64,
          mediaType: part.file.mediaType,
          ...(part.providerMetadata === undefined ? {} : { providerOptions: part.providerMetadata }),
        });
        return undefined;
      case 'finish-step':
        return this.#finishStep(part.usage, part.finishReason);
      case 'error':
        if (this.#options.answerOnly && ToolChoiceViolationError.isInstance(part.error)) return undefined;
        this.fail(part.error);
        return undefined;
      case 'abort':
        this.#failure ??= { kind: 'aborted' };
        return undefined;
      default:
        return undefined;
    }
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
      text: this.#text,
      toolCalls: this.#toolCalls,
      usage: this.#usage ?? emptyUsage(),
      finishReason: this.#finishReason ?? (this.#failure === undefined ? 'other' : 'error'),
      failure: this.#failure,
    };
  }

  #delta(
    id: string,
    delta: string,
    metadata: ProviderMetadata | undefined,
    type: 'text' | 'reasoning',
  ): RuntimeEvent | undefined {
    const block = this.#open.get(id);
    if (block !== undefined) {
      block.text += delta;
      if (metadata !== undefined) block.metadata = metadata;
    }
    if (delta === '') return undefined;
    if (type === 'text') {
      this.#text += delta;
      return { type: 'text-delta', agent: this.#options.agent, delta };
    }
    return { type: 'reasoning-delta', agent: this.#options.agent, delta };
  }

  #toolCall(part: Extract<TextStreamPart<ToolSet>, { type: 'tool-call' }>): RuntimeEvent | undefined {
    // Provider-executed calls never happen (Aura offers no provider tools); never run or replay them.
    if (this.#options.answerOnly || part.providerExecuted === true) return undefined;
    const { toolCallId, toolName } = part;
    const input: unknown = part.input;
    const streamed = this.#rawArguments.get(toolCallId);
    const invalidText = part.invalid === true && typeof input === 'string';
    const rawArguments = streamed ?? (invalidText ? input : JSON.stringify(input ?? {}));
    const tool = this.#options.tools.get(toolName);
    const args = !invalidText && isJsonObject(input) ? input : {};
    let rejection: string | undefined;
    if (tool === undefined) rejection = toolNotFoundText(toolName);
    else if (invalidText) rejection = invalidJsonArgumentsText(toolName, parseErrorOf(rawArguments));
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

  #finishStep(usage: Parameters<typeof toTokenUsage>[0], finishReason: StepFinishReason): RuntimeEvent {
    this.#usage = toTokenUsage(usage);
    this.#finishReason = finishReason;
    return {
      type: 'step-finish',
      agent: this.#options.agent,
      step: this.#options.step,
      usage: this.#usage,
      finishReason,
      toolCallIds: this.#toolCalls.map((call) => call.toolCallId),
    };
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

function parseErrorOf(raw: string): string {
  const parsed = tryParseJson(raw);
  return parsed.ok ? 'unexpected input' : parsed.error;
}
