/**
 * An orchestrated run (orchestration-spec §1.2): initial routing → (direct answer | clarification | plan) →
 * execute in waves → post-execute decision → final answer or replan, as a thin state machine over named steps
 * ({@link planWithRouting}, {@link executePlan}, {@link decideAfterExecute}). Presents the same interface as a
 * single-agent run: a stream of `RuntimeEvent`s from `run-start` to exactly one `run-finish` or `run-error`.
 */
import { AuraError, type RuntimeEvent } from '@aura/events';
import type { ModelMessage } from 'ai';
import { EventChannel } from '../../agent/event-channel.js';
import { linkAbortSignal } from '../../agent/link-abort-signal.js';
import {
  buildFailureSummary,
  type FailedTaskRecord,
  failedTaskRecords,
  isProviderShortCircuit,
} from '../execution-summary.js';
import { planFromSteps } from '../plan/flatten-steps.js';
import { planToJson } from '../plan/plan-json.js';
import type { Plan } from '../plan/plan-types.js';
import { buildPlanningPrompt } from '../prompts/planning-prompt.js';
import { decisionEvent } from './decision-event.js';
import { executePlan } from './execute-plan.js';
import { finalAnswerEvents } from './final-answer-stream.js';
import { loadToolTraces, writePlanManifest } from './iteration-records.js';
import { budgetExhaustedNote, RUN_BUDGET_EXHAUSTED_REASON } from './orchestration-budget.js';
import type {
  OrchestrationAgentOptions,
  OrchestrationEnvironment,
  OrchestrationRequest,
} from './orchestration-environment.js';
import { setupRun } from './orchestration-setup.js';
import { planWithRouting } from './plan-with-routing.js';
import {
  decideAfterExecute,
  type ExecutedIteration,
  type NextStep,
  planCreatedEvent,
  stopIteration,
} from './post-execute.js';
import { providerShortCircuitError, runErrorEvent, throwIfCancelled } from './run-errors.js';

/** How a run ends when it does not fail. */
type Finish = Extract<NextStep, { readonly kind: 'finish' }>;

/**
 * Runs one request against an orchestration agent. Events of every agent (coordinator reasoning, worker tool
 * calls with `agent.taskId` / `parentAgentId`, lifecycle events) arrive in one stream; the final answer is
 * streamed as coordinator `text-delta`s of 50 code points followed by `run-finish` (usage summed over every LLM
 * call). Never throws once iterating. Cancellation — `request.signal`, or leaving the iteration early — aborts
 * the coordinator, every worker and every MCP call; the run then ends with `run-error` (`RUN_ABORTED`), emits
 * nothing else and writes no manifest.
 */
export async function* runOrchestration(
  agent: OrchestrationAgentOptions,
  request: OrchestrationRequest,
): AsyncGenerator<RuntimeEvent, void, undefined> {
  const link = linkAbortSignal(request.signal);
  const channel = new EventChannel<RuntimeEvent>();
  const work = orchestrate(agent, request, link.signal, (event) => channel.push(event))
    .catch((error: unknown) => channel.push(runErrorEvent(error, link.signal)))
    .finally(() => channel.close());
  let drained = false;
  try {
    yield* channel.drain();
    drained = true;
  } finally {
    if (!drained) {
      link.abort(new AuraError('RUN_ABORTED', 'orchestrated run aborted: the consumer stopped reading its events'));
    }
    await work;
    link.dispose();
  }
}

async function orchestrate(
  agent: OrchestrationAgentOptions,
  request: OrchestrationRequest,
  cancelSignal: AbortSignal,
  push: (event: RuntimeEvent) => void,
): Promise<void> {
  const setup = await setupRun(agent, request, cancelSignal, push);
  try {
    const finish = await route(setup.env);
    throwIfCancelled(cancelSignal);
    for (const event of finalAnswerEvents(finish.answer, setup.usage(), finish.stopReason)) push(event);
  } finally {
    await setup.close();
  }
}

/** Initial routing (§1.6): a direct answer or a clarification ends the run; a plan starts the iterations. */
async function route(env: OrchestrationEnvironment): Promise<Finish> {
  const started = env.now();
  const prompt = buildPlanningPrompt({
    now: env.date(),
    query: env.query,
    workers: env.coordinator.planningWorkers,
    toolsInPlanning: env.orchestration.tools_in_planning,
    maxToolsPerWorker: env.orchestration.max_tools_per_worker,
  });
  const routed = await planWithRouting(env, 'initial', prompt, []);
  throwIfCancelled(env.cancelSignal);
  if (routed.kind === 'error') {
    const exhaustion = env.budget.exhaustion;
    if (exhaustion === undefined) throw routed.error;
    const answer = `${budgetExhaustedNote(exhaustion)}\n\n(No results yet: the budget ran out while the request was being planned.)`;
    return { kind: 'finish', answer, stopReason: 'budget_exhausted' };
  }
  const { decision } = routed;
  switch (decision.type) {
    case 'direct':
      env.emit(decisionEvent(decision));
      if (!env.cancelSignal.aborted) {
        await env.persistence.writeManifest({
          kind: 'direct_answer',
          goal: env.query,
          response: decision.response,
          responseSummary: decision.responseSummary,
        });
      }
      return { kind: 'finish', answer: decision.response };
    case 'clarification':
      // No manifest for an initial clarification (§4.4).
      env.emit(decisionEvent(decision));
      return { kind: 'finish', answer: decision.question };
    case 'steps_plan': {
      const flattened = planFromSteps(decision.goal, decision.steps);
      if (!flattened.ok)
        throw new AuraError('INTERNAL', `orchestration: the accepted plan is invalid: ${flattened.error}`);
      env.emit(planCreatedEvent(flattened.plan, decision.routingRationale, decision.planningSummary));
      return iterate(env, flattened.plan, env.now() - started, routed.conversation);
    }
  }
}

/** The plan → execute → decide loop (§1.10, §1.11), one pass per iteration. */
async function iterate(
  env: OrchestrationEnvironment,
  firstPlan: Plan,
  firstPlanningMs: number,
  firstConversation: readonly ModelMessage[],
): Promise<Finish> {
  const { persistence, orchestration } = env;
  let plan = firstPlan;
  let planningMs = firstPlanningMs;
  let conversation = firstConversation;
  let failureHistory: readonly FailedTaskRecord[] = [];
  for (let iteration = 1; ; iteration += 1) {
    const executionStarted = env.now();
    const executed = await executePlan(env, plan, iteration);
    throwIfCancelled(env.cancelSignal);
    await persistence.drain({
      timeoutMs: orchestration.artifacts.persistence_drain_timeout_ms,
      signal: env.cancelSignal,
    });
    await persistence.writePlan(planToJson(executed.plan));
    const { tasks } = executed.plan;
    failureHistory = [...failureHistory, ...failedTaskRecords(tasks, iteration)];
    const { traces, toolMs } = await loadToolTraces(env, executed.plan);
    const record: ExecutedIteration = {
      iteration,
      plan: executed.plan,
      failureSummary: buildFailureSummary(tasks, orchestration.artifacts.result_summary_length),
      failureHistory,
      toolTraces: traces,
      timings: { planningMs, executionMs: env.now() - executionStarted, taskComputeMs: executed.taskComputeMs, toolMs },
    };
    const exhaustion = env.budget.exhaustion;
    if (exhaustion === undefined && isProviderShortCircuit(tasks)) {
      await writePlanManifest(env, { plan: executed.plan, iteration });
      throw providerShortCircuitError(tasks, orchestration.artifacts.result_summary_length);
    }
    const next =
      exhaustion === undefined
        ? await decideAfterExecute(env, record, conversation)
        : await stopIteration(
            env,
            record,
            RUN_BUDGET_EXHAUSTED_REASON,
            budgetExhaustedNote(exhaustion),
            'budget_exhausted',
          );
    throwIfCancelled(env.cancelSignal);
    if (next.kind === 'finish') return next;
    // The executed plan goes back to this iteration's plan.json (the new one was written there briefly).
    await persistence.writePlan(planToJson(executed.plan));
    persistence.nextIteration();
    ({ plan, planningMs, conversation } = next);
  }
}
