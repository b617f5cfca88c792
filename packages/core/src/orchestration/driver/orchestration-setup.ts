/**
 * The start of an orchestrated run (orchestration-spec §1.1): persistence (and pruning), `run-start`, one MCP
 * lease shared by every worker (`mcp-status` once connected), the run budget, the coordinator, and the event
 * sink that counts usage and goes quiet once the run is cancelled.
 */
import { randomUUID } from 'node:crypto';
import { type AuraConfig, effectiveMemoryDir, type OrchestrationConfig } from '@aura/config';
import { AuraError, addUsage, emptyUsage, type RuntimeEvent, runtimeEvent, type TokenUsage } from '@aura/events';
import type { ResolvedModel } from '../../llm/model-factory.js';
import type { McpLease } from '../../mcp/mcp-lease.js';
import { createRunPersistence, type RunPersistence } from '../persistence/run-persistence.js';
import { setupCoordinator } from './coordinator-setup.js';
import { createRunBudget, type RunBudget, readRunBudgetLimits } from './orchestration-budget.js';
import type {
  OrchestrationAgentOptions,
  OrchestrationEnvironment,
  OrchestrationRequest,
} from './orchestration-environment.js';
import { createWorkerToolCatalog } from './worker-tool-set.js';

/** A started run: its environment, the usage counted so far, and the cleanup. */
export interface RunSetup {
  readonly env: OrchestrationEnvironment;
  /** Sum over every coordinator and worker LLM call so far. */
  usage(): TokenUsage;
  /** Stops the budget timer and releases the MCP lease. Idempotent; never rejects. */
  close(): Promise<void>;
}

/**
 * Starts a run, sending `run-start` (and `mcp-status`) through `push`. Throws (after `run-start`) when the
 * persistence cannot start (`REQUEST_INVALID` for an invalid session id) or the MCP lease cannot be acquired
 * (e.g. `RUN_ABORTED`); nothing is left open then. Honours `cancelSignal` while connecting.
 */
export async function setupRun(
  agent: OrchestrationAgentOptions,
  request: OrchestrationRequest,
  cancelSignal: AbortSignal,
  push: (event: RuntimeEvent) => void,
): Promise<RunSetup> {
  const { config, logger } = agent;
  const date = agent.date ?? (() => new Date());
  const now = agent.now ?? (() => performance.now());
  const startedAt = now();
  const orchestratorId = randomUUID();
  const runStart = (runId: string): RuntimeEvent =>
    runtimeEvent.runStart({
      runId,
      sessionId: request.sessionId,
      model: agent.models.coordinator.label,
      mode: 'orchestration',
    });
  let persistence: RunPersistence;
  let orchestration: OrchestrationConfig;
  try {
    orchestration = orchestrationOf(config);
    persistence = await createRunPersistence({
      memoryDir: effectiveMemoryDir(config),
      sessionId: request.sessionId,
      maxSessionRuns: orchestration.artifacts.max_session_runs,
      now: date,
      logger,
      promptJournal: agent.promptJournal === true ? { orchestratorId } : undefined,
    });
  } catch (error) {
    push(runStart(randomUUID()));
    throw error;
  }
  push(runStart(persistence.runId));
  if ((request.clientToolCount ?? 0) > 0) {
    logger.warn(
      `Agent '${config.agent.name}': ${request.clientToolCount} client-side tool(s) dropped: orchestration mode does not use client tools`,
    );
  }
  let lease: McpLease | undefined;
  if (agent.pool !== undefined && agent.pool.serverNames.length > 0) {
    lease = await agent.pool.acquire({
      signal: cancelSignal,
      ...(request.forwardedHeaders === undefined ? {} : { forwardedHeaders: request.forwardedHeaders }),
    });
    push(runtimeEvent.mcpStatus({ servers: lease.statuses }));
  }
  const budget = createRunBudget(readRunBudgetLimits(orchestration));
  let usage = emptyUsage();
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      budget.dispose();
      await lease?.release();
    })();
    return closed;
  };
  try {
    const coordinator = await setupCoordinator({
      config,
      provider: agent.models.coordinator.provider,
      lease,
      persistence,
      escapeHatch: agent.escapeHatch ?? true,
      logger,
    });
    const env: OrchestrationEnvironment = {
      config,
      orchestration,
      query: request.query,
      history: request.history,
      orchestratorId,
      persistence,
      lease,
      coordinator,
      coordinatorModel: gated(agent.models.coordinator, budget),
      workerModel: (name) => gated(agent.models.worker(name), budget),
      workerTools: createWorkerToolCatalog({ config, lease, cwd: agent.cwd, logger }),
      budget,
      signal: AbortSignal.any([cancelSignal, budget.signal]),
      cancelSignal,
      emit(event) {
        if (cancelSignal.aborted) return;
        if (event.type === 'step-finish') {
          usage = addUsage(usage, event.usage);
          budget.recordUsage(event.usage);
        }
        push(event);
      },
      now,
      date,
      startedAt,
      streamingTimeoutSecs: agent.streamingTimeoutSecs,
      cwd: agent.cwd,
      logger,
    };
    return { env, usage: () => usage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function orchestrationOf(config: AuraConfig): OrchestrationConfig {
  const orchestration = config.orchestration;
  if (orchestration === undefined || !orchestration.enabled) {
    throw new AuraError('INTERNAL', `Agent '${config.agent.name}' does not enable [orchestration]`);
  }
  return orchestration;
}

function gated(model: ResolvedModel, budget: RunBudget): ResolvedModel {
  return { ...model, model: budget.guardModel(model.model) };
}
