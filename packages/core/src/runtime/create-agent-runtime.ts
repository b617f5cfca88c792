/**
 * `createAgentRuntime`: the embeddable Aura runtime over validated configs — one model and one pooled MCP
 * supervisor per agent, built once and shared by every run. No I/O happens until `start` or the first run.
 */
import type { LlmConfig } from '@aura/config';
import { AuraError, type McpServerStatus, type RuntimeEvent, runtimeEvent } from '@aura/events';
import { createLanguageModel, type ResolvedModel } from '../llm/model-factory.js';
import { createMcpPoolFromConfig } from '../mcp/create-mcp-pool-from-config.js';
import { createMcpTools } from '../mcp/create-mcp-tools.js';
import type { McpPool } from '../mcp/mcp-pool.js';
import type { OrchestrationModels } from '../orchestration/driver/orchestration-environment.js';
import { stableStringify } from '../util/stable-stringify.js';
import { describeAgent } from './agent-descriptor.js';
import { toModelMessages } from './history.js';
import { loadOrchestration, runOrchestrationWhenLoaded } from './lazy-orchestration.js';
import { runSingleAgent } from './run-single-agent.js';
import { type RuntimeLogger, silentLogger } from './runtime-logger.js';
import type {
  AgentDescriptor,
  AgentRuntime,
  AgentRuntimeOptions,
  McpServerToolListing,
  RunRequest,
  RuntimeAgentConfig,
} from './runtime-types.js';

interface AgentEntry {
  readonly agent: RuntimeAgentConfig;
  readonly descriptor: AgentDescriptor;
  readonly model: ResolvedModel;
  /** Orchestration agents: the coordinator model and one model per distinct worker `llm` table. */
  readonly models: OrchestrationModels | undefined;
  readonly pool: McpPool | undefined;
}

/**
 * Builds the runtime. Throws `AuraError` `CONFIG_INVALID` when two agents share an id, or when a model
 * cannot be built from its config. Features a config enables that this version does not implement yet
 * (vector stores, scratchpad, skills, HITL approvals) are reported once through the logger.
 */
export function createAgentRuntime(options: AgentRuntimeOptions): AgentRuntime {
  const logger = options.logger ?? silentLogger;
  const cwd = options.cwd ?? process.cwd();
  const createModel = options.createModel ?? ((llm: LlmConfig) => createLanguageModel(llm, { logger }));
  const entries = new Map<string, AgentEntry>();
  for (const agent of options.agents) {
    if (entries.has(agent.id)) {
      throw new AuraError('CONFIG_INVALID', `Two agents share the id '${agent.id}'; give one of them an alias`);
    }
    reportUnsupported(agent, logger);
    const pool =
      agent.config.mcp === undefined || Object.keys(agent.config.mcp.servers).length === 0
        ? undefined
        : createMcpPoolFromConfig(agent.config.mcp, {
            connect: options.mcp?.connect ?? agent.config.mcp.connect,
            logger,
            ...(options.mcp?.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.mcp.connectTimeoutMs }),
            ...(options.mcp?.healthCheckIntervalMs === undefined
              ? {}
              : { healthCheckIntervalMs: options.mcp.healthCheckIntervalMs }),
          });
    const model = createModel(agent.config.agent.llm);
    const descriptor = describeAgent(agent);
    entries.set(agent.id, {
      agent,
      descriptor,
      model,
      models: descriptor.mode === 'orchestration' ? orchestrationModels(agent, model, createModel) : undefined,
      pool,
    });
  }
  const agents = [...entries.values()].map((entry) => entry.descriptor);
  const orchestrated = [...entries.values()].some((entry) => entry.models !== undefined);
  // Loaded in the background from now on; a run that starts before it is there waits for it (a failed load
  // fails that run, and is tried again by the next one).
  if (orchestrated) loadOrchestration().catch(() => undefined);
  let closed = false;

  const entryOf = (id: string): AgentEntry => {
    const entry = entries.get(id);
    if (entry === undefined)
      throw new AuraError('MODEL_NOT_FOUND', `No agent with id '${id}'`, { data: { model: id } });
    return entry;
  };

  return {
    agents,
    agent: (id) => entries.get(id)?.descriptor,
    run(request: RunRequest): AsyncGenerator<RuntimeEvent, void, undefined> {
      const entry = entries.get(request.agentId);
      if (entry === undefined || closed) return singleError(request, entry === undefined ? 'unknown' : 'closed');
      if (entry.models !== undefined) {
        return runOrchestrationWhenLoaded(
          {
            config: entry.agent.config,
            models: entry.models,
            pool: entry.pool,
            cwd,
            logger,
            streamingTimeoutSecs: options.streamingTimeoutSecs,
            promptJournal: options.promptJournal,
            escapeHatch: options.escapeHatch,
          },
          {
            query: request.query,
            // The request's earlier turns only: the coordinator's prompts carry the query themselves.
            history: toModelMessages(request.history ?? [], request.query).slice(0, -1),
            sessionId: request.sessionId,
            forwardedHeaders: request.forwardedHeaders,
            clientToolCount: request.clientTools?.length ?? 0,
            signal: request.signal,
          },
        );
      }
      return runSingleAgent({ agent: entry.agent, model: entry.model, pool: entry.pool, cwd, logger }, request);
    },
    async start(startOptions = {}) {
      await Promise.all([
        ...(orchestrated ? [loadOrchestration()] : []),
        ...[...entries.values()].map((entry) =>
          entry.pool?.start(startOptions.signal === undefined ? {} : { signal: startOptions.signal }),
        ),
      ]);
    },
    async listTools(agentId, listOptions = {}): Promise<readonly McpServerToolListing[]> {
      const entry = entryOf(agentId);
      if (entry.pool === undefined) return [];
      const lease = await entry.pool.acquire({
        ...(listOptions.signal === undefined ? {} : { signal: listOptions.signal }),
        ...(listOptions.forwardedHeaders === undefined ? {} : { forwardedHeaders: listOptions.forwardedHeaders }),
      });
      try {
        const { tools } = createMcpTools(lease, {
          provider: entry.model.provider,
          sanitizeSchemas: entry.agent.config.mcp?.sanitize_schemas ?? true,
          logger,
        });
        return lease.servers.map((server) => {
          if (server.status.status !== 'connected') return { name: server.name, status: server.status };
          const listed = tools
            .filter((tool) => tool.source === server.name)
            .map((tool) => {
              const original = server.tools.find((definition) => definition.name === tool.originalName);
              return { ...original, name: tool.name, description: tool.description, inputSchema: tool.inputSchema };
            });
          return { name: server.name, status: server.status, tools: listed };
        });
      } finally {
        await lease.release();
      }
    },
    mcpStatus: (agentId): readonly McpServerStatus[] => entryOf(agentId).pool?.mcpStatusSnapshot() ?? [],
    async close(closeOptions = {}) {
      closed = true;
      await Promise.all(
        [...entries.values()].map((entry) =>
          entry.pool?.close(closeOptions.signal === undefined ? {} : { signal: closeOptions.signal }),
        ),
      );
    },
  };
}

async function* singleError(
  request: RunRequest,
  reason: 'unknown' | 'closed' | 'orchestration',
): AsyncGenerator<RuntimeEvent, void, undefined> {
  const error =
    reason === 'unknown'
      ? new AuraError('MODEL_NOT_FOUND', `No agent with id '${request.agentId}'`)
      : new AuraError('RUN_ABORTED', 'The runtime is shutting down');
  yield runtimeEvent.runError({ error: { code: error.code, message: error.message, retryable: false } });
}

function reportUnsupported(agent: RuntimeAgentConfig, logger: RuntimeLogger): void {
  const { config } = agent;
  const missing: string[] = [];
  if (config.vector_stores.length > 0) missing.push('[[vector_stores]] (retrieval tools)');
  if (config.agent.scratchpad?.enabled === true) missing.push('[agent.scratchpad]');
  if (config.agent.skills.local.length > 0) missing.push('[agent.skills]');
  if (config.hitl !== undefined) missing.push('[hitl] approvals');
  if (missing.length > 0) {
    logger.warn(`Agent '${agent.id}': ${missing.join(', ')} configured but not implemented in this version; ignored`);
  }
}

/**
 * The models of an orchestration agent: `[agent.llm]` for the coordinator and workers without an `llm`, and one
 * model per distinct worker `llm` table (identical tables share one), all built once here.
 */
function orchestrationModels(
  agent: RuntimeAgentConfig,
  coordinator: ResolvedModel,
  createModel: (llm: LlmConfig) => ResolvedModel,
): OrchestrationModels {
  const byTable = new Map<string, ResolvedModel>([[stableStringify(agent.config.agent.llm), coordinator]]);
  const byWorker = new Map<string, ResolvedModel>();
  for (const [name, worker] of Object.entries(agent.config.orchestration?.worker ?? {})) {
    if (worker.llm === undefined) continue;
    const key = stableStringify(worker.llm);
    let model = byTable.get(key);
    if (model === undefined) {
      model = createModel(worker.llm);
      byTable.set(key, model);
    }
    byWorker.set(name, model);
  }
  return {
    coordinator,
    worker: (name) => (name === undefined ? coordinator : (byWorker.get(name) ?? coordinator)),
  };
}
