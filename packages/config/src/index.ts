/**
 * @module @aura/config — loads Aura agent configs (TOML) into validated, typed objects: the
 * reference's schema and meaning, `{{ env.X }}` templating, `.env` loading, multi-file loads with
 * unique ids, errors that name file, line, key path and fix, and a JSON Schema for editors.
 */

export { resolveDefaultAgent } from './agent-ids.js';
export {
  ConfigError,
  type ConfigErrorData,
  type ConfigIssue,
  type ConfigIssueCode,
  isConfigIssueCode,
} from './config-issue.js';
export { type DefineConfigOptions, defineConfig } from './define-config.js';
export { configId, effectiveMemoryDir, effectiveWorkerLlm, effectiveWorkerScratchpad } from './effective.js';
export { type FormatConfigIssuesOptions, formatConfigIssues } from './format-issues.js';
export { configJsonSchema } from './json-schema.js';
export {
  type ConfigPathCheck,
  checkConfigPath,
  type LoadConfigFromStringOptions,
  type LoadConfigOptions,
  loadConfig,
  loadConfigFromString,
} from './load-config.js';
export { loadDotenv } from './load-dotenv.js';
export type { LoadedConfig } from './loaded-config.js';
export type { MissingEnvMode } from './parse-config-text.js';
export { DEFAULT_TURN_DEPTH } from './schema/agent.js';
export { HITL_ROUTE_MODES } from './schema/hitl.js';
export { DEFAULT_OLLAMA_BASE_URL, LLM_PROVIDERS, REASONING_EFFORTS } from './schema/llm.js';
export { MCP_TRANSPORTS } from './schema/mcp.js';
export { TOOL_VISIBILITIES } from './schema/orchestration.js';
export { DEFAULT_SCRATCHPAD_MIN_TOKENS } from './schema/scratchpad.js';
export { VECTOR_STORE_TYPES } from './schema/vector-stores.js';
export type {
  AgentConfig,
  AnthropicLlmConfig,
  ArtifactsConfig,
  AuraConfig,
  AuraConfigInput,
  BedrockLlmConfig,
  EmbeddingModelConfig,
  GeminiLlmConfig,
  HitlConfig,
  HitlRouteConfig,
  HttpStreamableMcpServerConfig,
  LlmConfig,
  LlmProvider,
  McpConfig,
  McpServerConfig,
  OllamaLlmConfig,
  OpenAiLlmConfig,
  OpenRouterLlmConfig,
  OrchestrationConfig,
  ScratchpadConfig,
  ScratchpadThresholdConfig,
  SkillsConfig,
  SseMcpServerConfig,
  StdioMcpServerConfig,
  TimeoutsConfig,
  ToolsConfig,
  VectorStoreConfig,
  WorkerConfig,
} from './types.js';
