/**
 * Maps orchestration runtime events to `aura.orchestrator.*` wire events (server-spec §10,
 * orchestration-spec §5). Every payload carries the coordinator context (`agent_id: "coordinator"`) and
 * the correlation fields; `result` fields are truncated and omitted when empty.
 */
import {
  type AgentRef,
  type AuraWireEvent,
  type ClarificationNeededEvent,
  COORDINATOR_AGENT_ID,
  type DirectAnswerEvent,
  type IterationCompleteEvent,
  MAIN_AGENT_ID,
  type OrchestratorContextData,
  orchestratorEvent,
  type PlanCreatedEvent,
  type ReplanStartedEvent,
  type SynthesizingEvent,
  type TaskCompletedEvent,
  type TaskStartedEvent,
  type ToolCallEvent,
  type ToolResultEvent,
} from '@aura/events';
import { truncateToolResult } from './truncate-result.js';

/** The orchestration lifecycle events (those with an `aura.orchestrator.*` counterpart of their own). */
export type OrchestratorLifecycleEvent =
  | PlanCreatedEvent
  | DirectAnswerEvent
  | ClarificationNeededEvent
  | TaskStartedEvent
  | TaskCompletedEvent
  | SynthesizingEvent
  | IterationCompleteEvent
  | ReplanStartedEvent;

/** What the orchestration mapping needs besides the event. */
export interface OrchestrationWireContext {
  readonly sessionId: string;
  readonly traceId?: string | undefined;
  /** Byte cap of `result` fields; 0 = unlimited. */
  readonly toolResultMaxLength: number;
}

function coordinatorContext(context: OrchestrationWireContext): OrchestratorContextData {
  return context.traceId === undefined
    ? { agent_id: COORDINATOR_AGENT_ID, session_id: context.sessionId }
    : { agent_id: COORDINATOR_AGENT_ID, session_id: context.sessionId, trace_id: context.traceId };
}

function truncated(text: string | undefined, context: OrchestrationWireContext): string | undefined {
  return text === undefined ? undefined : truncateToolResult(text, context.toolResultMaxLength);
}

/** Maps one orchestration lifecycle event to its `aura.orchestrator.*` wire event. */
export function orchestratorLifecycleWireEvent(
  event: OrchestratorLifecycleEvent,
  context: OrchestrationWireContext,
): AuraWireEvent {
  const base = coordinatorContext(context);
  switch (event.type) {
    case 'plan-created':
      return orchestratorEvent.planCreated({
        ...base,
        goal: event.goal,
        tasks: event.tasks,
        routing_mode: event.routingMode,
        routing_rationale: event.routingRationale,
        planning_response: event.planningResponse,
      });
    case 'direct-answer':
      return orchestratorEvent.directAnswer({
        ...base,
        response: event.response,
        routing_rationale: event.routingRationale,
      });
    case 'clarification-needed':
      return orchestratorEvent.clarificationNeeded({
        ...base,
        question: event.question,
        options: event.options,
        routing_rationale: event.routingRationale,
      });
    case 'task-started':
      return orchestratorEvent.taskStarted({
        ...base,
        description: event.description,
        task_id: event.taskId,
        orchestrator_id: event.orchestratorId,
        worker_id: event.workerId,
      });
    case 'task-completed':
      return orchestratorEvent.taskCompleted({
        ...base,
        task_id: event.taskId,
        orchestrator_id: event.orchestratorId,
        worker_id: event.workerId,
        success: event.success,
        duration_ms: event.durationMs,
        result: truncated(event.result, context),
      });
    case 'synthesizing':
      return orchestratorEvent.synthesizing({ ...base, iteration: event.iteration });
    case 'iteration-complete':
      return orchestratorEvent.iterationComplete({
        ...base,
        iteration: event.iteration,
        will_replan: event.willReplan,
        reasoning: event.reasoning,
        gaps: event.gaps,
        planning_ms: event.planningMs,
        execution_ms: event.executionMs,
        task_compute_ms: event.taskComputeMs,
        tool_ms: event.toolMs,
      });
    case 'replan-started':
      return orchestratorEvent.replanStarted({ ...base, iteration: event.iteration, trigger: event.trigger });
  }
}

/**
 * `worker_id` of an orchestration tool event: `"main"` for the coordinator's own tools, else the
 * worker's agent id (a worker name, or whatever id the runtime gives the generic worker).
 */
export function orchestrationWorkerId(agent: AgentRef): string {
  return isCoordinator(agent) ? MAIN_AGENT_ID : agent.agentId;
}

function isCoordinator(agent: AgentRef): boolean {
  return agent.parentAgentId === undefined && agent.agentId === COORDINATOR_AGENT_ID;
}

/** `aura.orchestrator.tool_call_started` for a worker's (or the coordinator's) tool call. */
export function toolCallStartedWireEvent(event: ToolCallEvent, context: OrchestrationWireContext): AuraWireEvent {
  return orchestratorEvent.toolCallStarted({
    ...coordinatorContext(context),
    task_id: isCoordinator(event.agent) ? undefined : event.agent.taskId,
    tool_call_id: event.toolCallId,
    tool_name: event.toolName,
    worker_id: orchestrationWorkerId(event.agent),
    arguments: event.arguments,
  });
}

/**
 * `aura.orchestrator.tool_call_completed` for a worker's (or the coordinator's) tool result. `result` is
 * the model-visible output (for a failure without output, `"<Kind>: <message>"`), truncated.
 */
export function toolCallCompletedWireEvent(event: ToolResultEvent, context: OrchestrationWireContext): AuraWireEvent {
  const output =
    event.output === '' && event.error !== undefined ? `${event.error.kind}: ${event.error.message}` : event.output;
  return orchestratorEvent.toolCallCompleted({
    ...coordinatorContext(context),
    task_id: isCoordinator(event.agent) ? undefined : event.agent.taskId,
    tool_call_id: event.toolCallId,
    success: event.success,
    duration_ms: event.durationMs,
    result: truncated(output, context),
  });
}
