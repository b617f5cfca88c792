/**
 * One coordinator call (orchestration-spec §1.5): the coordinator's agent loop over history + conversation +
 * this attempt's prompt, stopped as soon as a routing tool stored a decision. Its text is never streamed to the
 * user; reasoning and the events of `read_artifact` / `list_prior_runs` are.
 */
import type { AuraError } from '@aura/events';
import type { ModelMessage } from 'ai';
import { drainAgentLoop } from '../../agent/drain-agent-loop.js';
import { runAgentLoop } from '../../agent/run-agent-loop.js';
import { toProviderError } from '../../llm/provider-error.js';
import type { RoutingDecision } from '../routing/routing-decision.js';
import { watchCall } from './call-timeouts.js';
import { COORDINATOR_AGENT } from './final-answer-stream.js';
import { createLoopEventFilter } from './loop-event-filter.js';
import type { OrchestrationEnvironment } from './orchestration-environment.js';

/** Max ReAct depth of one coordinator call (a safety net: calls stop at the routing decision). */
export const COORDINATOR_TURN_DEPTH = 6;

/** How a coordinator call ended. */
export type CoordinatorCallResult =
  | {
      readonly kind: 'ok';
      /** The model's text (the last text-producing turn), possibly empty. */
      readonly text: string;
      /** The stored routing decision, if a routing tool succeeded. */
      readonly decision: RoutingDecision | undefined;
    }
  | { readonly kind: 'error'; readonly error: AuraError };

/**
 * Runs one coordinator call with `prompt` as the new user message after `conversation` (the request's chat
 * history comes first). Clears the decision slot first. Bounded by the per-call and inactivity timeouts
 * (`Planning timed out after <N>s`, `Planning: no stream progress for <N>s`). A failure after a decision was
 * stored still counts as a decision. Honours `env.signal`; never throws.
 */
export async function callCoordinator(
  env: OrchestrationEnvironment,
  conversation: readonly ModelMessage[],
  prompt: string,
): Promise<CoordinatorCallResult> {
  const { coordinator, coordinatorModel: model, orchestration } = env;
  coordinator.slot.clear();
  const watch = watchCall({
    phase: 'Planning',
    perCallTimeoutSecs: orchestration.timeouts.per_call_timeout_secs,
    inactivityTimeoutSecs: orchestration.timeouts.stream_inactivity_timeout_secs,
    signal: env.signal,
  });
  const filter = createLoopEventFilter({ eventTools: coordinator.eventTools, mcpTools: false, dropText: true });
  try {
    const result = await drainAgentLoop(
      runAgentLoop({
        model: model.model,
        system: coordinator.system,
        messages: [...env.history, ...conversation, { role: 'user', content: prompt }],
        tools: coordinator.tools,
        agent: COORDINATOR_AGENT,
        callSettings: model.callSettings,
        providerOptions: model.providerOptions,
        turnDepth: COORDINATOR_TURN_DEPTH,
        signal: watch.signal,
        mapError: (error) => toProviderError(error, { provider: model.provider, model: model.modelId }),
        shouldStop: () => coordinator.slot.decision !== undefined,
        finalAnswerOnDepthExhausted: false,
      }),
      (event) => {
        watch.observe(event);
        const forwarded = filter(event);
        if (forwarded !== undefined) env.emit(forwarded);
      },
    );
    const decision = coordinator.slot.decision;
    if (result.error !== undefined && decision === undefined) return { kind: 'error', error: result.error };
    return { kind: 'ok', text: result.text, decision };
  } finally {
    watch.dispose();
  }
}
