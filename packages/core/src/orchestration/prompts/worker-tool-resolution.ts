/**
 * Which tools each worker is shown with in the planning prompt (orchestration-spec §1.9, "Worker tool
 * resolution for display").
 */
import type { OrchestrationConfig, VectorStoreConfig } from '@aura/config';
import { matchesToolFilter } from '../../util/simple-glob.js';

/** An MCP tool as discovered, with the transport of its server. */
export interface McpToolInfo {
  readonly name: string;
  readonly description?: string | undefined;
  readonly transport: 'http_streamable' | 'sse' | 'stdio';
}

/** A tool as listed under a worker in the planning prompt. */
export interface PlanningTool {
  readonly name: string;
  readonly description?: string | undefined;
}

/** A worker as listed in the planning prompt. */
export interface PlanningWorker {
  readonly name: string;
  readonly description: string;
  readonly tools: readonly PlanningTool[];
}

/** Vector-store fields the display needs. */
export type VectorStoreInfo = Pick<VectorStoreConfig, 'name' | 'context_prefix'>;

/** Inputs of {@link resolveWorkerTools}. */
export interface ResolveWorkerToolsOptions {
  /** Every discovered MCP tool (any order; servers of each transport in discovery order). */
  readonly mcpTools: readonly McpToolInfo[];
  /** The effective filter: `undefined` = all MCP tools, `[]` = none, else simple-glob allow-list. */
  readonly mcpFilter: readonly string[] | undefined;
  /** The worker's `vector_stores`, each shown as `vector_search_<name>` after the MCP tools. */
  readonly vectorStores?: readonly string[] | undefined;
  /** All `[[vector_stores]]`: a store's `context_prefix` becomes its tool's description. */
  readonly vectorStoreConfigs?: readonly VectorStoreInfo[] | undefined;
}

const TRANSPORT_ORDER = { http_streamable: 0, sse: 1, stdio: 2 } as const;

/**
 * Tools shown for one worker: MCP tools ordered by transport (HTTP-streamable, then SSE, then stdio; stable
 * within a transport), de-duplicated by name keeping the first, filtered by `mcpFilter`; then
 * `vector_search_<store>` for each assigned store (description: the store's `context_prefix`, else `Search
 * the <name> knowledge base`). Pure.
 */
export function resolveWorkerTools(options: ResolveWorkerToolsOptions): PlanningTool[] {
  const ordered = [...options.mcpTools].sort((a, b) => TRANSPORT_ORDER[a.transport] - TRANSPORT_ORDER[b.transport]);
  const seen = new Set<string>();
  const tools: PlanningTool[] = [];
  for (const tool of ordered) {
    if (seen.has(tool.name)) continue;
    seen.add(tool.name);
    if (matchesToolFilter(options.mcpFilter, tool.name)) {
      tools.push(
        tool.description === undefined ? { name: tool.name } : { name: tool.name, description: tool.description },
      );
    }
  }
  for (const store of options.vectorStores ?? []) {
    const config = options.vectorStoreConfigs?.find((candidate) => candidate.name === store);
    tools.push({
      name: `vector_search_${store}`,
      description: config?.context_prefix ?? `Search the ${store} knowledge base`,
    });
  }
  return tools;
}

/** Inputs of {@link planningWorkersFromConfig}. */
export interface PlanningWorkersOptions {
  readonly orchestration: Pick<OrchestrationConfig, 'worker'>;
  /** `[agent].mcp_filter`: the fallback for workers without their own filter. */
  readonly agentMcpFilter?: readonly string[] | undefined;
  readonly mcpTools: readonly McpToolInfo[];
  readonly vectorStoreConfigs?: readonly VectorStoreInfo[] | undefined;
}

/**
 * Every `[orchestration.worker.<name>]` in declaration order, with the tools it can actually use: the worker's
 * `mcp_filter`, falling back to `[agent].mcp_filter` when omitted (deviation: the reference shows every MCP
 * tool for an omitted filter even when the agent filter restricts what the worker can call).
 */
export function planningWorkersFromConfig(options: PlanningWorkersOptions): PlanningWorker[] {
  return Object.entries(options.orchestration.worker).map(([name, worker]) => ({
    name,
    description: worker.description,
    tools: resolveWorkerTools({
      mcpTools: options.mcpTools,
      mcpFilter: worker.mcp_filter ?? options.agentMcpFilter,
      vectorStores: worker.vector_stores,
      vectorStoreConfigs: options.vectorStoreConfigs,
    }),
  }));
}
