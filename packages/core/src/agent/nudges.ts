/**
 * Turn-limit nudges (core-spec §3.5, the reference's `turn_nudge.rs`): a notice appended to tool output when
 * the agent nears its turn limit, so it wraps up instead of losing its work.
 */
import type { NudgeOptions } from './agent-loop-types.js';

/** Separator between the tool output and the nudge. */
const NUDGE_SEPARATOR = '\n\n---\n';

/** The final-turn notice (without separator). `worker` asks for `submit_result` instead of an answer. */
export function lastTurnNudgeText(variant: NudgeOptions['variant']): string {
  const action =
    variant === 'worker'
      ? 'Call the `submit_result` tool NOW with your findings — do not call any other tools first'
      : 'Respond with your final answer now — do not call any more tools';
  return `[TURN LIMIT — FINAL TURN] Your next turn is the LAST one before this task is terminated and all work is lost. ${action}. Partial results are better than none.`;
}

/** The wrap-up notice for `remaining` turns (without separator). */
export function wrapUpNudgeText(variant: NudgeOptions['variant'], remaining: number): string {
  const action =
    variant === 'worker' ? 'submit your findings via the `submit_result` tool' : 'deliver your final answer';
  return `[TURN LIMIT WARNING] Only ${remaining} turn(s) remain before this task is forcibly terminated. Start wrapping up: make only the most essential remaining tool calls, then ${action} before the limit is reached.`;
}

/** Nudge state of one run. */
export interface TurnNudger {
  /**
   * The text to append (separator included) to a tool output produced during LLM call `turn` (1-based), or
   * `undefined`. At most one nudge per turn: the first call in a turn that qualifies takes it.
   */
  nudgeFor(turn: number): string | undefined;
}

/**
 * Creates the nudge state of a run with `maxDepth` (`turn_depth + bonus`), or `undefined` when both flags
 * are off. With `max_turns = maxDepth + 2` and `remaining = max_turns - turn`: nothing when `remaining` is 0;
 * when it is 1, the final-turn notice if `lastTurn`, else the wrap-up notice if `turnsRemaining >= 1`; when
 * `remaining <= turnsRemaining`, the wrap-up notice.
 */
export function createTurnNudger(options: NudgeOptions | undefined, maxDepth: number): TurnNudger | undefined {
  if (options === undefined || (!options.lastTurn && options.turnsRemaining === undefined)) return undefined;
  const { lastTurn, turnsRemaining: threshold, variant } = options;
  const maxTurns = maxDepth + 2;
  let lastNudgedTurn = 0;
  return {
    nudgeFor(turn) {
      const remaining = Math.max(0, maxTurns - turn);
      if (remaining === 0) return undefined;
      let text: string | undefined;
      if (remaining === 1) {
        if (lastTurn) text = lastTurnNudgeText(variant);
        else if (threshold !== undefined && threshold >= 1) text = wrapUpNudgeText(variant, remaining);
      } else if (threshold !== undefined && remaining <= threshold) {
        text = wrapUpNudgeText(variant, remaining);
      }
      if (text === undefined || lastNudgedTurn === turn) return undefined;
      lastNudgedTurn = turn;
      return `${NUDGE_SEPARATOR}${text}`;
    },
  };
}
