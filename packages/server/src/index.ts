/**
 * @module @aura/server — the HTTP face of Aura: the Hono app of the OpenAI-compatible API
 * (`createAuraServer`), its lifecycle (`serveNode`, graceful shutdown), the `aura serve` option table, the
 * pure request handling of `POST /v1/chat/completions` (`chat/`), the runtime-event → SSE mapping and
 * writer (`sse/`) and the one error-code → HTTP mapping.
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
export { type AuraServer, type AuraServerDependencies, createApp, createAuraServer } from './create-app.js';
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
export type { AppEnv, AppVariables } from './http/app-env.js';
export { type ForwardedHeadersOptions, forwardedHeaders } from './http/forwarded-headers.js';
export { type ReadJsonBodyOptions, readJsonBody, requireJsonContentType } from './http/read-json-body.js';
export { type ServerLogger, silentServerLogger } from './http/server-logger.js';
export {
  createGracefulShutdown,
  type GracefulShutdown,
  type GracefulShutdownOptions,
  installShutdownSignals,
  type ShutdownSignalsOptions,
} from './lifecycle/graceful-shutdown.js';
export {
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_LISTEN_BACKLOG,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type FetchApp,
  type NodeServer,
  type ServeNodeOptions,
  serveNode,
} from './lifecycle/serve-node.js';
export {
  createServerController,
  type DrainOptions,
  type DrainResult,
  type ServerController,
  type TrackedRun,
} from './lifecycle/server-controller.js';
export { type ApiKeyAuthOptions, apiKeyAuthMiddleware, bearerToken } from './middleware/auth.js';
export { generateRequestId, REQUEST_ID_HEADER } from './middleware/request-id.js';
export { SHUTTING_DOWN_MESSAGE } from './middleware/shutdown-gate.js';
export {
  deriveServerUrl,
  FALSY_WORDS,
  type OptionValueResult,
  parseBooleanValue,
  parseEnumValue,
  parseIntegerValue,
  parseKeyList,
  parseKeysFile,
  parseUrlValue,
  TRUTHY_WORDS,
} from './options/option-values.js';
export {
  SERVE_OPTIONS,
  type ServeOptionKind,
  type ServeOptionName,
  type ServeOptionSpec,
  serveOptionSpec,
  serveOptionsMarkdown,
} from './options/serve-option-table.js';
export {
  type ParseServeSettingsOptions,
  parseServeSettings,
  type ServeFlagValue,
  type ServeLogLevel,
  type ServeSettings,
} from './options/serve-settings.js';
export { type AdvisoryAgent, timeoutAdvisories } from './options/timeout-advisories.js';
export { A2A_PROTOCOL_VERSION, type HealthBody, healthBody } from './routes/health.js';
export { type InfoToolDetail, parseInfoDetail } from './routes/info.js';
export { modelListBody } from './routes/models.js';
export {
  DEFAULT_SERVER_OPTIONS,
  resolveServerOptions,
  type ServerOptions,
  type ServerOptionsInput,
} from './server-options.js';
export {
  type ChatEventPump,
  type ChatEventPumpOptions,
  type ChatEventSink,
  createChatEventPump,
} from './sse/chat-event-pump.js';
export { type ChatEventStream, type ChatEventStreamOptions, createChatEventStream } from './sse/chat-event-stream.js';
export { type ChatStreamMapper, createChatStreamMapper } from './sse/chat-stream-mapper.js';
export {
  type ChatStreamMapperOptions,
  type ChatStreamOutcome,
  TOOL_RESULT_MODES,
  type ToolResultMode,
} from './sse/chat-stream-options.js';
export { heartbeatFrame } from './sse/chunk-frames.js';
export {
  type NodeChatEventWriter,
  type NodeChatEventWriterOptions,
  writeChatEventsToNode,
} from './sse/node-chat-event-writer.js';
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
  createStreamWatchdog,
  type StreamTimeouts,
  type StreamTimer,
  type StreamWatchdog,
} from './sse/stream-watchdog.js';
export {
  ERROR_DETAIL_MAX_CHARS,
  TRUNCATION_SUFFIX,
  truncateErrorDetail,
  truncateToolResult,
} from './sse/truncate-result.js';
export { isUserVisibleAgent } from './sse/user-visible-agent.js';
export {
  createOverheadTracker,
  formatOverheadMs,
  OVERHEAD_HEADER,
  type OverheadTracker,
} from './timing/overhead-tracker.js';
export { AURA_SERVER_VERSION } from './version.js';
