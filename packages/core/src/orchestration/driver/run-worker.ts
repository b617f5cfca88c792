/**
 * Running one task (orchestration-spec §2.5): at most two attempts, each with a brand-new worker (tools, guard
 * state, `submit_result`), the `submit_result` protocol with one corrective retry, per-attempt files, and result
 * artifacts (§2.6).
 */
import type { AuraError } from '@aura/events';
import type { ModelMessage } from 'ai';
import { drainAgentLoop } from '../../agent/drain-agent-loop.js';
import { runAgentLoop } from '../../agent/run-agent-loop.js';
import { toProviderError } from '../../llm/provider-error.js';
import { maybeCreateResultArtifact } from '../artifacts/result-artifact.js';
import { categorizeFailure, type FailureCategory } from '../failure-category.js';
import { createTaskExecutionRecord } from '../persistence/persistence-records.js';
import { completedDependencies } from '../plan/plan-state.js';
import type { Plan, StructuredOutput, Task } from '../plan/plan-types.js';
import { buildWorkerTaskPrompt, WORKER_CORRECTION_MESSAGE } from '../prompts/worker-prompts.js';
import type { SubmittedResult } from '../worker-tools/submit-result.js';
import { watchCall } from './call-timeouts.js';
import { categorizeError } from './error-category.js';
import { createLoopEventFilter } from './loop-event-filter.js';
import type { OrchestrationEnvironment } from './orchestration-environment.js';
import { resolveWorkerAgent, unknownWorkerMessage, type WorkerAgent } from './worker-agent.js';
import { buildWorkerToolSet } from './worker-tool-set.js';

/** Attempts per task: the first, plus one corrective retry when `submit_result` was not called. */
export const MAX_TASK_ATTEMPTS = 2;

/** How a task ended. Texts are final: large results are already replaced by their artifact preview. */
export type TaskOutcome =
  | { readonly kind: 'complete'; readonly result: string; readonly structuredOutput: StructuredOutput }
  /** Two attempts without `submit_result`: the raw text (category `soft_failure`). */
  | { readonly kind: 'soft_failure'; readonly text: string }
  | { readonly kind: 'error'; readonly message: string; readonly category: FailureCategory };

/** How one attempt ended. */
type AttemptEnd =
  | { readonly kind: 'error'; readonly error: AuraError }
  | {
      readonly kind: 'done';
      readonly text: string;
      readonly submission: SubmittedResult | undefined;
      readonly escalated: boolean;
    };

/**
 * Runs `task` of `plan` (its complete direct dependencies give the context) in `iteration`. A task naming an
 * unknown worker fails at once (`Worker '<x>' not found in configuration (task <id>)`, no files). Hard errors
 * (provider failures, timeouts, context overflow, the duplicate-call loop) are not retried and read `Worker failed
 * task <id> after <k> attempts: <error>`. Honours `env.signal` (an abort ends the attempt as an error). Never
 * throws.
 */
export async function runTask(
  env: OrchestrationEnvironment,
  task: Task,
  plan: Plan,
  iteration: number,
): Promise<TaskOutcome> {
  const worker = resolveWorkerAgent(env, task);
  if (worker === undefined) {
    return { kind: 'error', message: unknownWorkerMessage(task.worker ?? '', task.id), category: 'agent_error' };
  }
  const basePrompt = buildWorkerTaskPrompt({
    description: task.description,
    completedDependencies: completedDependencies(plan, task),
  });
  let history: ModelMessage[] = [];
  let prompt = basePrompt;
  for (let attempt = 1; ; attempt += 1) {
    const started = env.now();
    const end = await runAttempt(env, worker, task, iteration, attempt, history, prompt);
    const files = { taskId: task.id, attempt, description: task.description, durationMs: env.now() - started };
    if (end.kind === 'error') {
      const category = categorizeError(end.error);
      const detail =
        category === 'context_overflow'
          ? `Worker context limit exceeded for task ${task.id}. The task's context is too large for the worker model; plan smaller tasks, or pass artifact file names instead of large results.`
          : end.error.message;
      const message = `Worker failed task ${task.id} after ${attempt} attempts: ${detail}`;
      await writeAttemptFiles(env, { ...files, prompt: basePrompt, error: message });
      return { kind: 'error', message, category };
    }
    if (end.escalated) {
      const text = await artifactOf(env, worker, task, iteration, end.text);
      const message = `Worker failed task ${task.id} after ${attempt} attempts: Worker blocked by duplicate call loop.\n${text}`;
      await writeAttemptFiles(env, { ...files, prompt, error: message });
      return { kind: 'error', message, category: categorizeFailure(message) };
    }
    if (end.submission !== undefined) {
      const { summary, result, confidence } = end.submission;
      await writeAttemptFiles(env, { ...files, prompt, result, summary, confidence });
      const stored = await artifactOf(env, worker, task, iteration, result);
      return { kind: 'complete', result: stored, structuredOutput: { summary, confidence } };
    }
    if (attempt >= MAX_TASK_ATTEMPTS) {
      await writeAttemptFiles(env, { ...files, prompt, result: end.text });
      return { kind: 'soft_failure', text: await artifactOf(env, worker, task, iteration, end.text) };
    }
    history = [
      { role: 'user', content: basePrompt },
      ...(end.text.trim() === '' ? [] : [{ role: 'assistant' as const, content: end.text }]),
    ];
    prompt = WORKER_CORRECTION_MESSAGE;
  }
}

async function runAttempt(
  env: OrchestrationEnvironment,
  worker: WorkerAgent,
  task: Task,
  iteration: number,
  attempt: number,
  history: readonly ModelMessage[],
  prompt: string,
): Promise<AttemptEnd> {
  const { orchestration, persistence } = env;
  const { model } = worker;
  const { artifacts } = orchestration;
  const toolSet = buildWorkerToolSet({
    catalog: env.workerTools,
    provider: model.provider,
    mcpFilter: worker.mcpFilter,
    mcpConfigured: env.lease !== undefined && env.lease.servers.length > 0,
    persistence,
    taskId: task.id,
    attempt,
    iteration,
    worker: worker.name,
    thresholds: {
      outputBytes: artifacts.tool_output_artifact_threshold,
      durationMs: artifacts.tool_output_duration_threshold_ms,
      nudge: orchestration.duplicate_call_nudge_threshold,
      block: orchestration.duplicate_call_block_threshold,
    },
    logger: env.logger,
  });
  await persistence.recordPrompt({
    phase: { kind: 'worker', taskId: task.id, workerName: worker.name, attempt },
    iteration,
    systemPrompt: worker.system,
    userPrompt: prompt,
  });
  const watch = watchCall({
    phase: 'Worker task',
    perCallTimeoutSecs: orchestration.timeouts.per_call_timeout_secs,
    inactivityTimeoutSecs: orchestration.timeouts.stream_inactivity_timeout_secs,
    signal: env.signal,
  });
  const filter = createLoopEventFilter({
    eventTools: toolSet.eventTools,
    mcpTools: true,
    dropText: false,
    reasoningAgent: worker.reasoningAgent,
  });
  const { agent } = env.config;
  try {
    const result = await drainAgentLoop(
      runAgentLoop({
        model: model.model,
        system: worker.system,
        messages: [...history, { role: 'user', content: prompt }],
        tools: toolSet.tools,
        agent: worker.agent,
        callSettings: model.callSettings,
        providerOptions: model.providerOptions,
        turnDepth: worker.turnDepth,
        nudges: {
          lastTurn: agent.nudge_last_turn,
          variant: 'worker',
          ...(agent.nudge_turns_remaining === undefined ? {} : { turnsRemaining: agent.nudge_turns_remaining }),
        },
        parallelToolCalls: agent.parallel_tool_calls,
        signal: watch.signal,
        mapError: (error) => toProviderError(error, { provider: model.provider, model: model.modelId }),
        shouldStop: () => toolSet.submission.submission !== undefined,
        // The reference's MaxDepthError (a hard `depth_exhausted` failure): a worker cannot answer without tools.
        finalAnswerOnDepthExhausted: false,
      }),
      (event) => {
        watch.observe(event);
        const forwarded = filter(event);
        if (forwarded !== undefined) env.emit(forwarded);
      },
    );
    if (result.error !== undefined) return { kind: 'error', error: result.error };
    return {
      kind: 'done',
      text: result.text,
      submission: toolSet.submission.submission,
      escalated: toolSet.guard.escalated,
    };
  } finally {
    watch.dispose();
  }
}

function artifactOf(
  env: OrchestrationEnvironment,
  worker: WorkerAgent,
  task: Task,
  iteration: number,
  text: string,
): Promise<string> {
  return maybeCreateResultArtifact(text, {
    taskId: task.id,
    worker: worker.name,
    iteration,
    threshold: env.orchestration.artifacts.result_artifact_threshold,
    summaryLength: env.orchestration.artifacts.result_summary_length,
    persistence: env.persistence,
  });
}

/** `task-<id>.attempt-<a>.{prompt.txt,response.txt,result.json}` of a terminal attempt. */
async function writeAttemptFiles(
  env: OrchestrationEnvironment,
  files: {
    readonly taskId: number;
    readonly attempt: number;
    readonly description: string;
    readonly durationMs: number;
    readonly prompt: string;
    readonly result?: string;
    readonly summary?: string;
    readonly confidence?: string;
    readonly error?: string;
  },
): Promise<void> {
  await env.persistence.writeTaskExecution({
    taskId: files.taskId,
    attempt: files.attempt,
    prompt: files.prompt,
    response: files.result ?? '(error)',
    record: createTaskExecutionRecord({
      taskId: files.taskId,
      description: files.description,
      attempt: files.attempt,
      result: files.result,
      summary: files.summary,
      error: files.error,
      durationMs: files.durationMs,
      confidence: files.confidence,
    }),
  });
}
