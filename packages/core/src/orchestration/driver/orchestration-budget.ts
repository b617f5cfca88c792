/**
 * The optional run budget of an orchestrated request (Aura extension: `[orchestration].max_run_tokens`,
 * `max_run_seconds`), enforced by the executor rather than by prompts. Spending the token budget refuses every
 * further LLM call (calls in flight finish); spending the time budget aborts the running work. Either way the
 * driver then answers with the results so far, labelled (see {@link budgetExhaustedNote}).
 */
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { OrchestrationConfig } from '@aura/config';
import { AuraError, type TokenUsage } from '@aura/events';
import { withMiddleware } from '../../llm/with-middleware.js';

/** The limits; `undefined` or `0` means no limit. */
export interface RunBudgetLimits {
  /** Input + output tokens summed over every coordinator and worker LLM call. */
  readonly maxTokens?: number | undefined;
  /** Wall-clock seconds from the start of the run. */
  readonly maxSeconds?: number | undefined;
}

/** Which limit was reached first. */
export type BudgetExhaustion =
  | { readonly kind: 'tokens'; readonly limit: number; readonly used: number }
  | { readonly kind: 'seconds'; readonly limit: number };

/** The budget of one run. */
export interface RunBudget {
  /** Aborts (reason: a `RUN_BUDGET_EXHAUSTED` `AuraError`) when the time budget runs out. Never aborts otherwise. */
  readonly signal: AbortSignal;
  /** The first limit reached, or `undefined` while there is budget left. */
  readonly exhaustion: BudgetExhaustion | undefined;
  /** Tokens counted so far. */
  readonly tokensUsed: number;
  /** Counts one LLM call's usage; reaching `maxTokens` exhausts the budget. */
  recordUsage(usage: TokenUsage): void;
  /**
   * `model` behind a gate that rejects every call started after the budget is exhausted with
   * `RUN_BUDGET_EXHAUSTED` (before anything is sent). The same model object always gets the same gate.
   */
  guardModel(model: LanguageModelV3): LanguageModelV3;
  /** Stops the time-budget timer. Idempotent. */
  dispose(): void;
}

/** Reads the budget keys of `[orchestration]` (validated non-negative integers by the config layer); 0 = unset. */
export function readRunBudgetLimits(
  orchestration: Pick<OrchestrationConfig, 'max_run_tokens' | 'max_run_seconds'>,
): RunBudgetLimits {
  const positive = (value: number | undefined): number | undefined =>
    value !== undefined && value > 0 ? value : undefined;
  return { maxTokens: positive(orchestration.max_run_tokens), maxSeconds: positive(orchestration.max_run_seconds) };
}

/** `max_run_tokens = 5000, 5210 tokens used` / `max_run_seconds = 30`: which limit was reached. */
function describeLimit(exhaustion: BudgetExhaustion): string {
  return exhaustion.kind === 'tokens'
    ? `max_run_tokens = ${exhaustion.limit}, ${exhaustion.used} tokens used`
    : `max_run_seconds = ${exhaustion.limit}`;
}

/**
 * The label put before the results when a budget stopped the run, e.g. `Run budget exhausted (max_run_tokens =
 * 5000, 5210 tokens used): the request was stopped before it finished; the results gathered so far follow.`
 */
export function budgetExhaustedNote(exhaustion: BudgetExhaustion): string {
  return `Run budget exhausted (${describeLimit(exhaustion)}): the request was stopped before it finished; the results gathered so far follow.`;
}

/** `iteration-complete.reasoning` when the run budget ended an iteration. */
export const RUN_BUDGET_EXHAUSTED_REASON = 'Run budget exhausted';

/**
 * Creates the budget of one run and starts its timer (when `maxSeconds` is set). Limits of 0 are treated as
 * unset. Call {@link RunBudget.dispose} when the run ends.
 */
export function createRunBudget(limits: RunBudgetLimits): RunBudget {
  const controller = new AbortController();
  const maxTokens = positive(limits.maxTokens);
  const maxSeconds = positive(limits.maxSeconds);
  const gates = new WeakMap<LanguageModelV3, LanguageModelV3>();
  let exhaustion: BudgetExhaustion | undefined;
  let used = 0;
  const exhaust = (value: BudgetExhaustion): void => {
    if (exhaustion !== undefined) return;
    exhaustion = value;
    if (value.kind === 'seconds') controller.abort(exhaustedError(value));
  };
  const timer =
    maxSeconds === undefined
      ? undefined
      : setTimeout(() => exhaust({ kind: 'seconds', limit: maxSeconds }), maxSeconds * 1000);
  const check = (): void => {
    if (exhaustion !== undefined) throw exhaustedError(exhaustion);
  };
  return {
    signal: controller.signal,
    get exhaustion() {
      return exhaustion;
    },
    get tokensUsed() {
      return used;
    },
    recordUsage(usage) {
      used += usage.inputTokens + usage.outputTokens;
      if (maxTokens !== undefined && used >= maxTokens) exhaust({ kind: 'tokens', limit: maxTokens, used });
    },
    guardModel(model) {
      if (maxTokens === undefined && maxSeconds === undefined) return model;
      let gated = gates.get(model);
      if (gated === undefined) {
        gated = withMiddleware(model, {
          specificationVersion: 'v3',
          wrapStream: async ({ doStream }) => {
            check();
            return doStream();
          },
          wrapGenerate: async ({ doGenerate }) => {
            check();
            return doGenerate();
          },
        });
        gates.set(model, gated);
      }
      return gated;
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/** The error of a refused call (tokens) or the abort reason of stopped work (seconds). */
function exhaustedError(exhaustion: BudgetExhaustion): AuraError {
  const what = exhaustion.kind === 'tokens' ? 'no further LLM call is made' : 'running work was stopped';
  return new AuraError('RUN_BUDGET_EXHAUSTED', `Run budget exhausted (${describeLimit(exhaustion)}); ${what}`, {
    data: exhaustion,
  });
}

function positive(value: number | undefined): number | undefined {
  return value === undefined || value <= 0 ? undefined : value;
}
