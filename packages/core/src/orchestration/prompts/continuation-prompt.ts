/**
 * The post-execute continuation prompt (orchestration-spec §1.12): the coordinator's view of an executed
 * iteration — completed, blocked and failed tasks, the failure summary and history — followed by fixed
 * guidance for the end-of-iteration routing decision. Section headers and line shapes follow the reference;
 * the guidance prose is ours.
 */
import type { FailedTaskRecord, FailureSummary } from '../execution-summary.js';
import { truncateWithMarker } from '../execution-summary.js';
import type { FailureCategory } from '../failure-category.js';
import type { Plan, Task } from '../plan/plan-types.js';
import type { ToolTraceEntryView } from './run-manifest-view.js';
import { artifactLines, continuationToolChain } from './tool-trace-format.js';

/** Everything the continuation prompt renders. */
export interface ContinuationContext {
  /** The iteration that just executed (1-based). */
  readonly iteration: number;
  /** `[orchestration].max_planning_cycles` (0 is shown as 1, the number of iterations that can run). */
  readonly maxPlanningCycles: number;
  /** The executed plan with final task states. */
  readonly plan: Plan;
  /** Present when the iteration had failed or directly blocked tasks. */
  readonly failureSummary?: FailureSummary | undefined;
  /** Failed tasks of every iteration so far, oldest first. */
  readonly failureHistory: readonly FailedTaskRecord[];
  /** Persisted tool calls by task id (artifact and tool-chain lines). */
  readonly toolTraces?: ReadonlyMap<number, readonly ToolTraceEntryView[]> | undefined;
  /** `show_tool_reasoning_in_continuation`: tool-chain lines for completed tasks too. */
  readonly showToolReasoning: boolean;
  /** `result_summary_length`: error truncation in bytes. */
  readonly resultSummaryLength: number;
}

const FOOTER_PREFIX = '[Full result (';

const REUSE_GUIDANCE = `REUSING COMPLETED WORK:
Some tasks succeeded. Do not plan them again. Workers cannot see earlier results: when a new task needs a value from a completed task, write that value into the new task's description, or give the artifact file name so the worker can call \`read_artifact\`.

`;

const FIXED_GUIDANCE = `If a task's result above looks truncated or is not enough to decide, call \`read_artifact\` with the referenced file name before routing.

This is the end-of-iteration decision. Call exactly one routing tool:
- \`respond_directly\` — the results above, the tools available to you and general knowledge answer the request.
- \`create_plan\` — more worker tool work is needed: a deeper look at what the results revealed, a step they show is missing, or a retry of failed tasks with a different approach.
- \`request_clarification\` — the results reveal an ambiguity in the request that you cannot resolve yourself.

Synthesis rules for \`respond_directly\`: your response is the final answer and the only thing the user sees; task results are never shown to them. Inline every relevant finding — exact names, values, identifiers and data points. Never refer to tasks by number or point the user to task outputs.
`;

/**
 * Renders the continuation prompt:
 *
 * ```
 * ITERATION <i> of <max>[ (FINAL ATTEMPT)]
 *
 * Goal: <goal>
 * Outcome: <completed> of <total> tasks succeeded.
 *
 * <COMPLETED TASKS:><BLOCKED TASKS (dependencies failed):><FAILED TASKS:><FAILURE SUMMARY:><FAILURE HISTORY:><reuse guidance>
 * <fixed guidance>
 * ```
 *
 * Each present section ends with a blank line. `(FINAL ATTEMPT)` appears when `i + 1 >= max`. Completed tasks
 * show their confidence and either the indented result or, for an artifacted result with a summary, the
 * summary and the `[Full result (...)]` footer; then `[Artifact: ...]` lines and, with `showToolReasoning`, a
 * tool chain. Failed tasks show `→ failed [<category>]: <error>` (cut to `resultSummaryLength` bytes), their
 * artifact lines (extension: the reference lists artifacts of completed tasks only) and their tool chain.
 * Repeated (description, category) failures are listed under `OBSERVED PATTERNS:` (fix: the reference prints
 * `OBSERVED PATTERNS::`). Pure.
 */
export function buildContinuationPrompt(context: ContinuationContext): string {
  const { plan, iteration } = context;
  const max = Math.max(1, context.maxPlanningCycles);
  const completed: string[] = [];
  const blocked: string[] = [];
  const failed: string[] = [];
  for (const task of plan.tasks) {
    const traces = context.toolTraces?.get(task.id);
    if (task.state.status === 'complete') completed.push(...completedLines(task, task.state.result, traces, context));
    else if (task.state.status === 'failed') failed.push(...failedLines(task, task.state, traces, context));
    else blocked.push(`- Task ${task.id}: ${task.description} → blocked (dependency failed)`);
  }
  const succeeded = plan.tasks.filter((task) => task.state.status === 'complete').length;
  const urgency = iteration + 1 >= max ? ' (FINAL ATTEMPT)' : '';
  return [
    `ITERATION ${iteration} of ${max}${urgency}\n\n`,
    `Goal: ${plan.goal}\nOutcome: ${succeeded} of ${plan.tasks.length} tasks succeeded.\n\n`,
    section('COMPLETED TASKS:', completed),
    section('BLOCKED TASKS (dependencies failed):', blocked),
    section('FAILED TASKS:', failed),
    failureSection(context.failureSummary),
    failureHistorySection(context.failureHistory, context.resultSummaryLength),
    failed.length > 0 && succeeded > 0 ? REUSE_GUIDANCE : '',
    FIXED_GUIDANCE,
  ].join('');
}

function section(header: string, lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${header}\n${lines.join('\n')}\n\n`;
}

function completedLines(
  task: Task,
  result: string,
  traces: readonly ToolTraceEntryView[] | undefined,
  context: ContinuationContext,
): string[] {
  const output = task.structuredOutput;
  const confidence = output === undefined ? '' : ` (confidence: ${output.confidence})`;
  const footer = artifactFooter(result);
  const body =
    footer !== undefined && output !== undefined ? `    ${output.summary}\n    ${footer}` : indentLines(result);
  const lines = [`- Task ${task.id}: ${task.description}${confidence}\n${body}`];
  for (const line of artifactLines(traces)) lines.push(`    ${line}`);
  const chain = context.showToolReasoning ? continuationToolChain(traces) : undefined;
  if (chain !== undefined) lines.push(`    ${chain}`);
  return lines;
}

function failedLines(
  task: Task,
  state: { readonly error: string; readonly category: FailureCategory },
  traces: readonly ToolTraceEntryView[] | undefined,
  context: ContinuationContext,
): string[] {
  const output = task.structuredOutput;
  let head: string;
  if (state.category === 'soft_failure' && output !== undefined && output.summary !== '') {
    const footer = artifactFooter(state.error);
    const body = footer === undefined ? indentLines(output.summary) : `    ${output.summary}\n    ${footer}`;
    head = `- Task ${task.id}: ${task.description} → soft_failure (${output.confidence} confidence)\n${body}`;
  } else {
    const error = truncateWithMarker(state.error, context.resultSummaryLength);
    head = `- Task ${task.id}: ${task.description} → failed [${state.category}]: ${error}`;
  }
  const lines = [head];
  for (const line of artifactLines(traces)) lines.push(`    ${line}`);
  const chain = continuationToolChain(traces);
  if (chain !== undefined) lines.push(`    ${chain}`);
  return lines;
}

function failureSection(summary: FailureSummary | undefined): string {
  if (summary === undefined) return '';
  const gaps =
    summary.gaps.length === 0 ? '- No specific gaps identified' : summary.gaps.map((gap) => `- ${gap}`).join('\n');
  return `FAILURE SUMMARY:\n${summary.reasoning}\n\nAREAS NEEDING ATTENTION:\n${gaps}\n\n`;
}

function failureHistorySection(history: readonly FailedTaskRecord[], maxBytes: number): string {
  if (history.length === 0) return '';
  let out = 'FAILURE HISTORY:';
  const counts = new Map<string, { description: string; category: FailureCategory; count: number }>();
  for (const record of history) {
    const worker = record.worker === undefined ? '' : ` (worker: ${record.worker})`;
    const error = truncateWithMarker(record.error, maxBytes);
    out += `\n- Iteration ${record.iteration}: "${record.description}"${worker} — [${record.category}] ${error}`;
    const key = JSON.stringify([record.description, record.category]);
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { description: record.description, category: record.category, count: 1 });
    else entry.count += 1;
  }
  const repeated = [...counts.values()].filter((entry) => entry.count > 1);
  if (repeated.length > 0) {
    out += '\n\nOBSERVED PATTERNS:';
    for (const entry of repeated) {
      out += `\n- "${entry.description}" has failed ${entry.count} times with [${entry.category}] — consider a fundamentally different approach`;
    }
  }
  return `${out}\n\n`;
}

/** The last `[Full result (` footer of an artifacted result, through the end of the text. */
function artifactFooter(text: string): string | undefined {
  const at = text.lastIndexOf(FOOTER_PREFIX);
  return at < 0 ? undefined : text.slice(at);
}

/** Every line (Rust `str::lines`: `\n` separated, `\r` trimmed, no trailing empty line) indented by 4 spaces. */
function indentLines(text: string): string {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => `    ${line}`).join('\n');
}
