/**
 * The post-execute decision (orchestration-spec §1.11): `synthesizing`, a second routing call with the
 * continuation prompt, then — by outcome — the final answer, a clarification, an accepted replan, or a refused
 * replan / failed coordinator answered with the raw task results and a note.
 */
import { type RunStopReason, type RuntimeEvent, runtimeEvent } from '@aura/events';
import type { ModelMessage } from 'ai';
import type { FailedTaskRecord, FailureSummary } from '../execution-summary.js';
import { planFromSteps } from '../plan/flatten-steps.js';
import type { Plan } from '../plan/plan-types.js';
import { routingModeFor } from '../plan/plan-types.js';
import { buildContinuationPrompt } from '../prompts/continuation-prompt.js';
import { withCurrentTime } from '../prompts/current-time.js';
import type { ToolTraceEntryView } from '../prompts/run-manifest-view.js';
import {
  buildRawTaskResults,
  isTimeBudgetExhausted,
  postExecuteErrorNote,
  REPLAN_BUDGET_EXHAUSTED_NOTE,
  REPLAN_BUDGET_EXHAUSTED_REASON,
  TIME_BUDGET_EXHAUSTED_NOTE,
  TIME_BUDGET_EXHAUSTED_REASON,
} from '../raw-results.js';
import type { StepsPlanDecision } from '../routing/routing-decision.js';
import { decisionEvent } from './decision-event.js';
import { COORDINATOR_AGENT } from './final-answer-stream.js';
import { type IterationTimings, writePlanManifest } from './iteration-records.js';
import { budgetExhaustedNote, RUN_BUDGET_EXHAUSTED_REASON } from './orchestration-budget.js';
import type { OrchestrationEnvironment } from './orchestration-environment.js';
import { planWithRouting } from './plan-with-routing.js';

/** An executed iteration, as the post-execute decision sees it. */
export interface ExecutedIteration {
  readonly iteration: number;
  /** The executed plan with final task states. */
  readonly plan: Plan;
  readonly failureSummary: FailureSummary | undefined;
  /** Failed tasks of every iteration so far. */
  readonly failureHistory: readonly FailedTaskRecord[];
  readonly toolTraces: ReadonlyMap<number, readonly ToolTraceEntryView[]>;
  readonly timings: IterationTimings;
}

/** What the driver does next. */
export type NextStep =
  | { readonly kind: 'finish'; readonly answer: string; readonly stopReason?: RunStopReason }
  | {
      readonly kind: 'replan';
      readonly plan: Plan;
      /** Duration of the decision that produced the plan: the next iteration's `planning_ms`. */
      readonly planningMs: number;
      readonly conversation: readonly ModelMessage[];
    };

/**
 * Emits `synthesizing`, asks the coordinator (continuation prompt after `Current time:`), and acts on the
 * decision: `direct-answer` / `clarification-needed` then `iteration-complete{willReplan:false}` (manifest
 * written); a plan refused by `max_planning_cycles`, the outer time budget or the run budget, or a coordinator
 * failure → `iteration-complete` with the reason and the raw results; otherwise `plan-created`,
 * `iteration-complete{willReplan:true}`, `replan-started{iteration+1}`. Never throws.
 */
export async function decideAfterExecute(
  env: OrchestrationEnvironment,
  executed: ExecutedIteration,
  conversation: readonly ModelMessage[],
): Promise<NextStep> {
  const { iteration, plan } = executed;
  env.emit(runtimeEvent.synthesizing({ agent: COORDINATOR_AGENT, iteration }));
  const maxCycles = Math.max(1, env.orchestration.max_planning_cycles);
  const prompt = buildContinuationPrompt({
    iteration,
    maxPlanningCycles: env.orchestration.max_planning_cycles,
    plan,
    failureSummary: executed.failureSummary,
    failureHistory: executed.failureHistory,
    toolTraces: executed.toolTraces,
    showToolReasoning: env.orchestration.artifacts.show_tool_reasoning_in_continuation,
    resultSummaryLength: env.orchestration.artifacts.result_summary_length,
  });
  const started = env.now();
  const routed = await planWithRouting(env, 'post_execute', withCurrentTime(env.date(), prompt), conversation);
  const planningMs = env.now() - started;
  if (routed.kind === 'error') {
    const exhaustion = env.budget.exhaustion;
    if (exhaustion !== undefined) {
      return stopIteration(
        env,
        executed,
        RUN_BUDGET_EXHAUSTED_REASON,
        budgetExhaustedNote(exhaustion),
        'budget_exhausted',
      );
    }
    const note = postExecuteErrorNote(routed.error.message);
    return stopIteration(env, executed, note, note);
  }
  const { decision } = routed;
  switch (decision.type) {
    case 'direct':
      env.emit(decisionEvent(decision));
      await concludeIteration(env, executed, decision.responseSummary);
      return { kind: 'finish', answer: decision.response };
    case 'clarification':
      env.emit(decisionEvent(decision));
      await concludeIteration(env, executed, undefined);
      return { kind: 'finish', answer: decision.question };
    case 'steps_plan':
      return replanOrRefuse(env, executed, decision, { maxCycles, planningMs, conversation: routed.conversation });
  }
}

async function replanOrRefuse(
  env: OrchestrationEnvironment,
  executed: ExecutedIteration,
  decision: StepsPlanDecision,
  facts: { readonly maxCycles: number; readonly planningMs: number; readonly conversation: readonly ModelMessage[] },
): Promise<NextStep> {
  const { iteration } = executed;
  if (iteration >= facts.maxCycles) {
    return stopIteration(env, executed, REPLAN_BUDGET_EXHAUSTED_REASON, REPLAN_BUDGET_EXHAUSTED_NOTE);
  }
  const timeBudgetSpent = isTimeBudgetExhausted({
    outerBudgetMs: env.streamingTimeoutSecs === undefined ? undefined : env.streamingTimeoutSecs * 1000,
    perCallTimeoutSecs: env.orchestration.timeouts.per_call_timeout_secs,
    elapsedMs: env.now() - env.startedAt,
  });
  if (timeBudgetSpent) return stopIteration(env, executed, TIME_BUDGET_EXHAUSTED_REASON, TIME_BUDGET_EXHAUSTED_NOTE);
  const exhaustion = env.budget.exhaustion;
  if (exhaustion !== undefined) {
    return stopIteration(
      env,
      executed,
      RUN_BUDGET_EXHAUSTED_REASON,
      budgetExhaustedNote(exhaustion),
      'budget_exhausted',
    );
  }
  const next = planFromSteps(decision.goal, decision.steps);
  if (!next.ok) {
    const note = postExecuteErrorNote(`the new plan is invalid: ${next.error}`);
    return stopIteration(env, executed, note, note);
  }
  env.emit(planCreatedEvent(next.plan, decision.routingRationale, decision.planningSummary));
  env.emit(iterationComplete(executed, true, undefined));
  env.emit(
    runtimeEvent.replanStarted({
      agent: COORDINATOR_AGENT,
      iteration: iteration + 1,
      trigger: 'post_execute_create_plan',
    }),
  );
  return { kind: 'replan', plan: next.plan, planningMs: facts.planningMs, conversation: facts.conversation };
}

/**
 * Ends the run after an iteration without a coordinator answer: `iteration-complete{willReplan:false,
 * reasoning}`, the manifest, and the raw task results after `note` as the answer.
 */
export async function stopIteration(
  env: OrchestrationEnvironment,
  executed: ExecutedIteration,
  reasoning: string,
  note: string,
  stopReason?: RunStopReason,
): Promise<NextStep> {
  env.emit(iterationComplete(executed, false, reasoning));
  await writePlanManifest(env, { plan: executed.plan, iteration: executed.iteration, timings: executed.timings });
  const answer = buildRawTaskResults(note, executed.plan.tasks);
  return stopReason === undefined ? { kind: 'finish', answer } : { kind: 'finish', answer, stopReason };
}

async function concludeIteration(
  env: OrchestrationEnvironment,
  executed: ExecutedIteration,
  responseSummary: string | undefined,
): Promise<void> {
  env.emit(iterationComplete(executed, false, undefined));
  await writePlanManifest(env, {
    plan: executed.plan,
    iteration: executed.iteration,
    responseSummary,
    timings: executed.timings,
  });
}

function iterationComplete(executed: ExecutedIteration, willReplan: boolean, reasoning: string | undefined) {
  const { timings } = executed;
  return runtimeEvent.iterationComplete({
    agent: COORDINATOR_AGENT,
    iteration: executed.iteration,
    willReplan,
    reasoning: reasoning === '' ? undefined : reasoning,
    planningMs: Math.round(timings.planningMs),
    executionMs: Math.round(timings.executionMs),
    taskComputeMs: Math.round(timings.taskComputeMs),
    toolMs: Math.round(timings.toolMs),
  });
}

/** `plan-created` for an accepted plan (`planningResponse` omitted when the summary is empty). */
export function planCreatedEvent(plan: Plan, routingRationale: string, planningSummary: string): RuntimeEvent {
  return runtimeEvent.planCreated({
    agent: COORDINATOR_AGENT,
    goal: plan.goal,
    tasks: plan.tasks.map((task) => task.description),
    routingMode: routingModeFor(plan),
    routingRationale,
    planningResponse: planningSummary === '' ? undefined : planningSummary,
  });
}
