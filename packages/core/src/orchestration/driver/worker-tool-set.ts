/**
 * The tools of one worker attempt (orchestration-spec §2.2, §2.3): the worker's MCP tools (its `mcp_filter`
 * globs) each wrapped `withDuplicateGuard(withPersistence(tool))` with fresh per-attempt state, the filesystem
 * tools when `[tools].filesystem` is on, `read_artifact`, `submit_result`, and `wait_for` when MCP is configured.
 * Provider-dialect conversion of the MCP tools happens once per run per (provider, filter).
 */
import type { AuraConfig, LlmProvider } from '@aura/config';
import { createMcpTools } from '../../mcp/create-mcp-tools.js';
import type { McpLease } from '../../mcp/mcp-lease.js';
import { createFilesystemTools } from '../../tools/filesystem-tools.js';
import type { Tool } from '../../tools/tool.js';
import { createToolNameMap } from '../../tools/tool-name-registry.js';
import { createReadArtifactTool, READ_ARTIFACT_TOOL_NAME } from '../artifact-tools/read-artifact-tool.js';
import type { RunPersistence } from '../persistence/run-persistence.js';
import { createSubmitResultTool, type SubmitResultState } from '../worker-tools/submit-result.js';
import { createWaitForTool } from '../worker-tools/wait-for.js';
import {
  createDuplicateGuardState,
  type DuplicateGuardState,
  withDuplicateGuard,
} from '../wrappers/duplicate-call-guard.js';
import { createToolCallCounter, withPersistence } from '../wrappers/with-persistence.js';
import type { OrchestrationLogger } from './orchestration-environment.js';
import { providerValidTools } from './provider-valid-tools.js';

/** Names of the worker's built-in tools; reserved before MCP tools register so a server cannot take them. */
const RESERVED_NAMES = [READ_ARTIFACT_TOOL_NAME, 'submit_result', 'wait_for', 'read_file', 'list_directory'];

/** The unwrapped, provider-valid tools a worker may use, memoised for the run. */
export interface WorkerToolCatalog {
  /** MCP tools matching `filter` (`undefined` = all, `[]` = none), in transport order, valid for `provider`. */
  mcpTools(provider: LlmProvider, filter: readonly string[] | undefined): readonly Tool[];
  /** The filesystem tools valid for `provider` (empty unless `[tools].filesystem = true`). */
  filesystemTools(provider: LlmProvider): readonly Tool[];
}

/** Options of {@link createWorkerToolCatalog}. */
export interface WorkerToolCatalogOptions {
  readonly config: AuraConfig;
  readonly lease: McpLease | undefined;
  readonly cwd: string;
  readonly logger: OrchestrationLogger;
}

/** Creates the run's catalog. Nothing is computed until asked; results are cached. */
export function createWorkerToolCatalog(options: WorkerToolCatalogOptions): WorkerToolCatalog {
  const { config, lease, logger } = options;
  const mcpCache = new Map<string, readonly Tool[]>();
  const filesystemCache = new Map<LlmProvider, readonly Tool[]>();
  return {
    mcpTools(provider, filter) {
      const key = `${provider}\u0000${filter === undefined ? '*' : JSON.stringify(filter)}`;
      let tools = mcpCache.get(key);
      if (tools === undefined) {
        const names = createToolNameMap({ provider });
        for (const name of RESERVED_NAMES) names.register(name);
        tools =
          lease === undefined
            ? []
            : providerValidTools(
                createMcpTools(lease, {
                  names,
                  provider,
                  sanitizeSchemas: config.mcp?.sanitize_schemas ?? true,
                  logger,
                  ...(filter === undefined ? {} : { filter }),
                }).tools,
                provider,
                logger,
              );
        mcpCache.set(key, tools);
      }
      return tools;
    },
    filesystemTools(provider) {
      let tools = filesystemCache.get(provider);
      if (tools === undefined) {
        tools =
          config.tools?.filesystem === true
            ? providerValidTools(createFilesystemTools({ cwd: options.cwd }), provider, logger)
            : [];
        filesystemCache.set(provider, tools);
      }
      return tools;
    },
  };
}

/** Options of {@link buildWorkerToolSet}. */
export interface WorkerToolSetOptions {
  readonly catalog: WorkerToolCatalog;
  readonly provider: LlmProvider;
  /** The effective filter (worker `mcp_filter`, else `[agent].mcp_filter`). */
  readonly mcpFilter: readonly string[] | undefined;
  /** Whether MCP servers are configured (`wait_for` is offered then). */
  readonly mcpConfigured: boolean;
  readonly persistence: RunPersistence;
  readonly taskId: number;
  /** 1-based attempt. */
  readonly attempt: number;
  readonly iteration: number;
  /** Named worker; `undefined` for the generic worker. */
  readonly worker: string | undefined;
  readonly thresholds: {
    readonly outputBytes: number;
    readonly durationMs: number;
    readonly nudge: number;
    readonly block: number;
  };
  readonly logger: OrchestrationLogger;
}

/** One attempt's tools and the state they write. */
export interface WorkerToolSet {
  readonly tools: readonly Tool[];
  /** The attempt's `submit_result` submission. */
  readonly submission: SubmitResultState;
  /** The attempt's duplicate-call guard (escalated → the task fails as `loop_detected`). */
  readonly guard: DuplicateGuardState;
  /** Non-MCP tools whose calls produce tool events (`read_artifact`, `submit_result`). */
  readonly eventTools: ReadonlySet<string>;
}

/**
 * Builds a brand-new tool set for one attempt: new guard state, new artifact call counter, new `submit_result`.
 * `wait_for` probes the unwrapped MCP tools (no events, no persistence, no guard).
 */
export function buildWorkerToolSet(options: WorkerToolSetOptions): WorkerToolSet {
  const { catalog, provider, thresholds } = options;
  const mcp = catalog.mcpTools(provider, options.mcpFilter);
  const guard = createDuplicateGuardState({ nudgeThreshold: thresholds.nudge, blockThreshold: thresholds.block });
  const callCounter = createToolCallCounter();
  const wrapped = mcp.map((tool) =>
    withDuplicateGuard(
      withPersistence(tool, {
        persistence: options.persistence,
        taskId: options.taskId,
        attempt: options.attempt,
        worker: options.worker,
        iteration: options.iteration,
        callCounter,
        thresholds: { outputBytes: thresholds.outputBytes, durationMs: thresholds.durationMs },
      }),
      guard,
    ),
  );
  const submit = createSubmitResultTool();
  const builtins: Tool[] = [createReadArtifactTool({ persistence: options.persistence }), submit.tool];
  if (options.mcpConfigured) {
    builtins.push(createWaitForTool({ resolveTool: (name) => mcp.find((tool) => tool.name === name) }));
  }
  return {
    tools: [
      ...wrapped,
      ...catalog.filesystemTools(provider),
      ...providerValidTools(builtins, provider, options.logger),
    ],
    submission: submit.state,
    guard,
    eventTools: new Set([READ_ARTIFACT_TOOL_NAME, submit.tool.name]),
  };
}
