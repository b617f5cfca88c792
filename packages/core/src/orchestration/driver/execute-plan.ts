/**
 * The execution phase (orchestration-spec §1.10): barrier-synchronised waves. Each wave is every pending task
 * whose dependencies are all complete; its tasks start together (one `task-started` each, in plan order), run
 * concurrently, and report `task-completed` in completion order. The next wave starts only when the whole wave
 * finished. Tasks behind a failed dependency are never started (they stay pending: "blocked").
 */
import { AuraError, runtimeEvent } from '@aura/events';
import { completeTask, failTask, readyTasks, startTask } from '../plan/plan-state.js';
import type { Plan, Task } from '../plan/plan-types.js';
import { COORDINATOR_AGENT } from './final-answer-stream.js';
import type { OrchestrationEnvironment } from './orchestration-environment.js';
import { runTask, type TaskOutcome } from './run-worker.js';

/** The plan after execution. */
export interface ExecutedPlan {
  /** Final task states (complete / failed / pending when blocked or never reached). */
  readonly plan: Plan;
  /** Sum of task durations in ms (`task_compute_ms`). */
  readonly taskComputeMs: number;
}

/**
 * Executes `plan` in waves until no task is ready. Stops starting waves once `env.signal` aborted or the run
 * budget is exhausted (running tasks are stopped by the abort; tasks not started stay pending). No concurrency
 * cap inside a wave, as in the reference. Never throws: a task that throws is failed as `agent_error`.
 */
export async function executePlan(
  env: OrchestrationEnvironment,
  initial: Plan,
  iteration: number,
): Promise<ExecutedPlan> {
  let plan = initial;
  let taskComputeMs = 0;
  for (;;) {
    if (env.signal.aborted || env.budget.exhaustion !== undefined) break;
    const wave = readyTasks(plan);
    if (wave.length === 0) break;
    for (const task of wave) {
      plan = startTask(plan, task.id);
      env.emit(
        runtimeEvent.taskStarted({
          agent: COORDINATOR_AGENT,
          taskId: task.id,
          description: task.description,
          orchestratorId: env.orchestratorId,
          workerId: workerIdOf(env, task),
        }),
      );
    }
    const context = plan;
    await Promise.all(
      wave.map(async (task) => {
        const started = env.now();
        const outcome = await runTask(env, task, context, iteration).catch(
          (error: unknown): TaskOutcome => ({
            kind: 'error',
            message: `Worker failed task ${task.id} after 1 attempts: ${AuraError.isInstance(error) || error instanceof Error ? error.message : String(error)}`,
            category: 'agent_error',
          }),
        );
        const durationMs = Math.max(0, Math.round(env.now() - started));
        taskComputeMs += durationMs;
        plan = applyOutcome(plan, task.id, outcome);
        env.emit(
          runtimeEvent.taskCompleted({
            agent: COORDINATOR_AGENT,
            taskId: task.id,
            orchestratorId: env.orchestratorId,
            workerId: workerIdOf(env, task),
            success: outcome.kind === 'complete',
            durationMs,
            result:
              outcome.kind === 'complete' ? outcome.result : outcome.kind === 'error' ? outcome.message : outcome.text,
          }),
        );
      }),
    );
  }
  return { plan, taskComputeMs };
}

/** `worker_id` of a task's events: the worker name, or the orchestrator id for the generic worker. */
export function workerIdOf(env: OrchestrationEnvironment, task: Task): string {
  return task.worker ?? env.orchestratorId;
}

function applyOutcome(plan: Plan, id: number, outcome: TaskOutcome): Plan {
  switch (outcome.kind) {
    case 'complete':
      return completeTask(plan, id, outcome.result, outcome.structuredOutput);
    case 'soft_failure':
      return failTask(plan, id, outcome.text, 'soft_failure');
    case 'error':
      return failTask(plan, id, outcome.message, outcome.category);
  }
}
