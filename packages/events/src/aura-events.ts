/**
 * Payloads of the non-orchestrator, non-approval `aura.*` events (server-spec §9.2) and their
 * constructors. Each constructor returns `{ event, data }` with `data` keys in the spec's order and
 * absent optional fields omitted (never `null`).
 */
import { AGENT_CONTEXT_KEYS, type AgentContextData, CORRELATION_KEYS, type CorrelationData } from './aura-context.js';
import { AURA_EVENT_NAMES, type NamedEvent } from './aura-event-names.js';
import type { JsonObject } from './json.js';
import type { AuraMcpServerData } from './mcp-server-status.js';
import { keyOrder, orderedPayload, type PayloadInput, wireEventConstructor } from './ordered-payload.js';

/** An MCP progress token: whatever the client attached to the MCP request. */
export type ProgressToken = string | number;

/** `aura.session_info`: first event of a stream. */
export interface AuraSessionInfoData extends CorrelationData {
  /** `<provider>/<model>`, equal to the chunks' `model`. */
  readonly model: string;
  /** `[agent.llm].context_window`; omitted for orchestrators and when unset. */
  readonly model_context_limit?: number;
}

/** `aura.mcp_status`: connection outcome of every configured MCP server (not sent when none is configured). */
export interface AuraMcpStatusData extends CorrelationData {
  readonly servers: readonly AuraMcpServerData[];
}

/** `aura.tool_requested`: the model decided to call a tool (before execution). */
export interface AuraToolRequestedData extends AgentContextData, CorrelationData {
  readonly tool_id: string;
  readonly tool_name: string;
  /** Parsed arguments; `{}` when the model's arguments were not valid JSON. */
  readonly arguments: JsonObject;
}

/** `aura.tool_start`: an MCP streamable-HTTP request for the call went on the wire. */
export interface AuraToolStartData extends AgentContextData, CorrelationData {
  readonly tool_id: string;
  readonly tool_name: string;
  readonly progress_token?: ProgressToken;
}

/** `aura.tool_complete`: the tool result reached the stream. */
export interface AuraToolCompleteData extends AgentContextData, CorrelationData {
  readonly tool_id: string;
  readonly tool_name: string;
  readonly duration_ms: number;
  readonly success: boolean;
  /** Success only; truncated per `TOOL_RESULT_MAX_LENGTH`. */
  readonly result?: string;
  /** Failure only: `"<ErrorType>: <detail>"`, untruncated. */
  readonly error?: string;
}

/** Phase of `aura.progress`; MCP progress is the only source. */
export type AuraProgressPhase = 'mcp_progress';

/** `aura.progress`: an MCP `notifications/progress` for one of the request's tool calls. */
export interface AuraProgressData extends AgentContextData, CorrelationData {
  readonly message: string;
  readonly phase: AuraProgressPhase;
  /** 0–100; omitted when the total is unknown. */
  readonly percent?: number;
  readonly progress_token?: ProgressToken;
}

/** `aura.reasoning`: a reasoning delta (only with `AURA_EMIT_REASONING`). */
export interface AuraReasoningData extends AgentContextData, CorrelationData {
  readonly content: string;
}

/** `aura.tool_usage`: token counts of the LLM turn that followed the listed tool results. */
export interface AuraToolUsageData extends CorrelationData {
  readonly tool_ids: readonly string[];
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** `aura.usage`: the request's accumulated usage, sent before the final chunk. */
export interface AuraUsageData extends CorrelationData {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** `aura.scratchpad_usage`: tokens kept out of (intercepted) and read back into (extracted) the context. */
export interface AuraScratchpadUsageData extends CorrelationData {
  readonly tokens_intercepted: number;
  readonly tokens_extracted: number;
  /** The agent that used the scratchpad (`"main"`, a worker name or the orchestrator id). */
  readonly agent_id: string;
}

/** Phase of the (defined but never emitted by the reference) `aura.worker_phase`. */
export type AuraWorkerPhase = 'planning' | 'executing' | 'analyzing';

/** `aura.worker_phase`: defined for client compatibility; the reference server never emits it. */
export interface AuraWorkerPhaseData extends AgentContextData, CorrelationData {
  readonly phase: AuraWorkerPhase;
  readonly task_id?: number;
}

/** `aura.session_info` event. */
export type AuraSessionInfoEvent = NamedEvent<typeof AURA_EVENT_NAMES.sessionInfo, AuraSessionInfoData>;
/** `aura.mcp_status` event. */
export type AuraMcpStatusEvent = NamedEvent<typeof AURA_EVENT_NAMES.mcpStatus, AuraMcpStatusData>;
/** `aura.tool_requested` event. */
export type AuraToolRequestedEvent = NamedEvent<typeof AURA_EVENT_NAMES.toolRequested, AuraToolRequestedData>;
/** `aura.tool_start` event. */
export type AuraToolStartEvent = NamedEvent<typeof AURA_EVENT_NAMES.toolStart, AuraToolStartData>;
/** `aura.tool_complete` event. */
export type AuraToolCompleteEvent = NamedEvent<typeof AURA_EVENT_NAMES.toolComplete, AuraToolCompleteData>;
/** `aura.progress` event. */
export type AuraProgressEvent = NamedEvent<typeof AURA_EVENT_NAMES.progress, AuraProgressData>;
/** `aura.reasoning` event. */
export type AuraReasoningEvent = NamedEvent<typeof AURA_EVENT_NAMES.reasoning, AuraReasoningData>;
/** `aura.tool_usage` event. */
export type AuraToolUsageEvent = NamedEvent<typeof AURA_EVENT_NAMES.toolUsage, AuraToolUsageData>;
/** `aura.usage` event. */
export type AuraUsageEvent = NamedEvent<typeof AURA_EVENT_NAMES.usage, AuraUsageData>;
/** `aura.scratchpad_usage` event. */
export type AuraScratchpadUsageEvent = NamedEvent<typeof AURA_EVENT_NAMES.scratchpadUsage, AuraScratchpadUsageData>;
/** `aura.worker_phase` event. */
export type AuraWorkerPhaseEvent = NamedEvent<typeof AURA_EVENT_NAMES.workerPhase, AuraWorkerPhaseData>;

const CONTEXT = [...AGENT_CONTEXT_KEYS, ...CORRELATION_KEYS] as const;
const mcpServerKeys = keyOrder<AuraMcpServerData>()(['server_name', 'transport', 'status', 'tools_count', 'reason']);
const mcpStatusConstructor = wireEventConstructor<AuraMcpStatusData>()(AURA_EVENT_NAMES.mcpStatus, [
  'servers',
  ...CORRELATION_KEYS,
]);

/**
 * Constructors of the core `aura.*` events. Input is the wire payload (snake_case; spread
 * `agentContextData(agent)` and `correlationData(...)` into it); optional fields may be `undefined`.
 * The returned `data` has its keys in the spec's order (including each `mcp_status` server entry).
 *
 * @example
 * auraEvent.reasoning({ content: 'thinking', agent_id: 'main', session_id: 'cs_1' });
 */
export const auraEvent = {
  sessionInfo: wireEventConstructor<AuraSessionInfoData>()(AURA_EVENT_NAMES.sessionInfo, [
    'model',
    'model_context_limit',
    ...CORRELATION_KEYS,
  ]),
  mcpStatus: (data: PayloadInput<AuraMcpStatusData>): AuraMcpStatusEvent =>
    mcpStatusConstructor({ ...data, servers: data.servers.map((server) => orderedPayload(server, mcpServerKeys)) }),
  toolRequested: wireEventConstructor<AuraToolRequestedData>()(AURA_EVENT_NAMES.toolRequested, [
    'tool_id',
    'tool_name',
    'arguments',
    ...CONTEXT,
  ]),
  toolStart: wireEventConstructor<AuraToolStartData>()(AURA_EVENT_NAMES.toolStart, [
    'tool_id',
    'tool_name',
    'progress_token',
    ...CONTEXT,
  ]),
  toolComplete: wireEventConstructor<AuraToolCompleteData>()(AURA_EVENT_NAMES.toolComplete, [
    'tool_id',
    'tool_name',
    'duration_ms',
    'success',
    'result',
    'error',
    ...CONTEXT,
  ]),
  progress: wireEventConstructor<AuraProgressData>()(AURA_EVENT_NAMES.progress, [
    'message',
    'phase',
    'percent',
    'progress_token',
    ...CONTEXT,
  ]),
  reasoning: wireEventConstructor<AuraReasoningData>()(AURA_EVENT_NAMES.reasoning, ['content', ...CONTEXT]),
  toolUsage: wireEventConstructor<AuraToolUsageData>()(AURA_EVENT_NAMES.toolUsage, [
    'tool_ids',
    'prompt_tokens',
    'completion_tokens',
    'total_tokens',
    ...CORRELATION_KEYS,
  ]),
  usage: wireEventConstructor<AuraUsageData>()(AURA_EVENT_NAMES.usage, [
    'prompt_tokens',
    'completion_tokens',
    'total_tokens',
    ...CORRELATION_KEYS,
  ]),
  scratchpadUsage: wireEventConstructor<AuraScratchpadUsageData>()(AURA_EVENT_NAMES.scratchpadUsage, [
    'tokens_intercepted',
    'tokens_extracted',
    'agent_id',
    ...CORRELATION_KEYS,
  ]),
  workerPhase: wireEventConstructor<AuraWorkerPhaseData>()(AURA_EVENT_NAMES.workerPhase, [
    'phase',
    'task_id',
    ...CONTEXT,
  ]),
} as const;
