/**
 * Expands a {@link ModelTurn} into what every player needs: blocks already split into deltas, tool-call ids
 * assigned, usage and finish reason resolved. The in-process model and each wire encoder read only the plan.
 */
import type { ModelTurn, TurnFault, TurnFinishReason } from './model-turn.js';

/** A text block and its streamed deltas. */
export interface PlannedText {
  readonly type: 'text';
  readonly text: string;
  readonly deltas: readonly string[];
}

/** A reasoning block and its streamed deltas. */
export interface PlannedReasoning {
  readonly type: 'reasoning';
  readonly text: string;
  readonly deltas: readonly string[];
  readonly signature: string | undefined;
}

/** A tool call with its id and its argument text split into deltas. */
export interface PlannedToolCall {
  readonly type: 'tool-call';
  readonly id: string;
  readonly toolName: string;
  readonly arguments: string;
  readonly deltas: readonly string[];
}

/** One output block of a plan. */
export type PlannedBlock = PlannedText | PlannedReasoning | PlannedToolCall;

/** Usage with every field resolved. `inputTokens` includes cache reads/writes; `outputTokens` includes reasoning. */
export interface ResolvedUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheWriteTokens: number;
  readonly reasoningTokens: number;
}

/** A turn ready to be played. */
export interface TurnPlan {
  readonly blocks: readonly PlannedBlock[];
  /** `undefined` when the turn omits usage. */
  readonly usage: ResolvedUsage | undefined;
  readonly finishReason: TurnFinishReason;
  readonly hasToolCalls: boolean;
  readonly firstTokenDelayMs: number;
  readonly chunkDelayMs: number;
  readonly fault: TurnFault | undefined;
}

/** Inputs of {@link planTurn}. */
export interface PlanTurnOptions {
  /** Size of the prompt in characters, for the default usage estimate. */
  readonly promptChars: number;
  /** Produces an id for tool calls the script left without one. */
  readonly nextToolCallId: () => string;
}

const DEFAULT_ARGUMENT_CHUNK = 16;

/** Resolves a turn into a {@link TurnPlan}. Pure apart from `nextToolCallId`. */
export function planTurn(turn: ModelTurn, options: PlanTurnOptions): TurnPlan {
  const blocks = turn.parts.map((part): PlannedBlock => {
    if (part.type === 'text') return { type: 'text', text: part.text, deltas: splitDeltas(part.text, turn.chunkSize) };
    if (part.type === 'reasoning') {
      return {
        type: 'reasoning',
        text: part.text,
        deltas: splitDeltas(part.text, turn.chunkSize),
        signature: part.signature,
      };
    }
    return {
      type: 'tool-call',
      id: part.id ?? options.nextToolCallId(),
      toolName: part.toolName,
      arguments: part.arguments,
      deltas: splitDeltas(part.arguments, turn.chunkSize ?? DEFAULT_ARGUMENT_CHUNK),
    };
  });
  const hasToolCalls = blocks.some((block) => block.type === 'tool-call');
  return {
    blocks,
    usage: turn.omitUsage === true ? undefined : resolveUsage(turn, blocks, options.promptChars),
    finishReason: turn.finishReason ?? (hasToolCalls ? 'tool-calls' : 'stop'),
    hasToolCalls,
    firstTokenDelayMs: turn.timing?.firstTokenDelayMs ?? 0,
    chunkDelayMs: turn.timing?.chunkDelayMs ?? 0,
    fault: turn.fault,
  };
}

/**
 * Splits `value` into deltas: slices of `size` characters (code points) when given, else words with their
 * trailing whitespace. An empty string yields no deltas.
 */
export function splitDeltas(value: string, size?: number): string[] {
  if (value === '') return [];
  if (size === undefined) return value.match(/\S+\s*|\s+/g) ?? [value];
  const characters = Array.from(value);
  const deltas: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    deltas.push(characters.slice(start, start + size).join(''));
  }
  return deltas;
}

/** Rough token estimate used when a script gives no usage: about four characters per token. */
export function estimateTokens(characters: number): number {
  return characters <= 0 ? 0 : Math.ceil(characters / 4);
}

function resolveUsage(turn: ModelTurn, blocks: readonly PlannedBlock[], promptChars: number): ResolvedUsage {
  if (turn.usage !== undefined) {
    return {
      inputTokens: turn.usage.inputTokens,
      outputTokens: turn.usage.outputTokens,
      cacheReadTokens: turn.usage.cacheReadTokens ?? 0,
      cacheWriteTokens: turn.usage.cacheWriteTokens ?? 0,
      reasoningTokens: turn.usage.reasoningTokens ?? 0,
    };
  }
  let outputChars = 0;
  let reasoningChars = 0;
  for (const block of blocks) {
    const size = block.type === 'tool-call' ? block.arguments.length + block.toolName.length : block.text.length;
    outputChars += size;
    if (block.type === 'reasoning') reasoningChars += size;
  }
  return {
    inputTokens: estimateTokens(promptChars),
    outputTokens: estimateTokens(outputChars),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: estimateTokens(reasoningChars),
  };
}
