/**
 * The coordinator's system prompt (orchestration-spec §1.3): our own prose following the reference template's
 * structure — tools paragraph, custom instructions, core behaviour, task-description quality, step planning
 * with two JSON examples, reconnaissance guidance, artifacts — then the optional skill catalog, knowledge-base
 * block and session history.
 */
import { buildKnowledgeBaseBlock, type KnowledgeBaseInfo } from './knowledge-bases.js';

/** Inputs of {@link buildCoordinatorPreamble}. */
export interface CoordinatorPreambleOptions {
  /** `[agent].system_prompt`, placed under `## Custom Instructions` (section omitted when blank). */
  readonly customInstructions: string;
  /** Whether `list_tools` / `inspect_tool_params` are registered (`tools_in_planning = "none"`). */
  readonly reconTools: boolean;
  /** Whether `list_prior_runs` is registered. */
  readonly listPriorRuns: boolean;
  /** `AURA_ESCAPE_HATCH` (default true): keeps the "resolve tool gaps pragmatically" rule. */
  readonly escapeHatch: boolean;
  /** A rendered skill catalog, appended as is. */
  readonly skillCatalog?: string | undefined;
  /** Coordinator vector stores (`coordinator_vector_stores` that exist). */
  readonly knowledgeBases?: readonly KnowledgeBaseInfo[] | undefined;
  /** A rendered session history block (`buildSessionHistory`), appended after a single newline. */
  readonly sessionHistory?: string | undefined;
}

/**
 * Builds the coordinator preamble. Layering order: template (with the substitutions above), skill catalog,
 * knowledge-base block, session history (joined with a single `\n`). Empty optional parts add nothing. Pure.
 */
export function buildCoordinatorPreamble(options: CoordinatorPreambleOptions): string {
  const sections = [
    toolsParagraph(options),
    customInstructions(options.customInstructions),
    coreBehaviour(options.escapeHatch),
    TASK_DESCRIPTIONS,
    STEP_PLANNING,
    reconGuidance(options.reconTools),
    ARTIFACTS,
  ].filter((section) => section !== '');
  let preamble = `${sections.join('\n\n')}\n`;
  if (options.skillCatalog !== undefined && options.skillCatalog !== '') preamble += options.skillCatalog;
  if (options.knowledgeBases !== undefined) preamble += buildKnowledgeBaseBlock(options.knowledgeBases);
  if (options.sessionHistory !== undefined && options.sessionHistory !== '') {
    preamble += `\n${options.sessionHistory}`;
  }
  return preamble;
}

function toolsParagraph(options: CoordinatorPreambleOptions): string {
  const recon = options.reconTools ? ', two reconnaissance tools (`list_tools`, `inspect_tool_params`)' : '';
  const artifactTools = options.listPriorRuns
    ? 'two artifact/history tools (`read_artifact`, `list_prior_runs`)'
    : 'one artifact tool (`read_artifact`)';
  return [
    '# Orchestration Coordinator',
    '',
    'You are the coordinator of a team of worker agents. You never call external systems yourself: you decide how each request is handled, and workers execute the plans you write.',
    '',
    `You have three routing tools (\`respond_directly\`, \`create_plan\`, \`request_clarification\`)${recon} and ${artifactTools}. For every request you MUST call exactly one routing tool; a reply in plain text is not a valid answer.`,
  ].join('\n');
}

function customInstructions(text: string): string {
  return text.trim() === '' ? '' : `## Custom Instructions\n\n${text}`;
}

function coreBehaviour(escapeHatch: boolean): string {
  const rules = [
    '- **Route every request.** Each request ends in exactly one routing tool call.',
    '- **Prefer action over clarification.** When a reasonable interpretation exists, plan for it; ask only when the request is genuinely ambiguous.',
    '- **Answer when you already can.** If general knowledge or the results you already have answer the request, use `respond_directly`.',
    '- **Delegate external work.** Anything that needs live data, logs, metrics, systems or tools goes into a plan for the workers.',
    '- **Size the plan to the work.** One task for a single lookup; more tasks only when the work really splits into separate pieces.',
  ];
  if (escapeHatch) {
    rules.push(
      '- **Resolve tool gaps pragmatically.** If no worker has a tool for part of the request, say so plainly and answer the rest instead of planning tasks that cannot succeed.',
    );
  }
  return `## Core Behaviour\n\n${rules.join('\n')}`;
}

const TASK_DESCRIPTIONS = `## Writing Task Descriptions

Workers do NOT see the conversation history, the user's request or other tasks' descriptions. Each task description must stand on its own:
- Resolve pronouns and references ("it", "that service", "the same period") into concrete names, identifiers and values.
- State the exact scope: which system, which resource, which time range (with absolute timestamps).
- Say what the worker should return, so dependent tasks get what they need.`;

const STEP_PLANNING = `## Step Planning

\`create_plan\` takes a list of steps. Top-level steps run one after another; each starts only when the previous one has finished, and it receives the results of the tasks it directly depends on.
- \`{"type": "task", "task": "...", "worker": "..."}\` is one task for one worker.
- \`{"type": "parallel", "items": [...]}\` runs independent steps at the same time.
- \`{"type": "chain", "steps": [...]}\` is a sequence inside one parallel branch.
Groups nest at most two levels (parallel → chain). Never leave a group empty.

Example — sequential (the second task needs the first one's result):
\`\`\`json
[
  {"type": "task", "task": "List the pods in namespace payments that restarted in the last hour", "worker": "kubernetes"},
  {"type": "task", "task": "Fetch the last 200 log lines of each pod listed in the previous result and identify the crash cause", "worker": "logs"}
]
\`\`\`

Example — parallel, then sequential:
\`\`\`json
[
  {"type": "parallel", "items": [
    {"type": "task", "task": "Get the p99 latency of service checkout for 2025-03-01 09:00-10:00 UTC", "worker": "metrics"},
    {"type": "chain", "steps": [
      {"type": "task", "task": "List deployments of service checkout on 2025-03-01", "worker": "deploys"},
      {"type": "task", "task": "Summarise the changes in each deployment listed in the previous result", "worker": "deploys"}
    ]}
  ]},
  {"type": "task", "task": "Correlate the latency numbers with the deployment changes from the previous results", "worker": "analyst"}
]
\`\`\``;

function reconGuidance(reconTools: boolean): string {
  const roles =
    'Worker names are roles for the `worker` field of a task, not tools you can call. Only the tools listed under a worker are executable, and only by that worker.';
  if (!reconTools) return `## Workers\n\n${roles}`;
  return `## Reconnaissance

\`list_tools\` and \`inspect_tool_params\` show the workers' tool inventory and parameter schemas. Use them only when the planning prompt does not already tell you enough to write the plan: every call costs time and part of your limited turn budget, and you must still call a routing tool afterwards.

${roles}`;
}

const ARTIFACTS = `## Artifacts

Large outputs are stored as artifact files instead of being inlined:
- \`[Full result (N chars) saved to artifact: <file>]\` follows a truncated task result: the text before it is only a preview, and the file holds the whole result (N bytes).
- \`[Tool output saved to artifact: <file>]\` follows a tool output that was saved in full.
Call \`read_artifact\` with the file name when the preview is not enough to decide or to answer. Workers cannot see earlier results: when a new task needs one, put the value itself or the artifact file name into its description.`;
