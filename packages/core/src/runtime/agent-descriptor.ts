import { basename } from 'node:path';
import { type AuraConfig, effectiveWorkerLlm } from '@aura/config';
import type { AgentDescriptor, McpServerDescriptor, RuntimeAgentConfig, WorkerDescriptor } from './runtime-types.js';

/** The credential-free description of an agent for listings. */
export function describeAgent(agent: RuntimeAgentConfig): AgentDescriptor {
  const { config } = agent;
  const { llm } = config.agent;
  const orchestration = config.orchestration?.enabled === true;
  return {
    id: agent.id,
    name: config.agent.name,
    ...(config.agent.description === undefined ? {} : { description: config.agent.description }),
    hidden: config.agent.hidden,
    createdAt: config.agent.created_at,
    ownedBy: config.agent.model_owner ?? llm.provider,
    provider: llm.provider,
    model: llm.model,
    label: `${llm.provider}/${llm.model}`,
    ...(llm.context_window === undefined ? {} : { contextWindow: llm.context_window }),
    mode: orchestration ? 'orchestration' : 'single',
    enableClientTools: config.agent.enable_client_tools && !orchestration,
    conversationalApprovals: config.hitl?.route.mode === 'conversational',
    workers: orchestration ? describeWorkers(config) : [],
    mcpServers: describeMcpServers(config),
  };
}

function describeWorkers(config: AuraConfig): WorkerDescriptor[] {
  const coordinator = config.agent.llm.model;
  return Object.entries(config.orchestration?.worker ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, worker]) => {
      const model = effectiveWorkerLlm(config, worker).model;
      return model === coordinator
        ? { name, description: worker.description }
        : { name, description: worker.description, model };
    });
}

function describeMcpServers(config: AuraConfig): McpServerDescriptor[] {
  return Object.entries(config.mcp?.servers ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, server]) => {
      const description = server.description === undefined ? {} : { description: server.description };
      if (server.transport === 'stdio') {
        const executable = server.cmd[0] ?? '';
        return { name, transport: server.transport, command: basename(executable) || '<unknown>', ...description };
      }
      return { name, transport: server.transport, url: urlOrigin(server.url), ...description };
    });
}

/** `scheme://host[:port]` of a URL (credentials and paths never shown), or `<invalid url>`. */
export function urlOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<invalid url>';
  }
}
