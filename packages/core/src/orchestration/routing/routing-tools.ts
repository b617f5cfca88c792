/**
 * The three routing tools (orchestration-spec §1.4): `respond_directly`, `create_plan`,
 * `request_clarification`. Names, parameter shapes and status texts are the reference's, so prompts and
 * recorded conversations carry over.
 */
import * as z from 'zod';
import type { Tool, ToolOutput } from '../../tools/tool.js';
import { flattenSteps } from '../plan/flatten-steps.js';
import { countLeafTasks, STEP_JSON_SCHEMA, stepsSchema } from '../plan/step.js';
import type { DecisionSlot } from './decision-slot.js';
import type { RoutingDecision } from './routing-decision.js';
import { jsonToolOutput, parseToolArguments, toolErrorOutput } from './tool-arguments.js';

/** Routing tool names in registration order. */
export const ROUTING_TOOL_NAMES = ['respond_directly', 'create_plan', 'request_clarification'] as const;

/** Status returned by a routing call made after a decision was already stored. */
export const ALREADY_SELECTED_STATUS =
  'Error: You have already selected a routing action. Only one routing tool may be called per turn.';

/** Options for {@link createRoutingTools}. */
export interface RoutingToolsOptions {
  /** The slot every tool writes to (first write wins). */
  readonly slot: DecisionSlot;
}

const optionalString = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

const respondDirectlyArgs = z.object({
  response: z.string(),
  routing_rationale: z.string(),
  summary: optionalString,
});

const createPlanArgs = z.object({
  goal: z.string(),
  steps: stepsSchema,
  routing_rationale: z.string(),
  // Advertised as required with minLength 1; like the reference (serde default) a missing one is accepted.
  planning_summary: optionalString,
});

const requestClarificationArgs = z.object({
  question: z.string(),
  options: z
    .array(z.string())
    .nullish()
    .transform((value) => value ?? undefined),
  routing_rationale: z.string(),
});

/**
 * Creates the routing tools, in registration order `[respond_directly, create_plan, request_clarification]`,
 * all kind `'orchestration'`, writing to `options.slot`.
 *
 * Results are JSON objects: `{"status":"Direct response recorded."}`, `{"status":"Plan created with N
 * steps."}` (N = leaf tasks), `{"status":"Clarification request recorded."}`, or
 * `{"status":"Error: You have already selected a routing action. ..."}` when the slot is already set (the
 * stored decision is kept). Malformed arguments return a `JsonError: ` tool error and store nothing.
 * `create_plan` also validates the tree by flattening it: an empty, over-nested or otherwise invalid tree
 * returns a `ToolCallError: ` naming the problem and stores nothing, so the coordinator can correct itself
 * (deviation: the reference stores the plan and crashes the request). Never throws; ignores `signal`
 * (every call completes synchronously).
 */
export function createRoutingTools(options: RoutingToolsOptions): readonly [Tool, Tool, Tool] {
  const { slot } = options;
  const store = (decision: RoutingDecision, status: string): ToolOutput =>
    jsonToolOutput({ status: slot.trySet(decision) ? status : ALREADY_SELECTED_STATUS });

  const respondDirectly = routingTool(
    'respond_directly',
    'Give the final answer yourself, without running any worker. At initial routing, use it only for requests you can answer from general knowledge with no tool execution, data retrieval or system inspection. At the end of an iteration, use it to turn the completed task results into the final answer: the user never sees task results, so inline every concrete finding (names, values, identifiers).',
    {
      response: { type: 'string', description: 'The complete answer, exactly as the user should read it' },
      routing_rationale: { type: 'string', description: 'Brief reason why this can be answered directly now' },
      summary: {
        type: 'string',
        description: 'Optional 1-2 sentence summary of the answer, kept in the session history for later turns',
      },
    },
    ['response', 'routing_rationale'],
    (args) => {
      const parsed = parseToolArguments(respondDirectlyArgs, args, 'respond_directly');
      if (!parsed.ok) return parsed.output;
      const { response, routing_rationale, summary } = parsed.value;
      const hasSummary = summary !== undefined && summary.trim() !== '';
      return store(
        {
          type: 'direct',
          response,
          routingRationale: routing_rationale,
          ...(hasSummary ? { responseSummary: summary } : {}),
        },
        'Direct response recorded.',
      );
    },
  );

  const createPlan = routingTool(
    'create_plan',
    'Break the request into steps that workers execute with their tools. Steps run one after another by default; put independent steps in a {"type": "parallel", "items": [...]} group, and a sequence that belongs to one parallel branch in {"type": "chain", "steps": [...]}. Use it when the request needs tool execution, data gathering, system inspection or multi-step analysis.',
    {
      goal: { type: 'string', description: 'The overall goal this plan achieves' },
      steps: {
        type: 'array',
        description:
          'Ordered steps. Each top-level step starts after the previous one has finished. Use {"type": "parallel", "items": [...]} to run independent steps at the same time.',
        items: STEP_JSON_SCHEMA,
      },
      routing_rationale: { type: 'string', description: 'Brief reason why this request needs workers' },
      planning_summary: {
        type: 'string',
        minLength: 1,
        description:
          'REQUIRED. A plain-language summary of the plan: which steps run, in what order, and what they should produce.',
      },
    },
    ['goal', 'steps', 'routing_rationale', 'planning_summary'],
    (args) => {
      const parsed = parseToolArguments(createPlanArgs, args, 'create_plan');
      if (!parsed.ok) return parsed.output;
      const { goal, steps, routing_rationale, planning_summary } = parsed.value;
      if (slot.decision !== undefined) return jsonToolOutput({ status: ALREADY_SELECTED_STATUS });
      const flattened = flattenSteps(steps);
      if (!flattened.ok) {
        return toolErrorOutput(
          `create_plan rejected the plan: ${flattened.error}. No plan was recorded. Call create_plan again with a corrected "steps" list: it must not be empty, every parallel group needs "items" and every chain needs "steps", and groups nest at most two levels deep (parallel → chain).`,
        );
      }
      return store(
        {
          type: 'steps_plan',
          goal,
          steps,
          routingRationale: routing_rationale,
          planningSummary: planning_summary ?? '',
        },
        `Plan created with ${countLeafTasks(steps)} steps.`,
      );
    },
  );

  const requestClarification = routingTool(
    'request_clarification',
    'Ask the user a clarifying question when the request is genuinely ambiguous. Use it sparingly: when a reasonable interpretation exists, plan for that instead.',
    {
      question: { type: 'string', description: 'The question to ask the user' },
      options: { type: 'array', items: { type: 'string' }, description: 'Optional suggested answers to choose from' },
      routing_rationale: { type: 'string', description: 'Brief reason why clarification is needed' },
    },
    ['question', 'routing_rationale'],
    (args) => {
      const parsed = parseToolArguments(requestClarificationArgs, args, 'request_clarification');
      if (!parsed.ok) return parsed.output;
      const { question, options: choices, routing_rationale } = parsed.value;
      return store(
        {
          type: 'clarification',
          question,
          ...(choices === undefined ? {} : { options: choices }),
          routingRationale: routing_rationale,
        },
        'Clarification request recorded.',
      );
    },
  );

  return [respondDirectly, createPlan, requestClarification];
}

function routingTool(
  name: string,
  description: string,
  properties: Record<string, unknown>,
  required: readonly string[],
  call: (args: Record<string, unknown>) => ToolOutput,
): Tool {
  return {
    name,
    originalName: name,
    description,
    inputSchema: { type: 'object', properties, required: [...required] },
    kind: 'orchestration',
    execute: async (args) => call(args),
  };
}
