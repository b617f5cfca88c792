/**
 * Token accounting of the runtime: one step's (LLM call's) usage, or a sum over steps. Provider-neutral and
 * camelCase; {@link toChatCompletionUsage} maps it to the OpenAI wire shape.
 */
export interface TokenUsage {
  /** Prompt tokens, including cached ones. */
  readonly inputTokens: number;
  /** Completion tokens, including reasoning ones. */
  readonly outputTokens: number;
  readonly totalTokens: number;
  /** Prompt tokens served from the provider's cache (part of `inputTokens`). */
  readonly cacheReadTokens?: number;
  /** Prompt tokens written to the provider's cache (part of `inputTokens`). */
  readonly cacheWriteTokens?: number;
  /** Reasoning tokens (part of `outputTokens`). */
  readonly reasoningTokens?: number;
}

/** A zero usage with no optional counters. Returns a fresh object. */
export function emptyUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

/**
 * Field-wise sum of two usages. An optional counter is present in the result when it is present in either
 * operand (a missing one counts as 0), so summing never invents counters a provider did not report.
 */
export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  const sum: { -readonly [K in keyof TokenUsage]: TokenUsage[K] } = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
  const cacheReadTokens = sumOptional(a.cacheReadTokens, b.cacheReadTokens);
  if (cacheReadTokens !== undefined) sum.cacheReadTokens = cacheReadTokens;
  const cacheWriteTokens = sumOptional(a.cacheWriteTokens, b.cacheWriteTokens);
  if (cacheWriteTokens !== undefined) sum.cacheWriteTokens = cacheWriteTokens;
  const reasoningTokens = sumOptional(a.reasoningTokens, b.reasoningTokens);
  if (reasoningTokens !== undefined) sum.reasoningTokens = reasoningTokens;
  return sum;
}

function sumOptional(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}
