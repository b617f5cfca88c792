/**
 * @module @aura/core — the embeddable Aura runtime. Public surface, by area.
 */

export type {
  AgentCallSettings,
  AgentLoop,
  AgentLoopOptions,
  AgentLoopResult,
  AgentLoopStep,
  AgentLoopTurnState,
  AgentToolResult,
  DirectEventSink,
  NudgeOptions,
} from './agent/agent-loop-types.js';
export type { ClientToolDefinition } from './agent/client-tools.js';
export { createClientTools } from './agent/client-tools.js';
export type { DepthBudget } from './agent/depth-budget.js';
export { maxDepthErrorMessage, resolveDepthBudget } from './agent/depth-budget.js';
export { drainAgentLoop } from './agent/drain-agent-loop.js';
export { DEFAULT_FINAL_ANSWER_INSTRUCTION, depthExhaustedFallbackText } from './agent/final-answer.js';
export { abortedRunError, defaultMapRunError } from './agent/loop-errors.js';
export type { TurnNudger } from './agent/nudges.js';
export { createTurnNudger, lastTurnNudgeText, wrapUpNudgeText } from './agent/nudges.js';
export { runAgentLoop } from './agent/run-agent-loop.js';
export { CLIENT_TOOL_PENDING_MARKER, cancelledToolCallText, toolNotFoundText } from './agent/tool-call-result.js';
export type { TranscriptIssue, TranscriptToolResult } from './agent/transcript.js';
export { checkTranscript, toolResultMessage } from './agent/transcript.js';

export { isContextOverflowCode, isContextOverflowMessage } from './llm/context-overflow.js';
export { toAnthropicSchema } from './llm/dialects/anthropic-schema.js';
export type { ProviderSchemaOptions, ToolSchemaCheck } from './llm/dialects/check-tool-schema.js';
export {
  checkToolSchema,
  checkToolSchemas,
  schemaDialectFor,
  toProviderSchema,
} from './llm/dialects/check-tool-schema.js';
export { GEMINI_FORMATS, geminiEnumAccepted } from './llm/dialects/gemini-rules.js';
export type { GeminiSchemaOptions } from './llm/dialects/gemini-schema.js';
export { toGeminiSchema } from './llm/dialects/gemini-schema.js';
export type { InlineRefsOptions } from './llm/dialects/inline-refs.js';
export { inlineLocalRefs } from './llm/dialects/inline-refs.js';
export { resolveLocalRef } from './llm/dialects/json-pointer.js';
export { toOpenAiSchema } from './llm/dialects/openai-schema.js';
export { normalizeRootObjectSchema } from './llm/dialects/root-object-schema.js';
export type { SchemaDialectOptions, SchemaIssue } from './llm/dialects/schema-issue.js';
export type { SchemaDialect } from './llm/dialects/schema-structure.js';
export { validateSchemaStructure } from './llm/dialects/schema-structure.js';
export type { LlmLogger } from './llm/llm-logger.js';
export type { CreateLanguageModelOptions, ResolvedModel } from './llm/model-factory.js';
export { createLanguageModel } from './llm/model-factory.js';
export type { ParsedToolCall } from './llm/ollama-text-tool-calls.js';
export { generateFallbackToolCallId, parseFallbackToolCalls } from './llm/ollama-text-tool-calls.js';
export type { FallbackToolParsingOptions } from './llm/ollama-text-tool-calls-middleware.js';
export { fallbackToolParsingMiddleware, withFallbackToolParsing } from './llm/ollama-text-tool-calls-middleware.js';
export type { ProviderErrorContext, ProviderErrorData } from './llm/provider-error.js';
export { redactSecrets, toProviderError } from './llm/provider-error.js';
export { ANTHROPIC_DEFAULT_MAX_TOKENS } from './llm/providers/anthropic.js';
export type { BedrockCredentials, LlmCallSettings } from './llm/providers/provider-build.js';
export type { RetryEvent, RetryOptions, RetryTarget } from './llm/retry.js';
export { DEFAULT_RETRY_OPTIONS, retryDelayMs, retryMiddleware, withRetry } from './llm/retry.js';
export type { RetryAfterHeaders } from './llm/retry-after.js';
export { parseRetryAfter } from './llm/retry-after.js';

export { createMcpPoolFromConfig } from './mcp/create-mcp-pool-from-config.js';
export type { CreateMcpToolsOptions, McpToolsResult } from './mcp/create-mcp-tools.js';
export { createMcpTools } from './mcp/create-mcp-tools.js';
export type { McpLease, McpLeaseServer } from './mcp/mcp-lease.js';
export type { McpAcquireOptions, McpPool, McpPoolOptions } from './mcp/mcp-pool.js';
export { createMcpPool } from './mcp/mcp-pool.js';
export type {
  ForwardedHeaders,
  McpCallOptions,
  McpCallToolResult,
  McpLogger,
  McpServerSpec,
  McpSupervisorSettings,
  McpToolDefinition,
  McpTransportName,
} from './mcp/mcp-types.js';
export { resolveOutboundHeaders } from './mcp/outbound-headers.js';
export type { ReconnectBackoffOptions } from './mcp/reconnect-backoff.js';
export type { McpCallToolResultLike } from './mcp/tool-result-text.js';
export {
  boundErrorContent,
  extractToolResultText,
  MAX_RESOURCE_CONTENT_BYTES,
  MAX_TOOL_ERROR_BYTES,
  renderResourceContents,
} from './mcp/tool-result-text.js';
export { FINAL_ANSWER_CHUNK_CODE_POINTS } from './orchestration/driver/final-answer-stream.js';
export type {
  OrchestrationAgentOptions,
  OrchestrationLogger,
  OrchestrationModels,
  OrchestrationRequest,
} from './orchestration/driver/orchestration-environment.js';
export { describeAgent, urlOrigin } from './runtime/agent-descriptor.js';
export type { AgentTools, BuildAgentToolsOptions } from './runtime/agent-tools.js';
export { buildAgentTools } from './runtime/agent-tools.js';
export { createAgentRuntime } from './runtime/create-agent-runtime.js';
export type { HistoryMessage, HistoryToolCall } from './runtime/history.js';
export { toModelMessages } from './runtime/history.js';
// The driver itself is loaded on first use (runtime/lazy-orchestration.ts).
export { runOrchestrationWhenLoaded as runOrchestration } from './runtime/lazy-orchestration.js';
export type { RuntimeLogger } from './runtime/runtime-logger.js';
export { silentLogger } from './runtime/runtime-logger.js';
export type {
  AgentDescriptor,
  AgentRuntime,
  AgentRuntimeOptions,
  McpServerDescriptor,
  McpServerToolListing,
  RunRequest,
  RuntimeAgentConfig,
  WorkerDescriptor,
} from './runtime/runtime-types.js';
export type { FilesystemToolsOptions } from './tools/filesystem-tools.js';
export {
  createFilesystemTools,
  createListDirectoryTool,
  createReadFileTool,
  FILESYSTEM_MAX_FILE_SIZE,
  FILESYSTEM_MAX_LIST_ENTRIES,
  SENSITIVE_PATH_PATTERNS,
} from './tools/filesystem-tools.js';
export type { SchemaSanitizeResult } from './tools/schema-sanitize.js';
export { sanitizeToolSchema } from './tools/schema-sanitize.js';
export type { JsonSchema, Tool, ToolCallContext, ToolKind, ToolOutput, ToolProgress } from './tools/tool.js';
export type { ToolErrorKind, ToolOutputClassification } from './tools/tool-error-detection.js';
export {
  classifyToolOutput,
  formatToolCallError,
  isToolErrorOutput,
  JSON_ERROR_PREFIX,
  MCP_TOOL_ERROR_PREFIX,
  TOOL_CALL_ERROR_PREFIX,
  TOOL_ERROR_PREFIXES,
} from './tools/tool-error-detection.js';
export type { ToolNameProvider, ToolNameRules } from './tools/tool-name.js';
export {
  DEFAULT_TOOL_NAME_RULES,
  sanitizeToolName,
  shortNameHash,
  toolNameRulesFor,
  toProviderToolName,
} from './tools/tool-name.js';
export type { ToolNameEntry, ToolNameMapOptions } from './tools/tool-name-registry.js';
export { createToolNameMap, ToolNameRegistry } from './tools/tool-name-registry.js';
export type { JsonObject } from './util/json-value.js';
export { cloneJson, isJsonObject, setOwn, tryParseJson } from './util/json-value.js';
export { clientToolFilterAllows, matchesToolFilter, simpleGlobMatch } from './util/simple-glob.js';
export type { StableStringifyOptions } from './util/stable-stringify.js';
export { compareCodePoints, stableStringify } from './util/stable-stringify.js';
export { TextPieces } from './util/text-pieces.js';
export {
  decodeUtf8,
  encodeUtf8,
  floorCharBoundary,
  truncateUtf8,
  utf8ByteLength,
} from './util/utf8.js';
