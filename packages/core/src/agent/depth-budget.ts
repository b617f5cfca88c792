/**
 * The turn budget of one agent loop (core-spec §3.4, Q3): `max_depth = turn_depth + bonus`, and the loop makes
 * at most `max_depth + 2` LLM calls with tools. The formula is the reference's (its loop breaks when a
 * pre-incremented counter exceeds `max_depth + 1`); turn nudges (§3.5) depend on it.
 */
import { AuraError } from '@aura/events';

/** The resolved budget. */
export interface DepthBudget {
  /** `turn_depth + bonus`: the limit reported by `MaxDepthError`. */
  readonly maxDepth: number;
  /** Maximum number of LLM calls that may use tools: `maxDepth + 2`. */
  readonly maxCalls: number;
}

/**
 * Resolves the budget of a run.
 * @throws AuraError `CONFIG_INVALID` when `turnDepth` or `depthBonus` is not a non-negative safe integer.
 * @example resolveDepthBudget(5) // { maxDepth: 5, maxCalls: 7 }
 */
export function resolveDepthBudget(turnDepth: number, depthBonus = 0): DepthBudget {
  for (const [name, value] of [
    ['turnDepth', turnDepth],
    ['depthBonus', depthBonus],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new AuraError('CONFIG_INVALID', `agent loop: ${name} must be a non-negative integer, got ${value}`);
    }
  }
  const maxDepth = turnDepth + depthBonus;
  return { maxDepth, maxCalls: maxDepth + 2 };
}

/** The reference's depth-exhaustion message (callers detect `MaxDepthError` / `reached limit`). */
export function maxDepthErrorMessage(maxDepth: number): string {
  return `MaxDepthError: (reached limit: ${maxDepth})`;
}
