/**
 * What an orchestrated run is given (by the runtime) and the services its steps share. The environment holds
 * only services and fixed facts of the run — no step state: steps take what changes (plan, iteration,
 * coordinator conversation) as explicit inputs and return it as results.
 */
import type { AuraConfig, OrchestrationConfig } from '@aura/config';
import type { RuntimeEvent } from '@aura/events';
import type { ModelMessage } from 'ai';
import type { ResolvedModel } from '../../llm/model-factory.js';
import type { McpLease } from '../../mcp/mcp-lease.js';
import type { McpPool } from '../../mcp/mcp-pool.js';
import type { ForwardedHeaders } from '../../mcp/mcp-types.js';
import type { RunPersistence } from '../persistence/run-persistence.js';
import type { CoordinatorAgent } from './coordinator-setup.js';
import type { RunBudget } from './orchestration-budget.js';
import type { WorkerToolCatalog } from './worker-tool-set.js';

/** The logger orchestration reports to; it never writes to the console. */
export interface OrchestrationLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** The models of an orchestration agent, built once by the runtime and shared by every run. */
export interface OrchestrationModels {
  /** `[agent.llm]`: the coordinator, and workers without an `llm` of their own. */
  readonly coordinator: ResolvedModel;
  /** The model of worker `name` (its `llm` table, else the coordinator's); `undefined` = the generic worker. */
  worker(name: string | undefined): ResolvedModel;
}

/** Per-agent settings of orchestrated runs (what the runtime knows before any request). */
export interface OrchestrationAgentOptions {
  /** A validated config with `[orchestration].enabled = true`. */
  readonly config: AuraConfig;
  readonly models: OrchestrationModels;
  /** The agent's pooled MCP servers; `undefined` when none are configured. */
  readonly pool: McpPool | undefined;
  /** Working directory of the built-in filesystem tools. */
  readonly cwd: string;
  readonly logger: OrchestrationLogger;
  /**
   * The server's streaming timeout (`STREAMING_TIMEOUT_SECS`), the outer budget of the replan refusal rule
   * (§1.11). `0` or `undefined` = no outer budget.
   */
  readonly streamingTimeoutSecs?: number | undefined;
  /** `AURA_PROMPT_JOURNAL`: write `prompt-journal.md` (needs persistence). Default false. */
  readonly promptJournal?: boolean | undefined;
  /** `AURA_ESCAPE_HATCH`: keep the coordinator's "resolve tool gaps pragmatically" rule. Default true. */
  readonly escapeHatch?: boolean | undefined;
  /** Wall clock (manifest and prompt timestamps, `Current time:`). Default `() => new Date()`. */
  readonly date?: (() => Date) | undefined;
  /** Monotonic clock in ms for durations and budgets. Default `performance.now`. */
  readonly now?: (() => number) | undefined;
}

/** One request to an orchestration agent. */
export interface OrchestrationRequest {
  /** The user's message. */
  readonly query: string;
  /** Earlier turns as model messages (given to every coordinator call, never to workers). */
  readonly history: readonly ModelMessage[];
  readonly sessionId?: string | undefined;
  readonly forwardedHeaders?: ForwardedHeaders | undefined;
  /** Number of client-side tools the request carried (they are dropped, with a warning). */
  readonly clientToolCount?: number | undefined;
  /** Aborts the whole tree: coordinator, every worker, every MCP call. */
  readonly signal: AbortSignal;
}

/** The services and facts every step of one run uses. */
export interface OrchestrationEnvironment {
  readonly config: AuraConfig;
  readonly orchestration: OrchestrationConfig;
  readonly query: string;
  readonly history: readonly ModelMessage[];
  /** UUID v4 naming this orchestrator (the generic worker's `worker_id`). */
  readonly orchestratorId: string;
  readonly persistence: RunPersistence;
  readonly lease: McpLease | undefined;
  readonly coordinator: CoordinatorAgent;
  /** The coordinator's model behind the run budget's gate. */
  readonly coordinatorModel: ResolvedModel;
  /** A worker's model behind the run budget's gate. */
  workerModel(name: string | undefined): ResolvedModel;
  readonly workerTools: WorkerToolCatalog;
  readonly budget: RunBudget;
  /** Aborts on cancellation (the request's signal) and when the time budget runs out. */
  readonly signal: AbortSignal;
  /** Aborts on cancellation only: the run then ends with `run-error` and writes nothing more. */
  readonly cancelSignal: AbortSignal;
  /** Sends an event to the run's stream (dropped once the run is cancelled; counts usage). */
  emit(event: RuntimeEvent): void;
  readonly now: () => number;
  readonly date: () => Date;
  /** `now()` when the run started (before initial routing). */
  readonly startedAt: number;
  readonly streamingTimeoutSecs: number | undefined;
  readonly cwd: string;
  readonly logger: OrchestrationLogger;
}
