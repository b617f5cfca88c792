/**
 * The coordinator of one run (orchestration-spec §1.3): its tools in registration order (recon tools when
 * `tools_in_planning = "none"`, the three routing tools, `read_artifact`, `list_prior_runs`), its system prompt
 * (template, knowledge bases, session history) and what the planning prompt shows about the workers.
 */
import type { AuraConfig, LlmProvider } from '@aura/config';
import { createMcpTools } from '../../mcp/create-mcp-tools.js';
import type { McpLease } from '../../mcp/mcp-lease.js';
import type { Tool } from '../../tools/tool.js';
import { createListPriorRunsTool, LIST_PRIOR_RUNS_TOOL_NAME } from '../artifact-tools/list-prior-runs-tool.js';
import { createReadArtifactTool, READ_ARTIFACT_TOOL_NAME } from '../artifact-tools/read-artifact-tool.js';
import type { RunPersistence } from '../persistence/run-persistence.js';
import { buildCoordinatorPreamble } from '../prompts/coordinator-preamble.js';
import { buildSessionHistory } from '../prompts/session-history.js';
import { type McpToolInfo, type PlanningWorker, planningWorkersFromConfig } from '../prompts/worker-tool-resolution.js';
import { createInspectToolParamsTool } from '../recon-tools/inspect-tool-params.js';
import { createListToolsTool } from '../recon-tools/list-tools.js';
import { DecisionSlot } from '../routing/decision-slot.js';
import { createRoutingTools } from '../routing/routing-tools.js';
import type { OrchestrationLogger } from './orchestration-environment.js';
import { providerValidTools } from './provider-valid-tools.js';

/** The coordinator of one run. */
export interface CoordinatorAgent {
  /** The system prompt of every coordinator call. */
  readonly system: string;
  readonly tools: readonly Tool[];
  /** Where the routing tools store the decision; cleared before each attempt. */
  readonly slot: DecisionSlot;
  /** Tools whose calls produce tool events (`read_artifact`, `list_prior_runs`); routing and recon tools never do. */
  readonly eventTools: ReadonlySet<string>;
  /** The configured workers with the tools they can use, for the planning prompt. */
  readonly planningWorkers: readonly PlanningWorker[];
}

/** Options of {@link setupCoordinator}. */
export interface CoordinatorSetupOptions {
  readonly config: AuraConfig;
  readonly provider: LlmProvider;
  readonly lease: McpLease | undefined;
  readonly persistence: RunPersistence;
  /** Keep the "resolve tool gaps pragmatically" rule (`AURA_ESCAPE_HATCH`). */
  readonly escapeHatch: boolean;
  readonly logger: OrchestrationLogger;
}

/**
 * Builds the coordinator. Loads the session history when `session_history_turns > 0` and the run belongs to a
 * session with persistence (reads prior manifests; never throws for unreadable ones). `list_prior_runs` is
 * offered whenever persistence is enabled and the run has a session (deviation: the reference also requires the
 * orchestration-level memory dir, §9 item 3). Tools whose schema cannot be made valid for `provider` are dropped
 * with a warning.
 */
export async function setupCoordinator(options: CoordinatorSetupOptions): Promise<CoordinatorAgent> {
  const { config, persistence, logger } = options;
  const orchestration = config.orchestration;
  const toolsInPlanning = orchestration?.tools_in_planning ?? 'summary';
  const mcpTools =
    options.lease === undefined
      ? []
      : createMcpTools(options.lease, {
          provider: options.provider,
          sanitizeSchemas: config.mcp?.sanitize_schemas ?? true,
        }).tools;
  const slot = new DecisionSlot();
  const recon = toolsInPlanning === 'none';
  const listPriorRuns = persistence.enabled && persistence.sessionId !== undefined;
  const tools: Tool[] = [
    ...(recon
      ? [
          createListToolsTool(mcpTools.map((tool) => tool.name)),
          createInspectToolParamsTool(mcpTools.map((tool) => ({ name: tool.name, inputSchema: tool.inputSchema }))),
        ]
      : []),
    ...createRoutingTools({ slot }),
    createReadArtifactTool({ persistence }),
    ...(listPriorRuns ? [createListPriorRunsTool({ persistence })] : []),
  ];
  const turns = orchestration?.artifacts.session_history_turns ?? 0;
  const manifests =
    turns > 0 && persistence.enabled && persistence.sessionId !== undefined
      ? await persistence.loadSessionHistory(turns)
      : [];
  const system = buildCoordinatorPreamble({
    customInstructions: config.agent.system_prompt,
    reconTools: recon,
    listPriorRuns,
    escapeHatch: options.escapeHatch,
    sessionHistory: buildSessionHistory(manifests),
  });
  const planningWorkers = planningWorkersFromConfig({
    orchestration: { worker: orchestration?.worker ?? {} },
    agentMcpFilter: config.agent.mcp_filter,
    mcpTools: mcpTools.map((tool) => toolInfo(tool, options.lease)),
    vectorStoreConfigs: config.vector_stores,
  });
  return {
    system,
    tools: providerValidTools(tools, options.provider, logger),
    slot,
    eventTools: new Set([READ_ARTIFACT_TOOL_NAME, LIST_PRIOR_RUNS_TOOL_NAME]),
    planningWorkers,
  };
}

function toolInfo(tool: Tool, lease: McpLease | undefined): McpToolInfo {
  const transport = lease?.servers.find((server) => server.name === tool.source)?.transport ?? 'stdio';
  return { name: tool.name, description: tool.description === '' ? undefined : tool.description, transport };
}
