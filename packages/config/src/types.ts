import type * as z from 'zod';
import type { agentSchema } from './schema/agent.js';
import type { configSchema, toolsSchema } from './schema/config.js';
import type { hitlRouteSchema, hitlSchema } from './schema/hitl.js';
import type { llmSchema } from './schema/llm.js';
import type { mcpSchema, mcpServerSchema } from './schema/mcp.js';
import type { scratchpadSchema, scratchpadThresholdSchema, skillsSchema } from './schema/scratchpad.js';
import type { embeddingModelSchema, vectorStoreSchema } from './schema/vector-stores.js';

/**
 * A validated Aura configuration: the TOML structure with snake_case keys exactly as written in the
 * file, defaults applied and lenient scalars normalised (`hidden = "true"` → `true`,
 * `context_window = 200000.0` → `200000`). Orchestration's flat legacy keys are folded into
 * `orchestration.artifacts` (see {@link OrchestrationConfig}).
 */
export type AuraConfig = z.output<typeof configSchema>;

/** What a user writes when building a config in code (same keys as the TOML; defaults optional). */
export type AuraConfigInput = z.input<typeof configSchema>;

/** `[agent]`. */
export type AgentConfig = z.output<typeof agentSchema>;
/** `[agent.llm]` / `[orchestration.worker.<name>.llm]`, discriminated by `provider`. */
export type LlmConfig = z.output<typeof llmSchema>;
/** The LLM provider names. */
export type LlmProvider = LlmConfig['provider'];
/** `provider = "openai"`. */
export type OpenAiLlmConfig = Extract<LlmConfig, { provider: 'openai' }>;
/** `provider = "anthropic"`. */
export type AnthropicLlmConfig = Extract<LlmConfig, { provider: 'anthropic' }>;
/** `provider = "bedrock"`. */
export type BedrockLlmConfig = Extract<LlmConfig, { provider: 'bedrock' }>;
/** `provider = "gemini"`. */
export type GeminiLlmConfig = Extract<LlmConfig, { provider: 'gemini' }>;
/** `provider = "ollama"`. */
export type OllamaLlmConfig = Extract<LlmConfig, { provider: 'ollama' }>;
/** `provider = "openrouter"`. */
export type OpenRouterLlmConfig = Extract<LlmConfig, { provider: 'openrouter' }>;

/** `[mcp]`. */
export type McpConfig = z.output<typeof mcpSchema>;
/** `[mcp.servers.<name>]`, discriminated by `transport`. */
export type McpServerConfig = z.output<typeof mcpServerSchema>;
/** `transport = "http_streamable"`. */
export type HttpStreamableMcpServerConfig = Extract<McpServerConfig, { transport: 'http_streamable' }>;
/** `transport = "sse"`. */
export type SseMcpServerConfig = Extract<McpServerConfig, { transport: 'sse' }>;
/** `transport = "stdio"`. */
export type StdioMcpServerConfig = Extract<McpServerConfig, { transport: 'stdio' }>;
/** One entry of `[mcp.servers.<name>.scratchpad]`. */
export type ScratchpadThresholdConfig = z.output<typeof scratchpadThresholdSchema>;

/** One `[[vector_stores]]` entry, discriminated by `type`. */
export type VectorStoreConfig = z.output<typeof vectorStoreSchema>;
/** `[vector_stores.embedding_model]`, discriminated by `provider`. */
export type EmbeddingModelConfig = z.output<typeof embeddingModelSchema>;

/** `[tools]`. */
export type ToolsConfig = z.output<typeof toolsSchema>;
/** `[agent.scratchpad]` / `[orchestration.worker.<name>.scratchpad]`. */
export type ScratchpadConfig = z.output<typeof scratchpadSchema>;
/** `[agent.skills]` / `[orchestration.worker.<name>.skills]`. */
export type SkillsConfig = z.output<typeof skillsSchema>;
/** `[hitl]`. */
export type HitlConfig = z.output<typeof hitlSchema>;
/** `[hitl.route]`, discriminated by `mode`. */
export type HitlRouteConfig = z.output<typeof hitlRouteSchema>;

export type {
  ArtifactsConfig,
  OrchestrationConfig,
  TimeoutsConfig,
  WorkerConfig,
} from './schema/orchestration-fold.js';
