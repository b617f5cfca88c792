/**
 * Config enforcement of routing decisions (orchestration-spec §1.7) and the fallback plan used when the
 * coordinator never routes (§1.6).
 */
import type { OrchestrationConfig } from '@aura/config';
import { truncateUtf8, utf8ByteLength } from '../../util/utf8.js';
import type { RoutingDecision, StepsPlanDecision } from './routing-decision.js';

/** Which coordinator call produced the decision. */
export type RoutingPhase = 'initial' | 'post_execute';

/** Options for {@link enforceRoutingConfig}. */
export interface EnforceRoutingOptions {
  readonly phase: RoutingPhase;
}

/** Rationale of the {@link fallbackPlan}. */
export const FALLBACK_ROUTING_RATIONALE = 'Fallback: all routing attempts failed';

/**
 * The reference's `truncate_query`: the longest prefix of `text` within `maxBytes` UTF-8 bytes (never
 * splitting a character), with `...` appended when anything was cut.
 */
export function truncateQuery(text: string, maxBytes: number): string {
  return utf8ByteLength(text) <= maxBytes ? text : `${truncateUtf8(text, maxBytes)}...`;
}

/**
 * Applies `allow_direct_answers` / `allow_clarification` to a decision:
 * - a `direct` decision while `allow_direct_answers = false` becomes a single generic-worker task plan
 *   (goal = query, task `Answer the user's query: <query ≤80 bytes…>`, rationale `Config override
 *   (allow_direct_answers=false). Original rationale: <r> | Original answer: <answer ≤100 bytes…>`) — but only
 *   at phase `initial`: at `post_execute` the direct answer is kept so the run can end (deviation: the
 *   reference converts it too, so such runs could only end through the replan budget);
 * - a `clarification` while `allow_clarification = false` becomes a plan with task `Investigate and answer the
 *   user's query: <query ≤80 bytes…>` and rationale `Config override (allow_clarification=false). Original
 *   rationale: <r> | Original question: <question ≤100 bytes…>` (both phases);
 * - everything else is returned unchanged. Converted plans have an empty planning summary. Pure.
 */
export function enforceRoutingConfig(
  decision: RoutingDecision,
  config: Pick<OrchestrationConfig, 'allow_direct_answers' | 'allow_clarification'>,
  query: string,
  options: EnforceRoutingOptions,
): RoutingDecision {
  if (decision.type === 'direct' && !config.allow_direct_answers && options.phase === 'initial') {
    return singleTaskPlan(
      query,
      `Answer the user's query: ${truncateQuery(query, 80)}`,
      `Config override (allow_direct_answers=false). Original rationale: ${decision.routingRationale} | Original answer: ${truncateQuery(decision.response, 100)}`,
    );
  }
  if (decision.type === 'clarification' && !config.allow_clarification) {
    return singleTaskPlan(
      query,
      `Investigate and answer the user's query: ${truncateQuery(query, 80)}`,
      `Config override (allow_clarification=false). Original rationale: ${decision.routingRationale} | Original question: ${truncateQuery(decision.question, 100)}`,
    );
  }
  return decision;
}

/**
 * The plan used when no routing attempt produced a decision at initial routing (§1.6): goal = query, one
 * generic-worker task `Execute: <query ≤100 bytes>` (`...` appended when cut), rationale
 * {@link FALLBACK_ROUTING_RATIONALE}, empty planning summary.
 */
export function fallbackPlan(query: string): StepsPlanDecision {
  return singleTaskPlan(query, `Execute: ${truncateQuery(query, 100)}`, FALLBACK_ROUTING_RATIONALE);
}

function singleTaskPlan(goal: string, task: string, routingRationale: string): StepsPlanDecision {
  return { type: 'steps_plan', goal, steps: [{ type: 'task', task }], routingRationale, planningSummary: '' };
}
