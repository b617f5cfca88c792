/**
 * The final answer when the coordinator cannot synthesise one (orchestration-spec §1.11): a note followed by
 * every task's raw result, plus the notes and the time-budget rule that lead there.
 */
import { categorizeFailure } from './failure-category.js';
import type { Task } from './plan/plan-types.js';

/** `iteration_complete.reasoning` when a replan is refused by `max_planning_cycles`. */
export const REPLAN_BUDGET_EXHAUSTED_REASON = 'Replan budget exhausted';
/** Raw-results note when a replan is refused by `max_planning_cycles`. */
export const REPLAN_BUDGET_EXHAUSTED_NOTE =
  'Replan budget exhausted: coordinator requested another iteration but max_planning_cycles reached';
/** `iteration_complete.reasoning` when a replan is refused by the outer time budget. */
export const TIME_BUDGET_EXHAUSTED_REASON = 'Time budget exhausted';
/** Raw-results note when a replan is refused by the outer time budget. */
export const TIME_BUDGET_EXHAUSTED_NOTE =
  'Time budget exhausted: the remaining outer budget cannot fit another iteration';

/**
 * `<note>\n\nRaw task results:\n\n` followed by one block per task, `## Task <id>: <description>\n\n<body>\n\n`,
 * where the body is the result (complete), `Failed: <error>` (failed) or `(not executed)` (pending/running).
 * Pure.
 */
export function buildRawTaskResults(note: string, tasks: readonly Task[]): string {
  let out = `${note}\n\nRaw task results:\n\n`;
  for (const task of tasks) {
    const { state } = task;
    const body =
      state.status === 'complete'
        ? state.result
        : state.status === 'failed'
          ? `Failed: ${state.error}`
          : '(not executed)';
    out += `## Task ${task.id}: ${task.description}\n\n${body}\n\n`;
  }
  return out;
}

/**
 * The note for a failed post-execute coordinator call, by the error's category (§1.11): `agent_timeout` →
 * `Post-execute coordinator call timed out: <error>`; `depth_exhausted` → `Post-execute coordinator exhausted
 * its turn budget without routing: <error>`; otherwise `Post-execute coordinator call failed: <error>`.
 */
export function postExecuteErrorNote(error: string): string {
  switch (categorizeFailure(error)) {
    case 'agent_timeout':
      return `Post-execute coordinator call timed out: ${error}`;
    case 'depth_exhausted':
      return `Post-execute coordinator exhausted its turn budget without routing: ${error}`;
    default:
      return `Post-execute coordinator call failed: ${error}`;
  }
}

/** Inputs of {@link isTimeBudgetExhausted}. */
export interface TimeBudgetInput {
  /** The outer (server streaming) budget in ms; `0` or `undefined` means no budget. */
  readonly outerBudgetMs?: number | undefined;
  /** `[orchestration.timeouts].per_call_timeout_secs`; `0` disables the rule. */
  readonly perCallTimeoutSecs: number;
  /** Time since the run started (before initial planning), in ms. */
  readonly elapsedMs: number;
}

/**
 * Whether another iteration cannot fit the outer budget (§1.11): true iff an outer budget exists (non-zero),
 * `perCallTimeoutSecs > 0`, and `elapsedMs + perCallTimeoutSecs × 1000 > outerBudgetMs`. An outer budget of 0
 * means "no budget" (the reference's `STREAMING_TIMEOUT_SECS = 0` handling treats it as already elapsed in
 * its watcher; see §9 item 14). Pure.
 */
export function isTimeBudgetExhausted(input: TimeBudgetInput): boolean {
  const { outerBudgetMs, perCallTimeoutSecs, elapsedMs } = input;
  if (outerBudgetMs === undefined || outerBudgetMs <= 0) return false;
  if (perCallTimeoutSecs <= 0) return false;
  return elapsedMs + perCallTimeoutSecs * 1000 > outerBudgetMs;
}
