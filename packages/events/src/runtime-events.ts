/**
 * The typed event stream of the core runtime: ONE discriminated union on `type` (`<noun>-<verb>`), each
 * member a single object with camelCase fields. Core emits these and knows nothing of HTTP; the server maps
 * them to OpenAI chunks and `aura.*` events; the CLI renders them directly in standalone mode.
 *
 * Ordering contract (per run): `run-start` first; `run-finish` or `run-error` last and exactly once. Per
 * tool call: `tool-call` → `tool-start`? → `tool-progress`* → `tool-result`. Per agent step:
 * `step-start` → deltas/tool events → `step-finish`. Orchestration workers' events carry `agent.taskId`
 * and `agent.parentAgentId`, and may interleave with each other.
 */
import type { AgentRef } from './agent-ref.js';
import type { ApprovalOrigin, ApprovalOutcome, ApprovalScope } from './approval.js';
import type { ProgressToken } from './aura-events.js';
import type { AuraErrorCode } from './error-codes.js';
import type { JsonObject } from './json.js';
import type { McpServerStatus } from './mcp-server-status.js';
import type { OrchestratorRoutingMode } from './orchestrator-events.js';
import type { TokenUsage } from './usage.js';

/** `single` = one agent loop; `orchestration` = coordinator plus workers. */
export type RunMode = 'single' | 'orchestration';

/** A run began. Emitted before anything else. */
export interface RunStartEvent {
  readonly type: 'run-start';
  readonly runId: string;
  /** The chat session id the run belongs to, when it has one. */
  readonly sessionId?: string;
  /** `<provider>/<model>` of the main agent or coordinator, e.g. `openai/gpt-4o`. */
  readonly model: string;
  /** `[agent.llm].context_window`, when configured (single-agent only). */
  readonly contextWindow?: number;
  readonly mode: RunMode;
}

/** MCP connection outcome of every configured server (once connected; mid-run in orchestration). */
export interface McpStatusEvent {
  readonly type: 'mcp-status';
  readonly servers: readonly McpServerStatus[];
}

/** An agent is about to make LLM call number `step` (1-based, per agent). */
export interface StepStartEvent {
  readonly type: 'step-start';
  readonly agent: AgentRef;
  readonly step: number;
}

/**
 * Answer text. Text of agents without `parentAgentId` (the main agent, or the coordinator's final answer)
 * is user-visible; worker text is internal and not streamed to users.
 */
export interface TextDeltaEvent {
  readonly type: 'text-delta';
  readonly agent: AgentRef;
  readonly delta: string;
}

/** Reasoning ("thinking") text. */
export interface ReasoningDeltaEvent {
  readonly type: 'reasoning-delta';
  readonly agent: AgentRef;
  readonly delta: string;
}

/**
 * Where a tool comes from, as core's `ToolKind` names it: `mcp`, `client`, `filesystem`, `vector`,
 * `scratchpad`, `skill`, `orchestration`, `builtin`. Consumers filter on it (scratchpad tools are hidden
 * from tool events; `client` tools end the run with `client-tool-calls`).
 */
export type ToolKindName = string;

/** The model decided to call a tool (before execution). */
export interface ToolCallEvent {
  readonly type: 'tool-call';
  readonly agent: AgentRef;
  readonly toolCallId: string;
  readonly toolName: string;
  /** Parsed arguments; `{}` when `rawArguments` is not a JSON object. */
  readonly arguments: JsonObject;
  /** The arguments exactly as the model produced them. */
  readonly rawArguments: string;
  readonly toolKind: ToolKindName;
}

/** The call actually went on the wire (MCP streamable HTTP), with the progress token it carries. */
export interface ToolStartEvent {
  readonly type: 'tool-start';
  readonly agent: AgentRef;
  readonly toolCallId: string;
  readonly toolName: string;
  readonly progressToken?: ProgressToken;
}

/** A progress notification for a running call (MCP `notifications/progress`). */
export interface ToolProgressEvent {
  readonly type: 'tool-progress';
  readonly agent: AgentRef;
  readonly toolCallId: string;
  readonly progressToken?: ProgressToken;
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

/** Why a tool call failed. `kind` is a stable label (e.g. `ToolError`, `McpError`, `TimeoutError`). */
export interface ToolResultError {
  readonly kind: string;
  readonly message: string;
}

/** A tool call finished. `output` is what the model sees (error text included), untruncated. */
export interface ToolResultEvent {
  readonly type: 'tool-result';
  readonly agent: AgentRef;
  readonly toolCallId: string;
  readonly toolName: string;
  readonly toolKind: ToolKindName;
  readonly durationMs: number;
  readonly success: boolean;
  readonly output: string;
  /** Set when `success` is false. */
  readonly error?: ToolResultError;
}

/** Why one LLM call stopped (AI SDK unified finish reasons). */
export type StepFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

/** An LLM call finished. */
export interface StepFinishEvent {
  readonly type: 'step-finish';
  readonly agent: AgentRef;
  readonly step: number;
  /** This call's usage only. */
  readonly usage: TokenUsage;
  readonly finishReason: StepFinishReason;
  /** Ids of the tool calls the model requested in this step, in call order. */
  readonly toolCallIds: readonly string[];
}

/** One client-side (passthrough) tool call the client must execute. */
export interface ClientToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON-encoded arguments as the model produced them. */
  readonly arguments: string;
}

/** The run stops to let the client execute these tools (followed by `run-finish` with `tool_calls`). */
export interface ClientToolCallsEvent {
  readonly type: 'client-tool-calls';
  readonly calls: readonly ClientToolCall[];
}

/** An agent used its scratchpad: tokens kept out of the context, and tokens read back. */
export interface ScratchpadUsageEvent {
  readonly type: 'scratchpad-usage';
  readonly agent: AgentRef;
  readonly tokensIntercepted: number;
  readonly tokensExtracted: number;
}

/** A gated call needs a human decision. */
export interface ApprovalRequestedEvent {
  readonly type: 'approval-requested';
  readonly agent: AgentRef;
  readonly decisionId: string;
  readonly toolName: string;
  readonly origin: ApprovalOrigin;
  readonly scope: ApprovalScope;
}

/** The call is parked until `expiresAt` (conversational route only). */
export interface ApprovalPendingEvent {
  readonly type: 'approval-pending';
  readonly agent: AgentRef;
  readonly decisionId: string;
  readonly toolName: string;
  readonly arguments: JsonObject;
  readonly origin: ApprovalOrigin;
  readonly scope: ApprovalScope;
  /** RFC 3339. */
  readonly expiresAt: string;
}

/** The approval ended. */
export interface ApprovalCompletedEvent {
  readonly type: 'approval-completed';
  readonly agent: AgentRef;
  readonly decisionId: string;
  readonly outcome: ApprovalOutcome;
  readonly durationMs: number;
  readonly scope: ApprovalScope;
}

/** The coordinator accepted a plan (initial or replan). `agent` is the coordinator. */
export interface PlanCreatedEvent {
  readonly type: 'plan-created';
  readonly agent: AgentRef;
  readonly goal: string;
  /** Task descriptions in task-id order. */
  readonly tasks: readonly string[];
  readonly routingMode: OrchestratorRoutingMode;
  readonly routingRationale: string;
  readonly planningResponse?: string;
}

/** The coordinator answers directly (initially or after executing). */
export interface DirectAnswerEvent {
  readonly type: 'direct-answer';
  readonly agent: AgentRef;
  readonly response: string;
  readonly routingRationale: string;
}

/** The coordinator asks the user a question; the question is the answer text. */
export interface ClarificationNeededEvent {
  readonly type: 'clarification-needed';
  readonly agent: AgentRef;
  readonly question: string;
  readonly options?: readonly string[];
  readonly routingRationale: string;
}

/** A plan task is about to run (one per task of a wave, in plan order). */
export interface TaskStartedEvent {
  readonly type: 'task-started';
  readonly agent: AgentRef;
  readonly taskId: number;
  readonly description: string;
  readonly orchestratorId: string;
  /** Worker name, or `orchestratorId` for the generic worker. */
  readonly workerId: string;
}

/** A plan task finished. */
export interface TaskCompletedEvent {
  readonly type: 'task-completed';
  readonly agent: AgentRef;
  readonly taskId: number;
  readonly orchestratorId: string;
  readonly workerId: string;
  readonly success: boolean;
  readonly durationMs: number;
  /** Result, soft-failure text or error message (untruncated). */
  readonly result?: string;
}

/** The coordinator is about to evaluate iteration `iteration`'s results. */
export interface SynthesizingEvent {
  readonly type: 'synthesizing';
  readonly agent: AgentRef;
  readonly iteration: number;
}

/** A post-execute decision was made. */
export interface IterationCompleteEvent {
  readonly type: 'iteration-complete';
  readonly agent: AgentRef;
  readonly iteration: number;
  readonly willReplan: boolean;
  readonly reasoning?: string;
  readonly gaps?: readonly string[];
  readonly planningMs: number;
  readonly executionMs: number;
  readonly taskComputeMs: number;
  readonly toolMs: number;
}

/** A new planning round starts; `iteration` is the next iteration number. */
export interface ReplanStartedEvent {
  readonly type: 'replan-started';
  readonly agent: AgentRef;
  readonly iteration: number;
  /** e.g. `post_execute_create_plan`. */
  readonly trigger: string;
}

/** How the run ended, in OpenAI terms. */
export type RunFinishReason = 'stop' | 'tool_calls' | 'length';

/** Why a run stopped early while still answering (`finishReason` is then `stop`). */
export type RunStopReason = 'depth_exhausted' | 'budget_exhausted';

/** The run ended normally. `text` is the final answer; `usage` sums every LLM call of the run. */
export interface RunFinishEvent {
  readonly type: 'run-finish';
  readonly text: string;
  readonly usage: TokenUsage;
  readonly finishReason: RunFinishReason;
  readonly stopReason?: RunStopReason;
}

/** The run failed; nothing follows. */
export interface RunErrorEvent {
  readonly type: 'run-error';
  readonly error: {
    readonly code: AuraErrorCode;
    readonly message: string;
    readonly retryable: boolean;
  };
}

/** Every event the runtime emits. Switch on `type` with `assertNever` in the default branch. */
export type RuntimeEvent =
  | RunStartEvent
  | McpStatusEvent
  | StepStartEvent
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallEvent
  | ToolStartEvent
  | ToolProgressEvent
  | ToolResultEvent
  | StepFinishEvent
  | ClientToolCallsEvent
  | ScratchpadUsageEvent
  | ApprovalRequestedEvent
  | ApprovalPendingEvent
  | ApprovalCompletedEvent
  | PlanCreatedEvent
  | DirectAnswerEvent
  | ClarificationNeededEvent
  | TaskStartedEvent
  | TaskCompletedEvent
  | SynthesizingEvent
  | IterationCompleteEvent
  | ReplanStartedEvent
  | RunFinishEvent
  | RunErrorEvent;

/** The `type` of a {@link RuntimeEvent}. */
export type RuntimeEventType = RuntimeEvent['type'];

/** The runtime event with type `T`. */
export type RuntimeEventOf<T extends RuntimeEventType> = Extract<RuntimeEvent, { readonly type: T }>;
