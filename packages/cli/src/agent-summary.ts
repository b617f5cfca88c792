import type { LoadedConfig } from '@aura/config';

/** One line describing a loaded agent: id, name, model, mode and tool sources. */
export function agentSummary(loaded: LoadedConfig): string {
  const { agent, mcp, orchestration, tools } = loaded.config;
  const parts = [`${agent.llm.provider}/${agent.llm.model}`];
  const workers = Object.keys(orchestration?.worker ?? {});
  parts.push(
    orchestration?.enabled === true
      ? `orchestration, ${workers.length} worker${workers.length === 1 ? '' : 's'}`
      : 'single agent',
  );
  const servers = Object.keys(mcp?.servers ?? {}).length;
  if (servers > 0) parts.push(`${servers} MCP server${servers === 1 ? '' : 's'}`);
  if (tools?.filesystem === true) parts.push('filesystem tools');
  if (agent.hidden) parts.push('hidden');
  const name = loaded.id === agent.name ? '' : ` (${agent.name})`;
  return `${loaded.id}${name}: ${parts.join(', ')}`;
}
