/**
 * Demo mode's rewrite of loaded configs: every model (the agent's and each worker's own) becomes the scripted
 * demo model on the mock provider, and the demo MCP server is added so every agent and worker can call the demo
 * tools. Everything else (prompts, workers, orchestration settings, memory_dir, other MCP servers) is kept.
 */
import { type AuraConfig, defineConfig, type LlmConfig, type LoadedConfig } from '@aura/config';

/** The model id demo agents report (`openai/aura-demo`). */
export const DEMO_MODEL_ID = 'aura-demo';

/** Where the demo backend listens. */
export interface DemoEndpoints {
  /** OpenAI-compatible base URL of the mock provider (`…/v1`). */
  readonly openaiBaseUrl: string;
  /** Streamable-HTTP URL of the demo MCP server. */
  readonly mcpUrl: string;
  /** The tools it serves (appended to non-empty `mcp_filter`s). */
  readonly toolNames: readonly string[];
}

/** The demo LLM, keeping `context_window` (it drives usage percentages and the scratchpad budget). */
export function demoLlm(endpoints: DemoEndpoints, contextWindow: number | undefined): LlmConfig {
  return {
    provider: 'openai',
    api_key: 'demo',
    model: DEMO_MODEL_ID,
    base_url: endpoints.openaiBaseUrl,
    ...(contextWindow === undefined ? {} : { context_window: contextWindow }),
  };
}

/** `demo`, or `aura-demo`, `aura-demo-2`, … when the config already names a server so. */
function demoServerName(config: AuraConfig): string {
  const taken = new Set(Object.keys(config.mcp?.servers ?? {}));
  if (!taken.has('demo')) return 'demo';
  let name = 'aura-demo';
  for (let index = 2; taken.has(name); index += 1) name = `aura-demo-${index}`;
  return name;
}

/**
 * A non-empty `mcp_filter` would hide the demo tools, so they are appended to it; an omitted filter (all tools)
 * and `[]` (deliberately no MCP tools) are kept.
 */
function withDemoTools(filter: readonly string[] | undefined, toolNames: readonly string[]): string[] | undefined {
  if (filter === undefined || filter.length === 0) return filter === undefined ? undefined : [];
  return [...new Set([...filter, ...toolNames])];
}

/**
 * `loaded` rewritten for demo mode (see the module comment), with the name given to the demo MCP server. The
 * result is validated again like any config.
 * @throws ConfigError if the rewritten config does not validate (a bug: the rewrite only sets valid values).
 */
export function toDemoConfig(
  loaded: LoadedConfig,
  endpoints: DemoEndpoints,
): { readonly loaded: LoadedConfig; readonly mcpServerName: string } {
  const { config } = loaded;
  const mcpServerName = demoServerName(config);
  const workers = config.orchestration?.worker ?? {};
  const demoWorkers = Object.fromEntries(
    Object.entries(workers).map(([name, worker]) => {
      const { llm, mcp_filter: filter, ...rest } = worker;
      const mcpFilter = withDemoTools(filter, endpoints.toolNames);
      return [
        name,
        {
          ...rest,
          ...(mcpFilter === undefined ? {} : { mcp_filter: mcpFilter }),
          ...(llm === undefined ? {} : { llm: demoLlm(endpoints, llm.context_window) }),
        },
      ];
    }),
  );
  const { mcp_filter: agentFilter, ...agent } = config.agent;
  const agentMcpFilter = withDemoTools(agentFilter, endpoints.toolNames);
  const rewritten = defineConfig({
    ...config,
    agent: {
      ...agent,
      ...(agentMcpFilter === undefined ? {} : { mcp_filter: agentMcpFilter }),
      llm: demoLlm(endpoints, config.agent.llm.context_window),
    },
    ...(config.orchestration === undefined ? {} : { orchestration: { ...config.orchestration, worker: demoWorkers } }),
    mcp: {
      ...config.mcp,
      servers: {
        ...config.mcp?.servers,
        [mcpServerName]: {
          transport: 'http_streamable',
          url: endpoints.mcpUrl,
          description: "Aura's demo SRE tools: alerts, incidents, metrics, logs and diagnostics (canned data)",
        },
      },
    },
  });
  return { loaded: { ...loaded, config: rewritten }, mcpServerName };
}
