/**
 * The step tree the coordinator writes in `create_plan` (orchestration-spec §1.4): a tagged union on `type`.
 * Top-level steps run in sequence; `parallel` groups run their items concurrently; `chain` is a sequential
 * sub-chain (meant for use inside a parallel group).
 */
import * as z from 'zod';
import type { JsonSchema } from '../../tools/tool.js';

/** A leaf task. `worker` absent → the generic worker. */
export interface TaskStep {
  readonly type: 'task';
  /** Fully-resolved task description (workers never see the conversation). */
  readonly task: string;
  readonly worker?: string;
}

/** Items run concurrently; the group's exits are the exits of every item. */
export interface ParallelStep {
  readonly type: 'parallel';
  readonly items: readonly Step[];
}

/** Steps run in sequence (inside a parallel group, or inline at top level). */
export interface ChainStep {
  readonly type: 'chain';
  readonly steps: readonly Step[];
}

/** One node of the plan tree. */
export type Step = TaskStep | ParallelStep | ChainStep;

/**
 * The step schema advertised to the model, in the reference's shape: one flat object tagged by `type` whose
 * nested `items` / `steps` are plain objects (no `$ref`, so every provider's schema dialect accepts it).
 * `worker` is described as required for tasks, but parsing treats it as optional (§9 item 8).
 */
export const STEP_JSON_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: {
      type: 'string',
      enum: ['task', 'parallel', 'chain'],
      description:
        "Step kind: 'task' for a single task, 'parallel' for steps that run concurrently, 'chain' for a sequential sub-chain inside a parallel group",
    },
    task: {
      type: 'string',
      description:
        'What this task must accomplish, with every reference resolved: workers do NOT see the conversation history. Required when type=task.',
    },
    worker: {
      type: 'string',
      description: 'Name of the worker that should run this task. Required when type=task.',
    },
    items: {
      type: 'array',
      description: 'Steps to run concurrently. Required when type=parallel.',
      items: { type: 'object' },
    },
    steps: {
      type: 'array',
      description: 'Steps to run one after another. Required when type=chain.',
      items: { type: 'object' },
    },
  },
};

/** The wire shape before normalisation (`worker: null` is accepted as absent, like serde's `Option`). */
type RawStep =
  | { type: 'task'; task: string; worker?: string | null | undefined }
  | { type: 'parallel'; items: RawStep[] }
  | { type: 'chain'; steps: RawStep[] };

const rawStepSchema: z.ZodType<RawStep> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('task'), task: z.string(), worker: z.string().nullish() }),
    z.object({ type: z.literal('parallel'), items: z.array(rawStepSchema) }),
    z.object({ type: z.literal('chain'), steps: z.array(rawStepSchema) }),
  ]),
);

/**
 * Parses one step (recursively). Unknown keys are ignored; an unknown `type`, a missing member or a wrong
 * type fails. Empty groups and over-deep nesting are *not* rejected here — {@link flattenSteps} reports them
 * with the reference's messages.
 */
export const stepSchema: z.ZodType<Step, unknown> = rawStepSchema.transform(normaliseStep);

/** Step list schema (what `create_plan.steps` holds). */
export const stepsSchema: z.ZodType<readonly Step[], unknown> = z.array(stepSchema);

function normaliseStep(raw: RawStep): Step {
  switch (raw.type) {
    case 'task':
      return raw.worker === undefined || raw.worker === null
        ? { type: 'task', task: raw.task }
        : { type: 'task', task: raw.task, worker: raw.worker };
    case 'parallel':
      return { type: 'parallel', items: raw.items.map(normaliseStep) };
    case 'chain':
      return { type: 'chain', steps: raw.steps.map(normaliseStep) };
  }
}

/** Number of leaf tasks in a step tree (the N of `Plan created with N steps.`). */
export function countLeafTasks(steps: readonly Step[]): number {
  let count = 0;
  for (const step of steps) {
    if (step.type === 'task') count += 1;
    else if (step.type === 'parallel') count += countLeafTasks(step.items);
    else count += countLeafTasks(step.steps);
  }
  return count;
}

/**
 * The JSON form of a step tree as persisted in `plan.json` and in decision JSON: `{"type":"task","task",
 * "worker"?}`, `{"type":"parallel","items"}`, `{"type":"chain","steps"}` (keys in that order; `worker`
 * omitted when absent).
 */
export function stepsToJson(steps: readonly Step[]): unknown[] {
  return steps.map((step) => {
    if (step.type === 'task') {
      return step.worker === undefined
        ? { type: 'task', task: step.task }
        : { type: 'task', task: step.task, worker: step.worker };
    }
    if (step.type === 'parallel') return { type: 'parallel', items: stepsToJson(step.items) };
    return { type: 'chain', steps: stepsToJson(step.steps) };
  });
}
