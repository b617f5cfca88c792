/**
 * The initial planning prompt: the coordinator's user message of routing attempt 1 (orchestration-spec §1.9).
 * Literal tokens (`Current time:`, `USER QUERY: `, `AVAILABLE WORKERS:`, `## <name>`, `Tools: ...`,
 * `Valid worker names: ...`) follow the reference; the prose is ours.
 */
import type { OrchestrationConfig } from '@aura/config';
import { withCurrentTime } from './current-time.js';
import type { PlanningTool, PlanningWorker } from './worker-tool-resolution.js';

/** How worker tools are shown (`[orchestration].tools_in_planning`). */
export type ToolsInPlanning = OrchestrationConfig['tools_in_planning'];

/** Inputs of {@link buildPlanningPrompt}. */
export interface PlanningPromptOptions {
  readonly now: Date;
  /** The user's request (last user message). */
  readonly query: string;
  /** Configured workers in declaration order (see `planningWorkersFromConfig`); empty → no worker section. */
  readonly workers: readonly PlanningWorker[];
  readonly toolsInPlanning: ToolsInPlanning;
  /** `[orchestration].max_tools_per_worker`: display truncation only. */
  readonly maxToolsPerWorker: number;
}

const NO_TOOLS_LINE = 'Tools: (none configured — this worker cannot query external systems)';
const ROLE_NOTE =
  'NOTE: Worker names below are role assignments, not callable tools. Only the tools listed under a worker are MCP tools, and only that worker can execute them.';
const MATCH_TOOLS_CLOSING = 'Assign each task to the worker whose tools match the operations the task needs.';

/**
 * Builds the prompt: `Current time: <UTC, seconds, Z>`, a blank line, the instruction, `USER QUERY: <query>`
 * immediately followed by the worker section (empty without workers), the three routing tools, guidelines
 * (with `Valid worker names: "a", "b"` when workers exist) and the closing instruction. Pure.
 */
export function buildPlanningPrompt(options: PlanningPromptOptions): string {
  const hasWorkers = options.workers.length > 0;
  const guidelines = [
    ...(hasWorkers
      ? [
          '- Assign each task to a worker using the "worker" field',
          `- Valid worker names: ${options.workers.map((worker) => `"${worker.name}"`).join(', ')}`,
          '- Choose the worker whose tools best match what the task needs to do',
        ]
      : []),
    '- For time-scoped tasks, write the current time and an explicit time range (absolute timestamps) into the task description',
  ];
  const body = [
    `Decide how to handle the user's request below.\n\nUSER QUERY: ${options.query}${buildWorkerSection(options)}`,
    `Call exactly one of these routing tools:
1. \`respond_directly\` — for questions you can answer from general knowledge, or when the request needs external data but the relevant workers show "none configured" for tools: then explain that limitation and suggest configuring MCP servers for them. Do not use it for system data, logs or metrics when a worker has tools to fetch them.
2. \`create_plan\` — when the request needs tool execution, data gathering or multi-step work. Plan only the work the request genuinely requires.
3. \`request_clarification\` — only when the intent is genuinely ambiguous. Use it sparingly.`,
    `Guidelines:\n${guidelines.join('\n')}`,
    'Call the routing tool now.',
  ];
  return withCurrentTime(options.now, `${body.join('\n\n')}\n`);
}

/**
 * The worker section, starting with a blank line (`""` when no workers are configured):
 * - `none`: `AVAILABLE WORKERS:` and one `- <name>: <description>` line per worker;
 * - `summary`: a role note, then per worker `## <name>` / description / `Tools: a, b (+M more)` (or the
 *   "none configured" line), blocks separated by a blank line;
 * - `full`: as summary, but tools as `  - <tool>: <description>` lines under `Tools:` and `  (+M more)`; a
 *   worker without tools shows only its heading and description.
 */
export function buildWorkerSection(
  options: Pick<PlanningPromptOptions, 'workers' | 'toolsInPlanning' | 'maxToolsPerWorker'>,
): string {
  const { workers, maxToolsPerWorker } = options;
  if (workers.length === 0) return '';
  if (options.toolsInPlanning === 'none') {
    const lines = workers.map((worker) => `- ${worker.name}: ${worker.description}`);
    return `\n\nAVAILABLE WORKERS:\n${lines.join('\n')}\n\nAssign each task to the worker best suited to it.`;
  }
  const render = options.toolsInPlanning === 'full' ? fullWorkerBlock : summaryWorkerBlock;
  const blocks = workers.map((worker) => render(worker, maxToolsPerWorker));
  return `\n\nAVAILABLE WORKERS:\n${ROLE_NOTE}\n\n${blocks.join('\n\n')}\n\n${MATCH_TOOLS_CLOSING}`;
}

function summaryWorkerBlock(worker: PlanningWorker, max: number): string {
  const head = `## ${worker.name}\n${worker.description}`;
  if (worker.tools.length === 0) return `${head}\n${NO_TOOLS_LINE}`;
  const shown = worker.tools.slice(0, max).map((tool) => tool.name);
  const more = worker.tools.length - shown.length;
  return `${head}\nTools: ${shown.join(', ')}${more > 0 ? ` (+${more} more)` : ''}`;
}

function fullWorkerBlock(worker: PlanningWorker, max: number): string {
  const head = `## ${worker.name}\n${worker.description}`;
  if (worker.tools.length === 0) return head;
  const lines = worker.tools.slice(0, max).map(toolLine);
  const more = worker.tools.length - lines.length;
  if (more > 0) lines.push(`  (+${more} more)`);
  // With max_tools_per_worker = 0 only `(+N more)` is listed (the reference drops the whole Tools section).
  return `${head}\nTools:\n${lines.join('\n')}`;
}

function toolLine(tool: PlanningTool): string {
  return tool.description === undefined ? `  - ${tool.name}` : `  - ${tool.name}: ${tool.description}`;
}
