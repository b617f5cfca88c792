/**
 * The `## Session History` block of the coordinator preamble (orchestration-spec §4.6): prior runs of the same
 * chat session, oldest first, so a follow-up request can build on earlier results.
 */
import type { RunManifestView, TaskSummaryView } from './run-manifest-view.js';
import { sessionToolChain } from './tool-trace-format.js';

const STATUS_LABELS: Readonly<Record<string, string>> = {
  success: 'Success',
  partial_success: 'PartialSuccess',
  failed: 'Failed',
};

const GUIDANCE = `Use this context as follows:
- **Workers cannot see it.** When a new task depends on a prior result, write the concrete value into the task description (e.g. "The mean was 20; multiply it by 3").
- **Avoid redundant work.** Do not plan again what already succeeded; reuse its result.
- **Learn from failures.** If a prior run failed, try a different decomposition or approach.
- **Read prior artifacts** with \`read_artifact\` and that run's \`run_id\`.
- **Beware of stale data.** Prior results may be outdated, especially when the follow-up implies that conditions changed; check the timestamps.`;

/**
 * Renders prior runs (any order; shown oldest first by `timestamp`, numbered `Turn 1..k`):
 *
 * ```
 * ### Turn <n> (<timestamp>) — Success|PartialSuccess|Failed
 * Goal: "<goal>"
 * Outcome: <outcome>                 (if any)
 * Response: "<response_summary>"     (if any)
 * Tasks:                             (if any)
 *   Task <id> [<worker|unassigned>] — Complete[ (<confidence>)] / FAILED[ (<category>)] / <status>
 *     "<description>"
 *     Summary: "<preview>" / Error: <error> / Last tool: <tool> / Tool chain: ... / Artifacts: f (123B)
 *   (use run_id="<run_id>" with read_artifact for cross-run access)   (if any task has artifacts)
 * ```
 *
 * under a `## Session History` heading with usage guidance, followed by `(<k> prior run(s) shown above)`.
 * Returns `""` for no manifests. Pure.
 */
export function buildSessionHistory(manifests: readonly RunManifestView[]): string {
  if (manifests.length === 0) return '';
  const ordered = [...manifests].sort(compareTimestamps);
  const turns = ordered.map((manifest, index) => renderTurn(manifest, index + 1));
  return `## Session History\n\nYou have context from ${ordered.length} earlier orchestration run(s) in this chat session.\n\n${GUIDANCE}\n\n${turns.join('\n\n')}\n\n(${ordered.length} prior run(s) shown above)\n`;
}

function renderTurn(manifest: RunManifestView, turn: number): string {
  const status = STATUS_LABELS[manifest.status] ?? manifest.status;
  const lines = [`### Turn ${turn} (${manifest.timestamp}) — ${status}`, `Goal: "${manifest.goal}"`];
  if (present(manifest.outcome)) lines.push(`Outcome: ${manifest.outcome}`);
  if (present(manifest.response_summary)) lines.push(`Response: "${manifest.response_summary}"`);
  if (manifest.task_summaries.length > 0) {
    lines.push('Tasks:');
    for (const task of manifest.task_summaries) lines.push(...renderTask(task));
  }
  if (manifest.task_summaries.some((task) => (task.artifacts?.length ?? 0) > 0)) {
    lines.push(`  (use run_id="${manifest.run_id}" with read_artifact for cross-run access)`);
  }
  return lines.join('\n');
}

function renderTask(task: TaskSummaryView): string[] {
  const worker = present(task.worker) ? task.worker : 'unassigned';
  const lines: string[] = [];
  const head = `  Task ${task.task_id} [${worker}] — `;
  if (task.status === 'complete') {
    lines.push(`${head}Complete${present(task.confidence) ? ` (${task.confidence})` : ''}`);
    lines.push(`    "${task.description}"`);
    if (present(task.result_preview)) lines.push(`    Summary: "${task.result_preview}"`);
  } else if (task.status === 'failed') {
    lines.push(`${head}FAILED${present(task.failure_category) ? ` (${task.failure_category})` : ''}`);
    lines.push(`    "${task.description}"`);
    if (present(task.error)) lines.push(`    Error: ${task.error}`);
    const lastTool = task.error_context?.last_tool_call;
    if (present(lastTool)) lines.push(`    Last tool: ${lastTool}`);
    const partial = task.error_context?.partial_result;
    if (present(partial)) lines.push(`    Partial progress: ${partial}`);
  } else {
    lines.push(`${head}${task.status}`);
    lines.push(`    "${task.description}"`);
  }
  const chain = sessionToolChain(task.tool_trace);
  if (chain !== undefined) lines.push(`    ${chain}`);
  const artifacts = task.artifacts ?? [];
  if (artifacts.length > 0) {
    lines.push(
      `    Artifacts: ${artifacts.map((artifact) => `${artifact.filename} (${artifact.size_bytes}B)`).join(', ')}`,
    );
  }
  return lines;
}

function present(value: string | null | undefined): value is string {
  return value !== undefined && value !== null;
}

/** Oldest first; unparsable timestamps compare as strings (RFC 3339 in one offset sorts lexically). */
function compareTimestamps(left: RunManifestView, right: RunManifestView): number {
  const a = Date.parse(left.timestamp);
  const b = Date.parse(right.timestamp);
  if (Number.isNaN(a) || Number.isNaN(b))
    return left.timestamp < right.timestamp ? -1 : left.timestamp > right.timestamp ? 1 : 0;
  return a - b;
}
