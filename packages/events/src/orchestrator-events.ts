/**
 * Payloads of the `aura.orchestrator.*` events as the server emits them (server-spec §10,
 * orchestration-spec §5.2) and their constructors. Every payload ends with the flattened agent context
 * (`agent_id: "coordinator"`) and correlation. `result`, `planning_response`, `reasoning` and `gaps` are
 * omitted when empty. The vestigial `phase_started`/`phase_completed` events are not modelled.
 */
import { AGENT_CONTEXT_KEYS, type AgentContextData, CORRELATION_KEYS, type CorrelationData } from './aura-context.js';
import { AURA_EVENT_NAMES, type NamedEvent } from './aura-event-names.js';
import type { JsonObject } from './json.js';
import { wireEventConstructor } from './ordered-payload.js';

/** Flattened context every orchestrator payload ends with. */
export interface OrchestratorContextData extends AgentContextData, CorrelationData {}

/** `"routed"` = a one-task plan; `"orchestrated"` = several tasks. */
export type OrchestratorRoutingMode = 'routed' | 'orchestrated';

/** `aura.orchestrator.plan_created`: the initial plan or an accepted replan. */
export interface OrchestratorPlanCreatedData extends OrchestratorContextData {
  readonly goal: string;
  /** Task descriptions in task-id order. */
  readonly tasks: readonly string[];
  readonly routing_mode: OrchestratorRoutingMode;
  readonly routing_rationale: string;
  /** The plan's `planning_summary`; omitted when empty. */
  readonly planning_response?: string;
}

/** `aura.orchestrator.direct_answer`: the coordinator answered without (further) tasks. */
export interface OrchestratorDirectAnswerData extends OrchestratorContextData {
  readonly response: string;
  readonly routing_rationale: string;
}

/** `aura.orchestrator.clarification_needed`: the coordinator asks the user a question. */
export interface OrchestratorClarificationNeededData extends OrchestratorContextData {
  readonly question: string;
  readonly options?: readonly string[];
  readonly routing_rationale: string;
}

/** `aura.orchestrator.task_started`: sent for each task of a wave, in plan order, before any runs. */
export interface OrchestratorTaskStartedData extends OrchestratorContextData {
  readonly description: string;
  readonly task_id: number;
  readonly orchestrator_id: string;
  /** Worker name, or the `orchestrator_id` for the generic worker. */
  readonly worker_id: string;
}

/** `aura.orchestrator.task_completed`: a task finished (successfully or not). */
export interface OrchestratorTaskCompletedData extends OrchestratorContextData {
  readonly task_id: number;
  readonly orchestrator_id: string;
  readonly worker_id: string;
  readonly success: boolean;
  readonly duration_ms: number;
  /** Result, raw soft-failure text or error message; truncated; omitted when empty. */
  readonly result?: string;
}

/** `aura.orchestrator.iteration_complete`: after every post-execute decision. */
export interface OrchestratorIterationCompleteData extends OrchestratorContextData {
  readonly iteration: number;
  readonly will_replan: boolean;
  /** Omitted when empty. */
  readonly reasoning?: string;
  /** Omitted when empty (always, in the reference). */
  readonly gaps?: readonly string[];
  readonly planning_ms: number;
  readonly execution_ms: number;
  readonly task_compute_ms: number;
  readonly tool_ms: number;
}

/** `aura.orchestrator.replan_started`: `iteration` is the *next* iteration number. */
export interface OrchestratorReplanStartedData extends OrchestratorContextData {
  readonly iteration: number;
  /** e.g. `"post_execute_create_plan"`. */
  readonly trigger: string;
}

/** `aura.orchestrator.synthesizing`: just before each post-execute coordinator call. */
export interface OrchestratorSynthesizingData extends OrchestratorContextData {
  readonly iteration: number;
}

/** `aura.orchestrator.worker_reasoning`: a named worker's reasoning delta. */
export interface OrchestratorWorkerReasoningData extends OrchestratorContextData {
  readonly task_id: number;
  readonly worker_id: string;
  readonly content: string;
}

/** `aura.orchestrator.tool_call_started`: a worker's (or the coordinator's) tool call. */
export interface OrchestratorToolCallStartedData extends OrchestratorContextData {
  /** Absent for the coordinator and the generic worker's internal tools. */
  readonly task_id?: number;
  readonly tool_call_id: string;
  readonly tool_name: string;
  /** Worker name; `"main"` for the coordinator and the generic worker. */
  readonly worker_id: string;
  /** Parsed arguments; `{}` when unparsable. */
  readonly arguments?: JsonObject;
}

/** `aura.orchestrator.tool_call_completed`: may arrive after its task's `task_completed`. */
export interface OrchestratorToolCallCompletedData extends OrchestratorContextData {
  readonly task_id?: number;
  readonly tool_call_id: string;
  readonly success: boolean;
  readonly duration_ms: number;
  /** Truncated; omitted when empty. */
  readonly result?: string;
}

type Names = typeof AURA_EVENT_NAMES;
/** `aura.orchestrator.plan_created` event. */
export type AuraOrchestratorPlanCreatedEvent = NamedEvent<
  Names['orchestratorPlanCreated'],
  OrchestratorPlanCreatedData
>;
/** `aura.orchestrator.direct_answer` event. */
export type AuraOrchestratorDirectAnswerEvent = NamedEvent<
  Names['orchestratorDirectAnswer'],
  OrchestratorDirectAnswerData
>;
/** `aura.orchestrator.clarification_needed` event. */
export type AuraOrchestratorClarificationNeededEvent = NamedEvent<
  Names['orchestratorClarificationNeeded'],
  OrchestratorClarificationNeededData
>;
/** `aura.orchestrator.task_started` event. */
export type AuraOrchestratorTaskStartedEvent = NamedEvent<
  Names['orchestratorTaskStarted'],
  OrchestratorTaskStartedData
>;
/** `aura.orchestrator.task_completed` event. */
export type AuraOrchestratorTaskCompletedEvent = NamedEvent<
  Names['orchestratorTaskCompleted'],
  OrchestratorTaskCompletedData
>;
/** `aura.orchestrator.iteration_complete` event. */
export type AuraOrchestratorIterationCompleteEvent = NamedEvent<
  Names['orchestratorIterationComplete'],
  OrchestratorIterationCompleteData
>;
/** `aura.orchestrator.replan_started` event. */
export type AuraOrchestratorReplanStartedEvent = NamedEvent<
  Names['orchestratorReplanStarted'],
  OrchestratorReplanStartedData
>;
/** `aura.orchestrator.synthesizing` event. */
export type AuraOrchestratorSynthesizingEvent = NamedEvent<
  Names['orchestratorSynthesizing'],
  OrchestratorSynthesizingData
>;
/** `aura.orchestrator.worker_reasoning` event. */
export type AuraOrchestratorWorkerReasoningEvent = NamedEvent<
  Names['orchestratorWorkerReasoning'],
  OrchestratorWorkerReasoningData
>;
/** `aura.orchestrator.tool_call_started` event. */
export type AuraOrchestratorToolCallStartedEvent = NamedEvent<
  Names['orchestratorToolCallStarted'],
  OrchestratorToolCallStartedData
>;
/** `aura.orchestrator.tool_call_completed` event. */
export type AuraOrchestratorToolCallCompletedEvent = NamedEvent<
  Names['orchestratorToolCallCompleted'],
  OrchestratorToolCallCompletedData
>;

const CONTEXT = [...AGENT_CONTEXT_KEYS, ...CORRELATION_KEYS] as const;

/**
 * Constructors of the `aura.orchestrator.*` events. Input is the wire payload (snake_case, context
 * spread in); optional fields may be `undefined`. The returned `data` has its keys in the spec's order
 * and the "omitted when empty" fields dropped when empty.
 */
export const orchestratorEvent = {
  planCreated: wireEventConstructor<OrchestratorPlanCreatedData>()(
    AURA_EVENT_NAMES.orchestratorPlanCreated,
    ['goal', 'tasks', 'routing_mode', 'routing_rationale', 'planning_response', ...CONTEXT],
    { omitEmpty: ['planning_response'] },
  ),
  directAnswer: wireEventConstructor<OrchestratorDirectAnswerData>()(AURA_EVENT_NAMES.orchestratorDirectAnswer, [
    'response',
    'routing_rationale',
    ...CONTEXT,
  ]),
  clarificationNeeded: wireEventConstructor<OrchestratorClarificationNeededData>()(
    AURA_EVENT_NAMES.orchestratorClarificationNeeded,
    ['question', 'options', 'routing_rationale', ...CONTEXT],
  ),
  taskStarted: wireEventConstructor<OrchestratorTaskStartedData>()(AURA_EVENT_NAMES.orchestratorTaskStarted, [
    'description',
    'task_id',
    'orchestrator_id',
    'worker_id',
    ...CONTEXT,
  ]),
  taskCompleted: wireEventConstructor<OrchestratorTaskCompletedData>()(
    AURA_EVENT_NAMES.orchestratorTaskCompleted,
    ['task_id', 'orchestrator_id', 'worker_id', 'success', 'duration_ms', 'result', ...CONTEXT],
    { omitEmpty: ['result'] },
  ),
  iterationComplete: wireEventConstructor<OrchestratorIterationCompleteData>()(
    AURA_EVENT_NAMES.orchestratorIterationComplete,
    [
      'iteration',
      'will_replan',
      'reasoning',
      'gaps',
      'planning_ms',
      'execution_ms',
      'task_compute_ms',
      'tool_ms',
      ...CONTEXT,
    ],
    { omitEmpty: ['reasoning', 'gaps'] },
  ),
  replanStarted: wireEventConstructor<OrchestratorReplanStartedData>()(AURA_EVENT_NAMES.orchestratorReplanStarted, [
    'iteration',
    'trigger',
    ...CONTEXT,
  ]),
  synthesizing: wireEventConstructor<OrchestratorSynthesizingData>()(AURA_EVENT_NAMES.orchestratorSynthesizing, [
    'iteration',
    ...CONTEXT,
  ]),
  workerReasoning: wireEventConstructor<OrchestratorWorkerReasoningData>()(
    AURA_EVENT_NAMES.orchestratorWorkerReasoning,
    ['task_id', 'worker_id', 'content', ...CONTEXT],
  ),
  toolCallStarted: wireEventConstructor<OrchestratorToolCallStartedData>()(
    AURA_EVENT_NAMES.orchestratorToolCallStarted,
    ['task_id', 'tool_call_id', 'tool_name', 'worker_id', 'arguments', ...CONTEXT],
  ),
  toolCallCompleted: wireEventConstructor<OrchestratorToolCallCompletedData>()(
    AURA_EVENT_NAMES.orchestratorToolCallCompleted,
    ['task_id', 'tool_call_id', 'success', 'duration_ms', 'result', ...CONTEXT],
    { omitEmpty: ['result'] },
  ),
} as const;
