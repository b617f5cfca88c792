/**
 * @module @aura/events — the wire vocabulary of Aura: errors, OpenAI chat shapes, aura.* events,
 * runtime events, and SSE framing. No runtime dependency on any other package.
 *
 * Naming: wire payload types end in `Data` (what goes on the `data:` line) and wire events are
 * `Aura…Event` (`{ event, data }`); runtime events are `…Event` with a kebab-case `type`.
 */

export { type AgentRef, agentRef, COORDINATOR_AGENT_ID, MAIN_AGENT_ID } from './agent-ref.js';
export type { ApprovalCancelReason, ApprovalOrigin, ApprovalOutcome, ApprovalScope } from './approval.js';
export {
  type ApprovalCompletedData,
  type ApprovalOriginData,
  type ApprovalOutcomeData,
  type ApprovalPendingData,
  type ApprovalRequestedData,
  type ApprovalScopeData,
  type AuraApprovalCompletedEvent,
  type AuraApprovalPendingEvent,
  type AuraApprovalRequestedEvent,
  approvalEvent,
  approvalOriginData,
  approvalOutcomeData,
  approvalScopeData,
} from './approval-events.js';
export { assertNever } from './assert-never.js';
export {
  AGENT_CONTEXT_KEYS,
  type AgentContextData,
  agentContextData,
  CORRELATION_KEYS,
  type CorrelationData,
  correlationData,
} from './aura-context.js';
export type { AuraErrorOptions } from './aura-error.js';
export { AuraError, isAuraError } from './aura-error.js';
export { AURA_EVENT_NAMES, type AuraEventName, isAuraEventName, type NamedEvent } from './aura-event-names.js';
export {
  type AuraMcpStatusData,
  type AuraMcpStatusEvent,
  type AuraProgressData,
  type AuraProgressEvent,
  type AuraProgressPhase,
  type AuraReasoningData,
  type AuraReasoningEvent,
  type AuraScratchpadUsageData,
  type AuraScratchpadUsageEvent,
  type AuraSessionInfoData,
  type AuraSessionInfoEvent,
  type AuraToolCompleteData,
  type AuraToolCompleteEvent,
  type AuraToolRequestedData,
  type AuraToolRequestedEvent,
  type AuraToolStartData,
  type AuraToolStartEvent,
  type AuraToolUsageData,
  type AuraToolUsageEvent,
  type AuraUsageData,
  type AuraUsageEvent,
  type AuraWorkerPhase,
  type AuraWorkerPhaseData,
  type AuraWorkerPhaseEvent,
  auraEvent,
  type ProgressToken,
} from './aura-events.js';
export { type AuraEventData, type AuraWireEvent, type AuraWireEventOf, isAuraWireEvent } from './aura-wire-event.js';
export type {
  AuraErrorCode,
  ConfigErrorCode,
  InternalErrorCode,
  ProviderErrorCode,
  RequestErrorCode,
  RunErrorCode,
  StreamErrorCode,
  ToolErrorCode,
} from './error-codes.js';
export type { JsonObject, JsonValue } from './json.js';
export {
  type AuraMcpServerData,
  type McpConnectionStatus,
  type McpServerStatus,
  type McpTransportKind,
  mcpServerStatusData,
} from './mcp-server-status.js';
export {
  type ChatChunkInput,
  type ChatCompletionChunk,
  type ChatCompletionChunkChoice,
  type ChatCompletionChunkDelta,
  type ChatFinishReason,
  type ChatToolCallDelta,
  chatChunk,
  isChatCompletionChunk,
} from './openai-chunk.js';
export {
  isOpenAiErrorBody,
  type KnownOpenAiErrorType,
  modelNotFoundErrorBody,
  type OpenAiErrorBody,
  type OpenAiErrorType,
  openAiErrorBody,
} from './openai-error.js';
export { type ModelList, type ModelObject, modelList, modelObject } from './openai-models.js';
export {
  CHAT_SESSION_ID_HEADER,
  CHAT_SESSION_ID_METADATA_KEY,
  type ChatAssistantMessage,
  type ChatAudioContentPart,
  type ChatCompletionRequest,
  type ChatDeveloperMessage,
  type ChatFileContentPart,
  type ChatFunctionTool,
  type ChatImageContentPart,
  type ChatMessage,
  type ChatRefusalContentPart,
  type ChatRequestMetadata,
  type ChatRole,
  type ChatStreamOptions,
  type ChatSystemMessage,
  type ChatTextContentPart,
  type ChatToolCall,
  type ChatToolChoice,
  type ChatToolMessage,
  type ChatUserContentPart,
  type ChatUserMessage,
  OPENWEBUI_CHAT_ID_HEADER,
} from './openai-request.js';
export {
  type ChatCompletion,
  type ChatCompletionChoice,
  type ChatCompletionInput,
  type ChatCompletionMessage,
  type ChatCompletionResponseMetadata,
  chatCompletion,
} from './openai-response.js';
export { type OpenAiStreamItem, type ParseOpenAiStreamOptions, parseOpenAiStream } from './openai-stream.js';
export { type ChatCompletionUsage, toChatCompletionUsage } from './openai-usage.js';
export {
  type AuraOrchestratorClarificationNeededEvent,
  type AuraOrchestratorDirectAnswerEvent,
  type AuraOrchestratorIterationCompleteEvent,
  type AuraOrchestratorPlanCreatedEvent,
  type AuraOrchestratorReplanStartedEvent,
  type AuraOrchestratorSynthesizingEvent,
  type AuraOrchestratorTaskCompletedEvent,
  type AuraOrchestratorTaskStartedEvent,
  type AuraOrchestratorToolCallCompletedEvent,
  type AuraOrchestratorToolCallStartedEvent,
  type AuraOrchestratorWorkerReasoningEvent,
  type OrchestratorClarificationNeededData,
  type OrchestratorContextData,
  type OrchestratorDirectAnswerData,
  type OrchestratorIterationCompleteData,
  type OrchestratorPlanCreatedData,
  type OrchestratorReplanStartedData,
  type OrchestratorRoutingMode,
  type OrchestratorSynthesizingData,
  type OrchestratorTaskCompletedData,
  type OrchestratorTaskStartedData,
  type OrchestratorToolCallCompletedData,
  type OrchestratorToolCallStartedData,
  type OrchestratorWorkerReasoningData,
  orchestratorEvent,
} from './orchestrator-events.js';
export type { PayloadInput } from './ordered-payload.js';
export {
  createRuntimeEvent,
  isRuntimeEventType,
  RUNTIME_EVENT_TYPES,
  type RuntimeEventInput,
  runtimeEvent,
} from './runtime-event-constructors.js';
export type {
  ApprovalCompletedEvent,
  ApprovalPendingEvent,
  ApprovalRequestedEvent,
  ClarificationNeededEvent,
  ClientToolCall,
  ClientToolCallsEvent,
  DirectAnswerEvent,
  IterationCompleteEvent,
  McpStatusEvent,
  PlanCreatedEvent,
  ReasoningDeltaEvent,
  ReplanStartedEvent,
  RunErrorEvent,
  RunFinishEvent,
  RunFinishReason,
  RunMode,
  RunStartEvent,
  RunStopReason,
  RuntimeEvent,
  RuntimeEventOf,
  RuntimeEventType,
  ScratchpadUsageEvent,
  StepFinishEvent,
  StepFinishReason,
  StepStartEvent,
  SynthesizingEvent,
  TaskCompletedEvent,
  TaskStartedEvent,
  TextDeltaEvent,
  ToolCallEvent,
  ToolKindName,
  ToolProgressEvent,
  ToolResultError,
  ToolResultEvent,
  ToolStartEvent,
} from './runtime-events.js';
export {
  encodeAuraEvent,
  encodeSseComment,
  encodeSseData,
  encodeSseEvent,
  SSE_DONE,
  SSE_HEARTBEAT,
  sseFrameToBytes,
} from './sse-encode.js';
export { createSseParser, type SseMessage, type SseParser, type SseParserOptions } from './sse-parse.js';
export { type ParseSseStreamOptions, parseSseStream, type SseSource } from './sse-stream.js';
export { addUsage, emptyUsage, type TokenUsage } from './usage.js';
export { RUNTIME_EVENT_SCHEMA_VERSION } from './version.js';
