/**
 * Every `aura.*` SSE event name (server-spec §9.2, §10, §12.2). Names are wire strings that clients match
 * on; never rename one.
 */
export const AURA_EVENT_NAMES = {
  sessionInfo: 'aura.session_info',
  mcpStatus: 'aura.mcp_status',
  toolRequested: 'aura.tool_requested',
  toolStart: 'aura.tool_start',
  toolComplete: 'aura.tool_complete',
  progress: 'aura.progress',
  reasoning: 'aura.reasoning',
  toolUsage: 'aura.tool_usage',
  usage: 'aura.usage',
  scratchpadUsage: 'aura.scratchpad_usage',
  workerPhase: 'aura.worker_phase',
  approvalRequested: 'aura.approval_requested',
  approvalPending: 'aura.approval_pending',
  approvalCompleted: 'aura.approval_completed',
  orchestratorPlanCreated: 'aura.orchestrator.plan_created',
  orchestratorDirectAnswer: 'aura.orchestrator.direct_answer',
  orchestratorClarificationNeeded: 'aura.orchestrator.clarification_needed',
  orchestratorTaskStarted: 'aura.orchestrator.task_started',
  orchestratorTaskCompleted: 'aura.orchestrator.task_completed',
  orchestratorIterationComplete: 'aura.orchestrator.iteration_complete',
  orchestratorReplanStarted: 'aura.orchestrator.replan_started',
  orchestratorSynthesizing: 'aura.orchestrator.synthesizing',
  orchestratorWorkerReasoning: 'aura.orchestrator.worker_reasoning',
  orchestratorToolCallStarted: 'aura.orchestrator.tool_call_started',
  orchestratorToolCallCompleted: 'aura.orchestrator.tool_call_completed',
} as const;

/** One `aura.*` event name. */
export type AuraEventName = (typeof AURA_EVENT_NAMES)[keyof typeof AURA_EVENT_NAMES];

const NAME_SET: ReadonlySet<string> = new Set(Object.values(AURA_EVENT_NAMES));

/** Whether `name` is one of {@link AURA_EVENT_NAMES} (a known, typed Aura event). */
export function isAuraEventName(name: string): name is AuraEventName {
  return NAME_SET.has(name);
}

/** An SSE event as Aura writes it: `event: <event>` and `data: <JSON of data>`. */
export interface NamedEvent<N extends string, D> {
  readonly event: N;
  readonly data: D;
}
