/**
 * @module @aura/server — the HTTP face of Aura. So far: the pure request handling of
 * `POST /v1/chat/completions` (`chat/`), the runtime-event → SSE mapping (`sse/`) and the one
 * error-code → HTTP mapping.
 */

export { buildChatCompletionResponse, type ChatCompletionResponseInput } from './chat/chat-completion-response.js';
export { type ChatRequestBody, chatRequestSchema, TEXT_PART_SEPARATOR } from './chat/chat-request-schema.js';
export {
  type ChatCompletionCollector,
  type ChatCompletionCollectorOptions,
  type ChatCompletionOutcome,
  createChatCompletionCollector,
} from './chat/collect-chat-completion.js';
export { generateCompletionId, unixSeconds } from './chat/completion-id.js';
export {
  type ChatHistoryMessage,
  type ChatHistoryToolCall,
  type ConvertChatMessagesOptions,
  type ConvertedChatMessages,
  convertChatMessages,
} from './chat/convert-messages.js';
export {
  type ChatRequest,
  type ChatRequestMessage,
  type ChatRequestToolCall,
  type ClientToolDefinition,
  formatIssuePath,
  parseChatRequest,
} from './chat/parse-chat-request.js';
export {
  type PrepareChatRequestOptions,
  type PreparedChatRequest,
  prepareChatRequest,
} from './chat/prepare-chat-request.js';
export { type SelectAgentOptions, type SelectableAgent, selectAgent } from './chat/select-agent.js';
export {
  generateChatSessionId,
  type HeaderLookup,
  MAX_CHAT_SESSION_ID_LENGTH,
  type ResolveChatSessionIdOptions,
  readHeader,
  resolveChatSessionId,
} from './chat/session-id.js';
export {
  type AuraErrorToHttpOptions,
  type AuraHttpStatus,
  auraErrorToHttp,
  HTTP_ERROR_MAP,
  type HttpErrorData,
  type HttpErrorMapping,
  type HttpErrorResponse,
  INTERNAL_ERROR_MESSAGE,
} from './errors-to-http.js';
export { type ChatStreamMapper, createChatStreamMapper } from './sse/chat-stream-mapper.js';
export {
  type ChatStreamMapperOptions,
  type ChatStreamOutcome,
  TOOL_RESULT_MODES,
  type ToolResultMode,
} from './sse/chat-stream-options.js';
export { heartbeatFrame } from './sse/chunk-frames.js';
export { progressMessage, progressPercent } from './sse/progress-fields.js';
export {
  CONTEXT_OVERFLOW_MESSAGE,
  isContextOverflowText,
  providerErrorText,
  type RunErrorTextOptions,
  runErrorText,
  timeoutNoteText,
} from './sse/run-error-text.js';
export { chatStreamHeaders } from './sse/stream-headers.js';
export {
  ERROR_DETAIL_MAX_CHARS,
  TRUNCATION_SUFFIX,
  truncateErrorDetail,
  truncateToolResult,
} from './sse/truncate-result.js';
export { isUserVisibleAgent } from './sse/user-visible-agent.js';
