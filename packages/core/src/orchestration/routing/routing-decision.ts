/**
 * The coordinator's routing decision (orchestration-spec §1.4): exactly one of a direct answer, a step plan or
 * a clarification question, captured by the routing tools.
 */

import type { Step } from '../plan/step.js';
import { stepsToJson } from '../plan/step.js';

/** `respond_directly`: the final answer. */
export interface DirectDecision {
  readonly type: 'direct';
  /** The complete user-visible answer. */
  readonly response: string;
  readonly routingRationale: string;
  /** The tool's optional `summary` (1–2 sentences for session history). */
  readonly responseSummary?: string;
}

/** `create_plan`: a step tree to execute. */
export interface StepsPlanDecision {
  readonly type: 'steps_plan';
  readonly goal: string;
  /** Already validated by flattening when produced by `create_plan`. */
  readonly steps: readonly Step[];
  readonly routingRationale: string;
  /** `""` for fallback and config-converted plans. */
  readonly planningSummary: string;
}

/** `request_clarification`: a question for the user. */
export interface ClarificationDecision {
  readonly type: 'clarification';
  readonly question: string;
  readonly options?: readonly string[];
  readonly routingRationale: string;
}

/** One routing decision. */
export type RoutingDecision = DirectDecision | StepsPlanDecision | ClarificationDecision;

/** The decision's `response_type` tag. */
const RESPONSE_TYPES = { direct: 'direct', steps_plan: 'steps_plan', clarification: 'clarification' } as const;

/**
 * Pretty-printed JSON of a decision, used as the coordinator's assistant turn when the model's own text is
 * blank (§1.6 step 3): `{"response_type": "direct" | "steps_plan" | "clarification", ...fields}` with
 * snake_case fields in the reference's order (`response_summary` / `options` omitted when absent), two-space
 * indentation.
 */
export function decisionJson(decision: RoutingDecision): string {
  return JSON.stringify(decisionToJson(decision), null, 2);
}

function decisionToJson(decision: RoutingDecision): Record<string, unknown> {
  const response_type = RESPONSE_TYPES[decision.type];
  switch (decision.type) {
    case 'direct':
      return {
        response_type,
        response: decision.response,
        routing_rationale: decision.routingRationale,
        ...(decision.responseSummary === undefined ? {} : { response_summary: decision.responseSummary }),
      };
    case 'steps_plan':
      return {
        response_type,
        goal: decision.goal,
        steps: stepsToJson(decision.steps),
        routing_rationale: decision.routingRationale,
        planning_summary: decision.planningSummary,
      };
    case 'clarification':
      return {
        response_type,
        question: decision.question,
        ...(decision.options === undefined ? {} : { options: [...decision.options] }),
        routing_rationale: decision.routingRationale,
      };
  }
}
