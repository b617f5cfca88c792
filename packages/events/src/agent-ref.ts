import { withoutUndefined } from './ordered-payload.js';

/** The `agentId` of the one agent of a single-agent run. */
export const MAIN_AGENT_ID = 'main';

/** The `agentId` of the coordinator of an orchestrated run. */
export const COORDINATOR_AGENT_ID = 'coordinator';

/**
 * Which agent produced a runtime event. `agentId` is {@link MAIN_AGENT_ID} for a single agent,
 * {@link COORDINATOR_AGENT_ID} for the orchestration coordinator, or a worker name; `parentAgentId` is set
 * on workers (the coordinator); `taskId` is set on events produced while a worker runs a plan task.
 */
export interface AgentRef {
  readonly agentId: string;
  readonly agentName?: string;
  readonly parentAgentId?: string;
  readonly taskId?: number;
}

/** Builds an {@link AgentRef}, dropping fields given as `undefined`. */
export function agentRef(input: {
  readonly agentId: string;
  readonly agentName?: string | undefined;
  readonly parentAgentId?: string | undefined;
  readonly taskId?: number | undefined;
}): AgentRef {
  return withoutUndefined(input) as AgentRef;
}
