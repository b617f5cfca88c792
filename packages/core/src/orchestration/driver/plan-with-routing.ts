/**
 * A routing decision with corrections (orchestration-spec §1.6, §1.7): up to `max_plan_parse_retries`
 * coordinator calls — the planning or continuation prompt first, then the correction message — until a routing
 * tool stored a decision; config enforcement; the fallback plan when initial routing never succeeds.
 */
import { AuraError } from '@aura/events';
import type { ModelMessage } from 'ai';
import { isTransientCategory } from '../failure-category.js';
import { planFromSteps } from '../plan/flatten-steps.js';
import { planToJson } from '../plan/plan-json.js';
import { enforceRoutingConfig, fallbackPlan, type RoutingPhase } from '../routing/enforce-routing-config.js';
import { decisionJson, type RoutingDecision } from '../routing/routing-decision.js';
import {
  CORRECTION_MESSAGE,
  PLANNING_CONTEXT_LIMIT_MESSAGE,
  planningFailedMessage,
  postExecuteRoutingFailedMessage,
} from '../routing/routing-messages.js';
import { callCoordinator } from './coordinator-call.js';
import { categorizeError } from './error-category.js';
import type { OrchestrationEnvironment } from './orchestration-environment.js';

/** Outcome of {@link planWithRouting}; `conversation` is the coordinator conversation after it. */
export type RoutingOutcome =
  | {
      readonly kind: 'decision';
      /** After config enforcement (and the fallback plan at initial routing). */
      readonly decision: RoutingDecision;
      readonly conversation: readonly ModelMessage[];
    }
  | { readonly kind: 'error'; readonly error: AuraError; readonly conversation: readonly ModelMessage[] };

/**
 * Routes with up to `max_plan_parse_retries` attempts. Per attempt: on a call error, a context overflow ends
 * routing (`Context limit exceeded during planning. …`, code `PROVIDER_CONTEXT_OVERFLOW`), a transient error
 * (`provider_overloaded`, `agent_timeout`) moves to the next attempt, anything else ends it (`Planning failed:
 * <error>`, keeping the error's code); an abort (cancellation or run budget) ends it at once. On success the
 * prompt and the model's text (or the decision JSON when the text is blank) join the conversation, the planning
 * files are written, and a plan decision's `plan.json` is written to the current iteration. Without a decision
 * after every attempt: the fallback plan at `initial`, an error at `post_execute`. Never throws.
 */
export async function planWithRouting(
  env: OrchestrationEnvironment,
  phase: RoutingPhase,
  firstPrompt: string,
  conversation: readonly ModelMessage[],
): Promise<RoutingOutcome> {
  const { persistence, orchestration } = env;
  const maxAttempts = orchestration.max_plan_parse_retries;
  let messages = [...conversation];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const prompt = attempt === 1 ? firstPrompt : CORRECTION_MESSAGE;
    await persistence.recordPrompt({
      phase: { kind: 'planning', attempt, maxAttempts },
      iteration: persistence.iteration,
      systemPrompt: env.coordinator.system,
      userPrompt: prompt,
    });
    const call = await callCoordinator(env, messages, prompt);
    if (call.kind === 'error') {
      const { error } = call;
      if (env.signal.aborted) return { kind: 'error', error, conversation: messages };
      const category = categorizeError(error);
      if (category === 'context_overflow') {
        const overflow = new AuraError('PROVIDER_CONTEXT_OVERFLOW', PLANNING_CONTEXT_LIMIT_MESSAGE, { cause: error });
        return { kind: 'error', error: overflow, conversation: messages };
      }
      // Quirk §9 item 2: the prompt joins the conversation without an assistant turn.
      messages = [...messages, { role: 'user', content: prompt }];
      if (isTransientCategory(category)) continue;
      const failed = new AuraError(error.code, planningFailedMessage(error.message), {
        cause: error,
        retryable: error.retryable,
      });
      return { kind: 'error', error: failed, conversation: messages };
    }
    const { decision, text } = call;
    const response = text.trim() === '' && decision !== undefined ? decisionJson(decision) : text;
    messages = [...messages, { role: 'user', content: prompt }];
    if (response.trim() !== '') messages.push({ role: 'assistant', content: response });
    await persistence.writePlanningPhase(prompt, response);
    if (decision !== undefined) {
      const enforced = enforceRoutingConfig(decision, orchestration, env.query, { phase });
      await writePendingPlan(env, enforced);
      return { kind: 'decision', decision: enforced, conversation: messages };
    }
    env.logger.debug(`orchestration: coordinator attempt ${attempt}/${maxAttempts} did not route`);
  }
  if (phase === 'post_execute') {
    const error = new AuraError('INTERNAL', postExecuteRoutingFailedMessage(maxAttempts));
    return { kind: 'error', error, conversation: messages };
  }
  const fallback = fallbackPlan(env.query);
  await writePendingPlan(env, fallback);
  return { kind: 'decision', decision: fallback, conversation: messages };
}

async function writePendingPlan(env: OrchestrationEnvironment, decision: RoutingDecision): Promise<void> {
  if (decision.type !== 'steps_plan') return;
  const plan = planFromSteps(decision.goal, decision.steps);
  if (plan.ok) await env.persistence.writePlan(planToJson(plan.plan));
}
