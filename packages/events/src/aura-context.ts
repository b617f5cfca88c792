/**
 * The context fields flattened into `aura.*` payloads (server-spec §9.1): agent fields first, correlation
 * fields last.
 */
import type { AgentRef } from './agent-ref.js';

/** Flattened agent context: `agent_id` then `agent_name?`, `parent_agent_id?`. */
export interface AgentContextData {
  /** `"main"` single-agent, `"coordinator"` in orchestration, or a worker name. */
  readonly agent_id: string;
  readonly agent_name?: string;
  readonly parent_agent_id?: string;
}

/** Flattened correlation: the chat session id, then the trace id when tracing is on. */
export interface CorrelationData {
  readonly session_id: string;
  /** Lowercase hex OTel trace id; omitted when there is none. */
  readonly trace_id?: string;
}

/** Wire key order of {@link AgentContextData}. */
export const AGENT_CONTEXT_KEYS = ['agent_id', 'agent_name', 'parent_agent_id'] as const;

/** Wire key order of {@link CorrelationData}. */
export const CORRELATION_KEYS = ['session_id', 'trace_id'] as const;

/**
 * Maps a runtime {@link AgentRef} to the flattened wire context (keys in wire order, absent ones
 * omitted). `taskId` is not part of the agent context on the wire.
 */
export function agentContextData(agent: AgentRef): AgentContextData {
  return {
    agent_id: agent.agentId,
    ...(agent.agentName === undefined ? {} : { agent_name: agent.agentName }),
    ...(agent.parentAgentId === undefined ? {} : { parent_agent_id: agent.parentAgentId }),
  };
}

/** Builds {@link CorrelationData}; `trace_id` omitted when `traceId` is `undefined`. */
export function correlationData(input: {
  readonly sessionId: string;
  readonly traceId?: string | undefined;
}): CorrelationData {
  return input.traceId === undefined
    ? { session_id: input.sessionId }
    : { session_id: input.sessionId, trace_id: input.traceId };
}
