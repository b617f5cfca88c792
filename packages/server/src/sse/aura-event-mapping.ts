/**
 * Pure maps from single runtime events to `aura.*` wire events (server-spec §9). Gating (custom events,
 * reasoning, suppression) is the caller's job; these only shape payloads.
 */
import {
  type AgentContextData,
  type ApprovalCompletedEvent,
  type ApprovalPendingEvent,
  type ApprovalRequestedEvent,
  type AuraWireEvent,
  agentContextData,
  approvalEvent,
  approvalOriginData,
  approvalOutcomeData,
  approvalScopeData,
  auraEvent,
  COORDINATOR_AGENT_ID,
  type CorrelationData,
  orchestratorEvent,
  type ReasoningDeltaEvent,
  type ToolCallEvent,
  type ToolProgressEvent,
  type ToolResultEvent,
  type ToolStartEvent,
} from '@aura/events';
import { progressMessage, progressPercent } from './progress-fields.js';
import { truncateToolResult } from './truncate-result.js';

/** `aura.tool_requested` for a tool call (arguments already parsed by the runtime). */
export function toolRequestedWireEvent(event: ToolCallEvent, correlation: CorrelationData): AuraWireEvent {
  return auraEvent.toolRequested({
    tool_id: event.toolCallId,
    tool_name: event.toolName,
    arguments: event.arguments,
    ...agentContextData(event.agent),
    ...correlation,
  });
}

/** `aura.tool_start` for an MCP request that went on the wire. */
export function toolStartWireEvent(event: ToolStartEvent, correlation: CorrelationData): AuraWireEvent {
  return auraEvent.toolStart({
    tool_id: event.toolCallId,
    tool_name: event.toolName,
    progress_token: event.progressToken,
    ...agentContextData(event.agent),
    ...correlation,
  });
}

/** `aura.progress` for an MCP progress notification (message and percent per §9.3). */
export function progressWireEvent(event: ToolProgressEvent, correlation: CorrelationData): AuraWireEvent {
  return auraEvent.progress({
    message: progressMessage(event),
    phase: 'mcp_progress',
    percent: progressPercent(event.progress, event.total),
    progress_token: event.progressToken,
    ...agentContextData(event.agent),
    ...correlation,
  });
}

/**
 * `aura.tool_complete` for a tool result. Success and failure come from the runtime (which classifies
 * results with both the core's and the reference SSE layer's prefixes: quirk Q9, fixed). On success
 * `result` is the output (JSON-unquoted when it is a JSON string literal, as in the reference) truncated
 * to `maxBytes`; on failure `error` is `"<Kind>: <message>"`, untruncated.
 */
export function toolCompleteWireEvent(
  event: ToolResultEvent,
  correlation: CorrelationData,
  maxBytes: number,
): AuraWireEvent {
  const text = unquoteJsonString(event.output);
  return auraEvent.toolComplete({
    tool_id: event.toolCallId,
    tool_name: event.toolName,
    duration_ms: Math.max(0, Math.round(event.durationMs)),
    success: event.success,
    result: event.success ? truncateToolResult(text, maxBytes) : undefined,
    error: event.success ? undefined : event.error === undefined ? text : `${event.error.kind}: ${event.error.message}`,
    ...agentContextData(event.agent),
    ...correlation,
  });
}

function unquoteJsonString(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : text;
  } catch {
    return text;
  }
}

/**
 * The reasoning events of one delta. A worker's delta (orchestration, `worker` true) becomes
 * `aura.orchestrator.worker_reasoning` (when it runs a task) plus `aura.reasoning` attributed to the
 * worker with `parent_agent_id` (default `"coordinator"`); any other agent's delta becomes `aura.reasoning`
 * with its own context.
 */
export function reasoningWireEvents(
  event: ReasoningDeltaEvent,
  correlation: CorrelationData,
  worker: boolean,
): AuraWireEvent[] {
  if (!worker) {
    return [auraEvent.reasoning({ content: event.delta, ...agentContextData(event.agent), ...correlation })];
  }
  const agent: AgentContextData = {
    ...agentContextData(event.agent),
    parent_agent_id: event.agent.parentAgentId ?? COORDINATOR_AGENT_ID,
  };
  const reasoning = auraEvent.reasoning({ content: event.delta, ...agent, ...correlation });
  if (event.agent.taskId === undefined) return [reasoning];
  return [
    orchestratorEvent.workerReasoning({
      task_id: event.agent.taskId,
      worker_id: event.agent.agentId,
      content: event.delta,
      agent_id: COORDINATOR_AGENT_ID,
      ...correlation,
    }),
    reasoning,
  ];
}

/** `aura.approval_*` for an approval runtime event (no agent or correlation context on the wire). */
export function approvalWireEvent(
  event: ApprovalRequestedEvent | ApprovalPendingEvent | ApprovalCompletedEvent,
): AuraWireEvent {
  switch (event.type) {
    case 'approval-requested':
      return approvalEvent.requested({
        decision_id: event.decisionId,
        tool_name: event.toolName,
        origin: approvalOriginData(event.origin),
        scope: approvalScopeData(event.scope),
      });
    case 'approval-pending':
      return approvalEvent.pending({
        decision_id: event.decisionId,
        tool_name: event.toolName,
        arguments: event.arguments,
        origin: approvalOriginData(event.origin),
        scope: approvalScopeData(event.scope),
        expires_at: event.expiresAt,
      });
    case 'approval-completed':
      return approvalEvent.completed({
        decision_id: event.decisionId,
        outcome: approvalOutcomeData(event.outcome),
        duration_ms: event.durationMs,
        scope: approvalScopeData(event.scope),
      });
  }
}
