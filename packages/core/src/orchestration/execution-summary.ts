/**
 * What the coordinator learns about an executed iteration (orchestration-spec §1.10): the per-task execution
 * summary, the failure summary, the run-wide failure history, and the provider short-circuit rule.
 */

import { truncateUtf8, utf8ByteLength } from '../util/utf8.js';
import { type FailureCategory, isProviderCategory } from './failure-category.js';
import type { Task } from './plan/plan-types.js';

/** The failure section of the continuation prompt. */
export interface FailureSummary {
  /** `Execution failed: F task(s) failed, B task(s) blocked by dependencies.` */
  readonly reasoning: string;
  /** Rendered as `- <gap>` bullets under `AREAS NEEDING ATTENTION:`. */
  readonly gaps: readonly string[];
}

/** One failed task of one iteration, accumulated across the run (§1.12 `FAILURE HISTORY`). */
export interface FailedTaskRecord {
  readonly description: string;
  readonly error: string;
  /** 1-based iteration in which the task failed. */
  readonly iteration: number;
  readonly worker?: string;
  readonly category: FailureCategory;
}

/**
 * `text` cut to `maxBytes` UTF-8 bytes (on a character boundary) plus ` [truncated]` when cut — the error
 * rendering of the execution summary and the continuation prompt.
 */
export function truncateWithMarker(text: string, maxBytes: number): string {
  return utf8ByteLength(text) <= maxBytes ? text : `${truncateUtf8(text, maxBytes)} [truncated]`;
}

/**
 * One line per task, `Task <id>: <description> [<status>]`, joined by `\n`. Status: `✓ complete (<bytes>
 * chars)`, `✗ failed: <error ≤ resultSummaryLength bytes>[ [truncated]]`, `⏸ blocked by failed dependency`
 * (pending with a failed direct dependency), `⏳ pending`, or `▶ running`. Pure.
 */
export function buildExecutionSummary(tasks: readonly Task[], resultSummaryLength: number): string {
  return tasks
    .map((task) => `Task ${task.id}: ${task.description} [${statusText(tasks, task, resultSummaryLength)}]`)
    .join('\n');
}

function statusText(tasks: readonly Task[], task: Task, resultSummaryLength: number): string {
  const { state } = task;
  switch (state.status) {
    case 'complete':
      return `✓ complete (${utf8ByteLength(state.result)} chars)`;
    case 'failed':
      return `✗ failed: ${truncateWithMarker(state.error, resultSummaryLength)}`;
    case 'running':
      return '▶ running';
    case 'pending':
      return directlyBlocked(tasks, task) ? '⏸ blocked by failed dependency' : '⏳ pending';
  }
}

function directlyBlocked(tasks: readonly Task[], task: Task): boolean {
  return (
    task.state.status === 'pending' &&
    task.dependencies.some((id) => tasks.find((other) => other.id === id)?.state.status === 'failed')
  );
}

/**
 * The iteration's failure summary, or `undefined` when no task failed and none is directly blocked:
 * reasoning `Execution failed: F task(s) failed, B task(s) blocked by dependencies.` (B counts tasks with a
 * failed *direct* dependency) and gaps `Some tasks could not complete due to errors` and `Execution
 * summary:\n<execution summary>`. Pure.
 */
export function buildFailureSummary(tasks: readonly Task[], resultSummaryLength: number): FailureSummary | undefined {
  const failed = tasks.filter((task) => task.state.status === 'failed').length;
  const blocked = tasks.filter((task) => directlyBlocked(tasks, task)).length;
  if (failed === 0 && blocked === 0) return undefined;
  return {
    reasoning: `Execution failed: ${failed} task(s) failed, ${blocked} task(s) blocked by dependencies.`,
    gaps: [
      'Some tasks could not complete due to errors',
      `Execution summary:\n${buildExecutionSummary(tasks, resultSummaryLength)}`,
    ],
  };
}

/** The iteration's failed tasks as failure-history records, in plan order. */
export function failedTaskRecords(tasks: readonly Task[], iteration: number): FailedTaskRecord[] {
  const records: FailedTaskRecord[] = [];
  for (const task of tasks) {
    if (task.state.status !== 'failed') continue;
    const base = { description: task.description, error: task.state.error, iteration, category: task.state.category };
    records.push(task.worker === undefined ? base : { ...base, worker: task.worker });
  }
  return records;
}

/**
 * The provider short-circuit (§1.10): true when at least one task failed, every failure is provider-class
 * (`provider_overloaded`, `provider_auth_error`, `provider_not_found`) and no task completed.
 */
export function isProviderShortCircuit(tasks: readonly Task[]): boolean {
  const failures = tasks.flatMap((task) => (task.state.status === 'failed' ? [task.state.category] : []));
  const completed = tasks.some((task) => task.state.status === 'complete');
  return failures.length > 0 && !completed && failures.every(isProviderCategory);
}

/** The request error of the provider short-circuit, ending with the execution summary. */
export function providerShortCircuitMessage(tasks: readonly Task[], resultSummaryLength: number): string {
  return `Provider error: all tasks failed due to provider issues (not retryable via replan):\n${buildExecutionSummary(tasks, resultSummaryLength)}`;
}
