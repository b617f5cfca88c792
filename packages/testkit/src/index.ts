/**
 * @module @aura/testkit — the only fake in Aura's tests is the LLM, and this is it: a provider-neutral script
 * vocabulary ({@link ModelTurn}), an in-process scripted `LanguageModelV3`, and a mock provider HTTP server
 * that speaks OpenAI, OpenRouter, Anthropic, Gemini, Ollama and Bedrock wire formats with fault injection.
 */

export type {
  ConversationSource,
  ConversationView,
  ProviderName,
  ViewMessage,
  ViewTool,
  ViewToolCall,
  ViewToolResult,
} from './conversation/conversation-view.js';
export {
  conversationOf,
  lastMessage,
  lastUserText,
  systemPrompt,
  toolCalls,
  toolNames,
  toolResults,
} from './conversation/conversation-view.js';
// The offline demo: a scripted SRE scenario and the MCP server whose canned data it uses
export { DEMO_ANSWER_FOOTER } from './demo/demo-answers.js';
export { DEMO_DEFAULT_SERVICE } from './demo/demo-data.js';
export type { DemoMcpToolsOptions, DemoToolName } from './demo/demo-mcp-tools.js';
export { createDemoMcpTools, DEMO_TOOL_NAMES } from './demo/demo-mcp-tools.js';
export type { DemoScenarioOptions, DemoTiming } from './demo/demo-scenario-rules.js';
export { DEMO_FAST_TIMING, demoScenarioRules } from './demo/demo-scenario-rules.js';
export type { DemoMcpServerOptions } from './demo/start-demo-mcp-server.js';
export { DEMO_MCP_SERVER_NAME, startDemoMcpServer } from './demo/start-demo-mcp-server.js';
export {
  cosineSimilarity,
  DEFAULT_EMBEDDING_DIMENSIONS,
  deterministicEmbedding,
} from './embeddings/deterministic-embedding.js';
export type { DeterministicEmbeddingModelOptions } from './embeddings/deterministic-embedding-model.js';
export { createDeterministicEmbeddingModel } from './embeddings/deterministic-embedding-model.js';
export type { UnexpectedModelCallData } from './errors.js';
export { UnexpectedModelCallError } from './errors.js';
// MCP test servers (stdio, SSE, streamable HTTP)
export { AWKWARD_TOOL_INPUT_SCHEMA, AWKWARD_TOOL_NAME } from './mcp/awkward-tool.js';
export { TEST_MCP_FIXTURES } from './mcp/builtin-tools.js';
export type { TestMcpBuiltinToolName, TestMcpServerOptions } from './mcp/create-test-mcp-server.js';
export { createTestMcpServer, TEST_MCP_BUILTIN_TOOL_NAMES, TestMcpServer } from './mcp/create-test-mcp-server.js';
export type { FollowTestMcpLogFileOptions, TestMcpLogFileFollower } from './mcp/follow-test-mcp-log-file.js';
export { followTestMcpLogFile, readTestMcpLogFile } from './mcp/follow-test-mcp-log-file.js';
export type { LargeOutputFormat } from './mcp/large-output.js';
export { LARGE_OUTPUT_MIN_JSON_BYTES, largeOutputText } from './mcp/large-output.js';
export type {
  StartTestMcpHttpServerOptions,
  TestMcpHttpServer,
  TestMcpHttpTransport,
} from './mcp/start-test-mcp-http-server.js';
export { startTestMcpHttpServer } from './mcp/start-test-mcp-http-server.js';
export type {
  TestMcpLogEvent,
  TestMcpLogEventInput,
  TestMcpLogEventType,
  TestMcpLogOptions,
  TestMcpLogWaitOptions,
} from './mcp/test-mcp-log.js';
export { TestMcpLog, testMcpLogEventSchema } from './mcp/test-mcp-log.js';
export type { TestMcpStdioCommand } from './mcp/test-mcp-stdio-command.js';
export { testMcpStdioCommand } from './mcp/test-mcp-stdio-command.js';
export type {
  JsonSchemaObject,
  TestMcpTool,
  TestMcpToolContext,
  TestMcpToolDefinition,
} from './mcp/test-mcp-tool.js';
export { defineTestMcpTool, mcpTextResult, mcpToolError } from './mcp/test-mcp-tool.js';
export type { MockProviderOptions, MockProviderServer, WaitOptions } from './mock-provider/mock-provider-server.js';
export { startMockProvider } from './mock-provider/mock-provider-server.js';
export type { RecordedRequest } from './mock-provider/recorded-request.js';
export type { ProviderBaseUrls } from './mock-provider/routes.js';
export type {
  DisconnectFault,
  HangFault,
  HttpErrorFault,
  ModelTurn,
  ReasoningPart,
  StreamErrorFault,
  TextPart,
  ToolCallPart,
  TurnFault,
  TurnFinishReason,
  TurnPart,
  TurnTiming,
  TurnUsage,
} from './script/model-turn.js';
export type { MockRule, RuleMatcher, RuleReply } from './script/rules.js';
export type { HttpErrorOptions, TurnItem, TurnSetting } from './script/turn-builders.js';
export {
  chunkSize,
  disconnectAfter,
  finish,
  hang,
  httpError,
  noUsage,
  rateLimited,
  reasoning,
  slowChunks,
  slowFirstToken,
  streamError,
  text,
  toolCall,
  turn,
  usage,
} from './script/turn-builders.js';
export type { ModelCallRequest, ModelCallSettings, RecordedModelCall } from './scripted-model/recorded-call.js';
export type { RespondFunction } from './scripted-model/scripted-call-handler.js';
export type { ScriptedModelOptions } from './scripted-model/scripted-model.js';
export { createScriptedModel, ScriptedModel } from './scripted-model/scripted-model.js';
export type { TestkitLogger } from './util/logger.js';
