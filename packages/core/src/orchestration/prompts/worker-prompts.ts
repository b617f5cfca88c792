/**
 * Worker prompts (orchestration-spec §2.1, §2.4, §2.5): the worker system prompt, the task prompt (byte-exact
 * layout) and the correction sent when a worker finished without `submit_result`.
 */
import { buildKnowledgeBaseBlock, type KnowledgeBaseInfo } from './knowledge-bases.js';

/** Placeholder instructions for a generic worker without `worker_system_prompt`. */
export const NO_CUSTOM_INSTRUCTIONS = '(No custom instructions provided)';

/** Inputs of {@link buildWorkerPreamble}. */
export interface WorkerPreambleOptions {
  /** The named worker's `preamble` or the generic `worker_system_prompt`; absent → {@link NO_CUSTOM_INSTRUCTIONS}. */
  readonly customInstructions?: string | undefined;
  /** The worker's vector stores (named workers only; the generic worker gets no block). */
  readonly knowledgeBases?: readonly KnowledgeBaseInfo[] | undefined;
  /** Scratchpad instructions, appended only when a scratchpad is actually wired. */
  readonly scratchpadBlock?: string | undefined;
  /** A rendered skill catalog. */
  readonly skillCatalog?: string | undefined;
}

/**
 * The worker system prompt: a "Worker Agent" heading, the custom instructions, scope, an execution recipe and
 * the rules (mandatory `submit_result` with summary / result / high|medium|low confidence, honest failure,
 * no out-of-scope work, no redoing prior work, no fabrication, `read_artifact` for referenced artifacts);
 * then, in order, the knowledge-base block, the scratchpad block and the skill catalog. Pure.
 */
export function buildWorkerPreamble(options: WorkerPreambleOptions): string {
  const instructions = options.customInstructions ?? NO_CUSTOM_INSTRUCTIONS;
  let prompt = `# Worker Agent

You are a worker agent in a multi-agent system. A coordinator split the user's request into tasks; you execute exactly one of them.

## Instructions

${instructions}

## Scope

- Do only the task you are given. Ignore the broader goal it belongs to: other workers handle the rest.
- You see no conversation history. Everything you need is in the task description and the results provided with it.

## How to Execute

1. Read the task and any results from earlier tasks that come with it.
2. Do the work: call your tools when data must be fetched or computed; reason directly when the task only asks you to analyse results you were given.
3. Report what downstream workers and the coordinator need: concrete values, names, identifiers, and how you obtained them.

## Rules

- **Always finish by calling \`submit_result\`** with a \`summary\` (1-3 sentences), the complete \`result\` (all findings, not a pointer to them) and a \`confidence\` of \`high\`, \`medium\` or \`low\`. A task that ends without \`submit_result\` counts as failed.
- **Report failure honestly.** If a tool fails or the data is not there, say so in the result and use \`low\` confidence; a clear "could not" is more useful than a guess.
- **Stay in scope.** Do not start work the task did not ask for.
- **Do not redo earlier work.** Use the results you were given instead of fetching them again.
- **Never fabricate** values, names, identifiers or tool output.
- **Artifacts:** when a result or tool output references an artifact file (\`[... saved to artifact: <file>]\`), call \`read_artifact\` with that file name to get the full content. Very large artifacts may come back as a scratchpad pointer that you explore with the scratchpad tools.
`;
  if (options.knowledgeBases !== undefined) prompt += buildKnowledgeBaseBlock(options.knowledgeBases);
  if (options.scratchpadBlock !== undefined && options.scratchpadBlock !== '') prompt += options.scratchpadBlock;
  if (options.skillCatalog !== undefined && options.skillCatalog !== '') prompt += options.skillCatalog;
  return prompt;
}

/** A completed direct dependency handed to a worker. */
export interface CompletedDependency {
  readonly id: number;
  readonly description: string;
  /** The stored result (already artifact-truncated with its footer when large). */
  readonly result: string;
}

/** Inputs of {@link buildWorkerTaskPrompt}. */
export interface WorkerTaskPromptOptions {
  readonly description: string;
  /** The task's *complete direct* dependencies, in dependency order (see `completedDependencies`). */
  readonly completedDependencies: readonly CompletedDependency[];
}

/** The fixed guidance paragraph that ends every task prompt. */
export const WORKER_TASK_GUIDANCE =
  'Use your tools when the task needs new data fetched or computed; when it only asks you to analyse, summarise or transform results already given above, reason directly. When a tool exists for an operation, prefer the tool. References like `[Tool output saved to artifact: <file>]` can be read in full with `read_artifact`. Finish by calling `submit_result` with a concise summary, your complete findings and your confidence.';

/**
 * The worker's user message, byte-exact (§2.4): `"YOUR TASK: " + description + "\n\n" + C + "\n\n" +
 * guidance + "\n"`, where `C` is `""` or the context block — parts `COMPLETED — Task <id>
 * (<description>):\n<result>` joined by `\n\n---\n\n`, followed by `\n\n`. So at least four newlines always
 * precede the guidance when dependencies exist (two otherwise). Pure.
 */
export function buildWorkerTaskPrompt(options: WorkerTaskPromptOptions): string {
  const parts = options.completedDependencies.map(
    (dependency) => `COMPLETED — Task ${dependency.id} (${dependency.description}):\n${dependency.result}`,
  );
  const context = parts.length === 0 ? '' : `${parts.join('\n\n---\n\n')}\n\n`;
  return `YOUR TASK: ${options.description}\n\n${context}\n\n${WORKER_TASK_GUIDANCE}\n`;
}

/**
 * User message of a worker's second attempt after it ended without calling `submit_result` (§2.5); tagged
 * `[SYSTEM CORRECTION]` and naming `submit_result`.
 */
export const WORKER_CORRECTION_MESSAGE =
  '[SYSTEM CORRECTION] You ended your previous turn without calling `submit_result`, so your work was not recorded. Call `submit_result` now with a `summary` (1-3 sentences), your complete findings as `result`, and a `confidence` of `high`, `medium` or `low`. If you could not complete the task, say so in the result and use `low` confidence.';
