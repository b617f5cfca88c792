/**
 * The contract of the agent loop ({@link runAgentLoop}): what a caller passes in, what each turn reports to a
 * stop condition, and what the loop returns when it ends.
 */
import type { LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type {
  AgentRef,
  AuraError,
  ClientToolCall,
  JsonObject,
  RunFinishReason,
  RunStopReason,
  RuntimeEvent,
  StepFinishReason,
  TokenUsage,
  ToolKindName,
} from '@aura/events';
import type { ModelMessage } from 'ai';
import type { Tool } from '../tools/tool.js';

/** Turn-limit nudges (core-spec §3.5). Nudging is off when `lastTurn` is false and `turnsRemaining` unset. */
export interface NudgeOptions {
  /** `nudge_last_turn`: warn on the second-to-last turn that the next one is the last. */
  readonly lastTurn: boolean;
  /** `nudge_turns_remaining`: warn on every turn once this many turns (or fewer) remain. */
  readonly turnsRemaining?: number;
  /** `agent` asks for a final answer; `worker` asks for a `submit_result` call. */
  readonly variant: 'agent' | 'worker';
}

/** Generation settings forwarded to every LLM call. */
export interface AgentCallSettings {
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
}

/** One tool call the loop handled, with the result the model saw. */
export interface AgentToolResult {
  readonly toolCallId: string;
  /** The name the model used. */
  readonly toolName: string;
  /** The tool's kind, or `unknown` when the model named a tool that does not exist. */
  readonly toolKind: ToolKindName;
  /** Parsed arguments; `{}` when the model's arguments were not a JSON object. */
  readonly arguments: JsonObject;
  /** The arguments exactly as the model produced them. */
  readonly rawArguments: string;
  /** What the model sees (error text and nudges included). */
  readonly output: string;
  readonly success: boolean;
}

/** One LLM call of a run. */
export interface AgentLoopStep {
  /** 1-based call number. */
  readonly step: number;
  /** Text the model wrote in this call. */
  readonly text: string;
  readonly finishReason: StepFinishReason;
  readonly usage: TokenUsage;
  /** Server-side tool calls of this call with their results, in the order the model made them. */
  readonly toolResults: readonly AgentToolResult[];
  /** Client (passthrough) tool calls of this call, handed to the client. */
  readonly clientToolCalls: readonly ClientToolCall[];
}

/** What {@link AgentLoopOptions.shouldStop} sees after a turn's tool results are in. */
export interface AgentLoopTurnState {
  readonly step: number;
  /** This turn's text. */
  readonly text: string;
  /** This turn's tool calls with their results, in model order. */
  readonly toolResults: readonly AgentToolResult[];
  /** Every step so far, this one included. */
  readonly steps: readonly AgentLoopStep[];
}

/** Input of {@link runAgentLoop}. */
export interface AgentLoopOptions {
  /** The model, already wrapped (retries, fallback tool-call parsing) as the caller wants. */
  readonly model: LanguageModelV3;
  /** The system prompt sent with every call. */
  readonly system: string;
  /** History followed by the new user message, prepared by the caller. Never mutated. */
  readonly messages: readonly ModelMessage[];
  /** Tools offered to the model; their `name`s must be unique (the last one wins otherwise). */
  readonly tools: readonly Tool[];
  /** Stamped on every event. */
  readonly agent: AgentRef;
  readonly callSettings?: AgentCallSettings;
  readonly providerOptions?: SharedV3ProviderOptions;
  /** `turn_depth`: a non-negative integer. The loop makes at most `turnDepth + depthBonus + 2` tool turns. */
  readonly turnDepth: number;
  /** Scratchpad `turn_depth_bonus`, added only when the scratchpad is wired. Default 0. */
  readonly depthBonus?: number;
  readonly nudges?: NudgeOptions;
  /** Run one turn's tool calls concurrently instead of one after another in model order. Default false. */
  readonly parallelToolCalls?: boolean;
  /** Aborts the run: provider calls, tool calls (MCP cancel) and waits. */
  readonly signal: AbortSignal;
  /**
   * The controller of `signal`, when it serves this run alone: the loop then aborts it itself when its consumer
   * stops reading early, instead of working under a child controller linked to `signal` (which leaves `signal`
   * untouched). Ignored unless `abortController.signal === signal`.
   */
  readonly abortController?: AbortController | undefined;
  /**
   * Turns a failure (thrown by the model or the stream) into the error the run reports. Default: an
   * `AuraError` passes through, anything else becomes `INTERNAL`. Never called for aborts: those report the
   * signal's reason when it is an `AuraError` (e.g. `RUN_TIMEOUT`), else `RUN_ABORTED`.
   */
  readonly mapError?: (error: unknown) => AuraError;
  /** Checked after each turn's tool results; `true` ends the run with `run-finish` (reason `stop`). */
  readonly shouldStop?: (state: AgentLoopTurnState) => boolean;
  /**
   * When the depth budget is spent, make one more call with tools withheld and answer with its text (default
   * true). `false` ends the run with `RUN_DEPTH_EXHAUSTED` (`MaxDepthError: (reached limit: N)`) as the
   * reference does.
   */
  readonly finalAnswerOnDepthExhausted?: boolean;
  /**
   * Tool choice of that last call. Default `none` (tool definitions stay, so histories with tool calls stay
   * valid for Anthropic). Use `auto` for providers that drop tool history when tools are off (Bedrock):
   * tool calls the model still makes are then ignored.
   */
  readonly finalAnswerToolChoice?: 'none' | 'auto';
  /** Instruction appended (as a user message, not kept in the transcript) to that last call. */
  readonly finalAnswerInstruction?: string;
  /** Monotonic clock in milliseconds for tool durations. Default `performance.now`. */
  readonly now?: () => number;
  /**
   * Releases what the run holds (its MCP lease): called once the loop has ended — after its last event, or when
   * the iteration stopped early — and awaited before the generator completes. Only once the loop has started
   * (its first `next()`).
   */
  readonly release?: () => Promise<void> | void;
  /**
   * Deliver each model turn's streamed events to this sink directly (see {@link DirectEventSink}) when the
   * provider's reader supports it (Aura's Chat Completions client does); otherwise they are yielded as usual.
   */
  readonly directEvents?: DirectEventSink;
}

/**
 * Where a model turn's streamed events (text and reasoning deltas, tool calls) go when they are delivered
 * directly — handed over synchronously as the provider's parts arrive, with no promise or generator step per
 * event — instead of through the run's generator. Every other event still comes through the generator, in order:
 * a turn's direct events come after the generator's `step-start` and before its `step-finish`. Delivery happens
 * while the consumer waits on the generator's `next()`.
 */
export interface DirectEventSink {
  /** Takes one event (synchronously; must not throw). Returns `false` to pause delivery until the resume call. */
  event(event: RuntimeEvent): boolean;
  /** After `event()` returned `false`: `resume` is to be called once the sink takes events again. */
  onResume(resume: () => void): void;
}

/** How a run ended. `error` is set exactly when the run ended with `run-error`. */
export interface AgentLoopResult {
  /** The final answer: the text of the last text-producing call (empty when none produced text). */
  readonly text: string;
  /** Sum over every LLM call of the run. */
  readonly usage: TokenUsage;
  readonly finishReason: RunFinishReason;
  readonly stopReason?: RunStopReason;
  readonly error?: AuraError;
  /**
   * Messages appended during the run (assistant and tool messages), ready to be appended to the history.
   * Every tool call has exactly one result, except calls listed in `pendingClientToolCalls`.
   */
  readonly transcript: readonly ModelMessage[];
  readonly steps: readonly AgentLoopStep[];
  /** Client tool calls the client must execute (then `finishReason` is `tool_calls`). */
  readonly pendingClientToolCalls: readonly ClientToolCall[];
}

/**
 * A running loop: iterate it for the events; its return value is the {@link AgentLoopResult}. Pull-based, so a
 * slow consumer slows the loop down instead of buffering; leaving the iteration early (`break`, `return()`)
 * aborts the run.
 */
export type AgentLoop = AsyncGenerator<RuntimeEvent, AgentLoopResult, undefined>;
