/**
 * The runtime's public contract: what the server (or any embedding program) asks of core. Core knows
 * nothing about HTTP; a run is a stream of {@link RuntimeEvent}s.
 */
import type { AuraConfig, LlmConfig } from '@aura/config';
import type { McpServerStatus, RuntimeEvent } from '@aura/events';
import type { DirectEventSink } from '../agent/agent-loop-types.js';
import type { ClientToolDefinition } from '../agent/client-tools.js';
import type { ResolvedModel } from '../llm/model-factory.js';
import type { ForwardedHeaders, McpToolDefinition, McpTransportName } from '../mcp/mcp-types.js';
import type { HistoryMessage } from './history.js';
import type { RuntimeLogger } from './runtime-logger.js';

/** One agent to serve: a validated config and its public id (alias, else name). */
export interface RuntimeAgentConfig {
  readonly id: string;
  readonly config: AuraConfig;
  /** The file it was loaded from, when it came from TOML (relative paths resolve against its directory). */
  readonly file?: string;
}

/** Options of `createAgentRuntime`. */
export interface AgentRuntimeOptions {
  /** The agents, in load order. Ids must be unique. */
  readonly agents: readonly RuntimeAgentConfig[];
  readonly logger?: RuntimeLogger;
  /**
   * Builds the model of an `[agent.llm]` (or worker `llm`) table. Default: `createLanguageModel`. The offline
   * demo and tests inject a factory that points providers at the mock provider server.
   */
  readonly createModel?: (llm: LlmConfig) => ResolvedModel;
  /** MCP supervisor settings shared by every agent's pool. `connect` overrides `[mcp].connect`. */
  readonly mcp?: {
    readonly connect?: 'eager' | 'lazy';
    readonly connectTimeoutMs?: number;
    readonly healthCheckIntervalMs?: number;
  };
  /** Working directory for relative paths of the built-in filesystem tools. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Wall clock for run ids and timings. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * The server's streaming timeout in seconds (`STREAMING_TIMEOUT_SECS`): the outer budget an orchestrated run
   * checks before accepting a replan (orchestration-spec §1.11). `0` or unset = no outer budget. The runtime does
   * not enforce it; the caller aborts `RunRequest.signal` when it elapses.
   */
  readonly streamingTimeoutSecs?: number;
  /** `AURA_PROMPT_JOURNAL`: orchestrated runs write `prompt-journal.md` (when persistence is on). Default false. */
  readonly promptJournal?: boolean;
  /** `AURA_ESCAPE_HATCH`: keep the coordinator's "resolve tool gaps pragmatically" rule. Default true. */
  readonly escapeHatch?: boolean;
}

/** A worker of an orchestration agent, as listings show it. */
export interface WorkerDescriptor {
  readonly name: string;
  readonly description: string;
  /** The worker's model, only when it differs from the coordinator's. */
  readonly model?: string;
}

/** An MCP server of an agent, as listings show it (never headers, env or args). */
export interface McpServerDescriptor {
  readonly name: string;
  readonly transport: McpTransportName;
  /** Origin of the URL (`scheme://host[:port]`) for HTTP transports. */
  readonly url?: string;
  /** Executable base name for stdio. */
  readonly command?: string;
  readonly description?: string;
}

/** What listings (`/v1/models`, `/aura/info`) need to know about an agent, without credentials. */
export interface AgentDescriptor {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly hidden: boolean;
  /** `[agent].created_at` in milliseconds since the epoch. */
  readonly createdAt: number;
  /** `model_owner`, else the provider name. */
  readonly ownedBy: string;
  readonly provider: LlmConfig['provider'];
  readonly model: string;
  /** `<provider>/<model>`. */
  readonly label: string;
  readonly contextWindow?: number;
  readonly mode: 'single' | 'orchestration';
  readonly enableClientTools: boolean;
  /** The agent gates tools through a conversational HITL route (which needs a streaming request). */
  readonly conversationalApprovals: boolean;
  readonly workers: readonly WorkerDescriptor[];
  readonly mcpServers: readonly McpServerDescriptor[];
}

/** One run of an agent. */
export interface RunRequest {
  /** The agent's public id. */
  readonly agentId: string;
  /** The user's message for this turn. */
  readonly query: string;
  /** Earlier turns, oldest first. */
  readonly history?: readonly HistoryMessage[];
  /** Client-tool follow-up: the assistant tool calls and tool results after `query`. */
  readonly continuation?: readonly HistoryMessage[];
  /** The chat session this run belongs to. */
  readonly sessionId?: string;
  /** The caller's request headers, for MCP `headers_from_request`. */
  readonly forwardedHeaders?: ForwardedHeaders;
  /**
   * Client-side (passthrough) tools from the request; used only when the agent enables them. Orchestration
   * agents drop them with a warning, as the reference does.
   */
  readonly clientTools?: readonly ClientToolDefinition[] | undefined;
  /** Aborts the whole run: provider calls, tool calls (MCP cancel), waits. */
  readonly signal: AbortSignal;
  /**
   * The controller of `signal`, when it serves this run alone (one per request): a single-agent run then aborts
   * it itself when its events stop being read early, instead of making a child controller linked to `signal` —
   * one controller, signal and listener less per run. Ignored unless `abortController.signal === signal`.
   */
  readonly abortController?: AbortController | undefined;
  /**
   * Deliver the model turns' streamed events (text/reasoning deltas, tool calls) to this sink directly, as the
   * provider's parts arrive, instead of through the run's generator — no promise or generator step per token.
   * Honoured by single-agent runs whose provider reader supports it (Aura's Chat Completions client); other
   * runs, and other events, use the generator. See `DirectEventSink` for the ordering guarantees.
   */
  readonly directEvents?: DirectEventSink | undefined;
}

/** The tools one MCP server offers an agent, for `/aura/info?detail=tools`. */
export interface McpServerToolListing {
  readonly name: string;
  readonly status: McpServerStatus;
  /** Sanitised names and schemas, as the agent's model sees them; absent when the server is not connected. */
  readonly tools?: readonly McpToolDefinition[];
}

/** The embeddable Aura runtime. */
export interface AgentRuntime {
  /** Every agent, in load order. */
  readonly agents: readonly AgentDescriptor[];
  /** The agent with this public id. */
  agent(id: string): AgentDescriptor | undefined;
  /**
   * Starts a run. The stream begins with `run-start` and ends with exactly one `run-finish` or `run-error`;
   * it never throws. Leaving the iteration early aborts the run.
   */
  run(request: RunRequest): AsyncGenerator<RuntimeEvent, void, undefined>;
  /** Connects the MCP servers of agents configured with `[mcp].connect = "eager"` (non-fatal failures). */
  start(options?: { readonly signal?: AbortSignal }): Promise<void>;
  /** The MCP tools of an agent's servers as its model would see them (connects when needed). */
  listTools(
    agentId: string,
    options?: { readonly forwardedHeaders?: ForwardedHeaders; readonly signal?: AbortSignal },
  ): Promise<readonly McpServerToolListing[]>;
  /** Last known MCP status of an agent's servers, without connecting. */
  mcpStatus(agentId: string): readonly McpServerStatus[];
  /** Closes every MCP connection and stdio child. Idempotent. */
  close(options?: { readonly signal?: AbortSignal }): Promise<void>;
}
