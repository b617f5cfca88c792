/**
 * Worker construction (orchestration-spec §2.1): who runs a task — a named worker from
 * `[orchestration.worker.<name>]` or the generic worker — with which model, system prompt, MCP filter, turn
 * depth and event identity. Pure lookups; a new tool set is built per attempt elsewhere.
 */
import type { WorkerConfig } from '@aura/config';
import { type AgentRef, agentRef, COORDINATOR_AGENT_ID } from '@aura/events';
import type { ResolvedModel } from '../../llm/model-factory.js';
import type { Task } from '../plan/plan-types.js';
import { buildWorkerPreamble } from '../prompts/worker-prompts.js';
import { COORDINATOR_AGENT } from './final-answer-stream.js';
import type { OrchestrationEnvironment } from './orchestration-environment.js';

/** Everything fixed about the worker of one task. */
export interface WorkerAgent {
  /** The named worker, or `undefined` for the generic worker. */
  readonly name: string | undefined;
  /** `task_started.worker_id`: the worker name, or the orchestrator id for the generic worker. */
  readonly workerId: string;
  readonly model: ResolvedModel;
  readonly system: string;
  /** Effective `mcp_filter`: the worker's, else `[agent].mcp_filter` (`undefined` = every MCP tool). */
  readonly mcpFilter: readonly string[] | undefined;
  /** `turn_depth` of the worker, else `[agent].turn_depth`. */
  readonly turnDepth: number;
  /** Stamped on the worker's events: `agentId` = `workerId`, parent `coordinator`, the task id. */
  readonly agent: AgentRef;
  /** The generic worker's reasoning reads as the coordinator's (§2.5); named workers keep their own. */
  readonly reasoningAgent: AgentRef | undefined;
}

/** The error of a task naming a worker that is not configured (category `agent_error`, no LLM call). */
export function unknownWorkerMessage(name: string, taskId: number): string {
  return `Worker '${name}' not found in configuration (task ${taskId})`;
}

/**
 * The worker of `task`, or `undefined` when `task.worker` names no configured worker. Named worker: its `llm`
 * (else the agent's), its `preamble` as custom instructions, its `mcp_filter` (else the agent's), its
 * `turn_depth` (else the agent's). Generic worker: `worker_system_prompt` (else the "no custom instructions"
 * placeholder), the agent's filter and depth.
 */
export function resolveWorkerAgent(env: OrchestrationEnvironment, task: Task): WorkerAgent | undefined {
  const { config, orchestration } = env;
  const name = task.worker;
  let worker: WorkerConfig | undefined;
  if (name !== undefined) {
    worker = Object.hasOwn(orchestration.worker, name) ? orchestration.worker[name] : undefined;
    if (worker === undefined) return undefined;
  }
  const workerId = name ?? env.orchestratorId;
  return {
    name,
    workerId,
    model: env.workerModel(name),
    system: buildWorkerPreamble({
      customInstructions: worker === undefined ? orchestration.worker_system_prompt : worker.preamble,
    }),
    mcpFilter: worker?.mcp_filter ?? config.agent.mcp_filter,
    turnDepth: worker?.turn_depth ?? config.agent.turn_depth,
    agent: agentRef({ agentId: workerId, parentAgentId: COORDINATOR_AGENT_ID, taskId: task.id }),
    reasoningAgent: name === undefined ? COORDINATOR_AGENT : undefined,
  };
}
