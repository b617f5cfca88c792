/** The event announcing a routing decision that ends an iteration without a plan: a direct answer or a question. */
import { type RuntimeEvent, runtimeEvent } from '@aura/events';
import type { ClarificationDecision, DirectDecision } from '../routing/routing-decision.js';
import { COORDINATOR_AGENT } from './final-answer-stream.js';

/** `direct-answer` for a direct decision, `clarification-needed` for a clarification, from the coordinator. */
export function decisionEvent(decision: DirectDecision | ClarificationDecision): RuntimeEvent {
  return decision.type === 'direct'
    ? runtimeEvent.directAnswer({
        agent: COORDINATOR_AGENT,
        response: decision.response,
        routingRationale: decision.routingRationale,
      })
    : runtimeEvent.clarificationNeeded({
        agent: COORDINATOR_AGENT,
        question: decision.question,
        options: decision.options,
        routingRationale: decision.routingRationale,
      });
}
