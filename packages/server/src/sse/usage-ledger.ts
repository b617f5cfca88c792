/**
 * Token bookkeeping of one streamed response: the per-step sums behind `aura.usage`, and the tool ids
 * behind `aura.tool_usage` (server-spec §8.6, §9.3).
 */
import { addUsage, type RunMode, type TokenUsage } from '@aura/events';

/** Token counts of `aura.usage` / `aura.tool_usage`. */
export interface UsageCounts {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** One `aura.tool_usage` report: the tools whose results the reported LLM turn consumed. */
export interface ToolUsageReport extends UsageCounts {
  readonly toolIds: readonly string[];
}

/**
 * Accumulates step usage and pending tool ids. Tool ids completed since the last report wait for the
 * next LLM turn to **start** (that turn consumes their results) and are reported with that turn's
 * tokens when it finishes — whether the runtime emits a step's tool results before or after its
 * `step-finish`.
 */
export class UsageLedger {
  #steps = 0;
  #firstPromptTokens = 0;
  #sum: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  #completed: string[] = [];
  #awaiting: string[] = [];

  /** A (non-suppressed) tool of the reporting agent finished. */
  toolCompleted(toolCallId: string): void {
    this.#completed.push(toolCallId);
  }

  /** The reporting agent starts an LLM turn: the tool results completed so far are its input. */
  turnStarted(): void {
    this.#awaiting.push(...this.#completed);
    this.#completed = [];
  }

  /**
   * Records one LLM call's usage. Returns the `aura.tool_usage` report when `reportingAgent` is true and
   * the turn consumed tool results; `undefined` otherwise.
   */
  stepFinished(usage: TokenUsage, reportingAgent: boolean): ToolUsageReport | undefined {
    if (this.#steps === 0) this.#firstPromptTokens = usage.inputTokens;
    this.#steps += 1;
    this.#sum = addUsage(this.#sum, usage);
    if (!reportingAgent || this.#awaiting.length === 0) return undefined;
    const toolIds = this.#awaiting;
    this.#awaiting = [];
    return {
      toolIds,
      promptTokens: usage.inputTokens,
      completionTokens: usage.outputTokens,
      totalTokens: usage.totalTokens,
    };
  }

  /** Sum of every recorded step, or `undefined` when no step finished. */
  stepTotal(): TokenUsage | undefined {
    return this.#steps === 0 ? undefined : this.#sum;
  }

  /**
   * Counts of `aura.usage`: prompt = the first LLM call's input tokens (single agent) or the sum over
   * every LLM call (orchestration); completion = the sum of output tokens; total = their sum. Falls back
   * to `finalUsage` when no step was recorded.
   */
  requestUsage(mode: RunMode, finalUsage: TokenUsage | undefined): UsageCounts {
    if (this.#steps === 0) {
      const prompt = finalUsage?.inputTokens ?? 0;
      const completion = finalUsage?.outputTokens ?? 0;
      return { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion };
    }
    const prompt = mode === 'single' ? this.#firstPromptTokens : this.#sum.inputTokens;
    const completion = this.#sum.outputTokens;
    return { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion };
  }
}
