import { type AgentRef, COORDINATOR_AGENT_ID, MAIN_AGENT_ID } from '@aura/events';

/**
 * Whether `agent`'s text and tool calls are user-visible: the single agent (`main`) or the coordinator,
 * never a worker (which has `parentAgentId` or another id).
 */
export function isUserVisibleAgent(agent: AgentRef): boolean {
  return (
    agent.parentAgentId === undefined && (agent.agentId === MAIN_AGENT_ID || agent.agentId === COORDINATOR_AGENT_ID)
  );
}
