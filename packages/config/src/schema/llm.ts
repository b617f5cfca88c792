import * as z from 'zod';
import { lenientUint } from './scalars.js';

/** The LLM providers `[agent.llm].provider` accepts, in the reference's order. */
export const LLM_PROVIDERS = ['openai', 'anthropic', 'bedrock', 'gemini', 'ollama', 'openrouter'] as const;

/** `reasoning_effort` values (OpenAI only); the wire value is the same string. */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

/** Default Ollama endpoint. */
export const DEFAULT_OLLAMA_BASE_URL = 'http://localhost:11434';

const model = z.string().describe('Model id sent to the provider, e.g. `gpt-4o` or `claude-sonnet-4-20250514`.');
const apiKey = z
  .string()
  .describe('Provider API key; usually `"{{ env.OPENAI_API_KEY }}"`. Required and must not be empty.');
const baseUrl = z.string().describe('Custom endpoint (OpenAI-compatible proxies, self-hosted gateways).');

/** Keys every provider accepts. */
const commonLlmKeys = {
  model,
  max_tokens: lenientUint('u64')
    .optional()
    .describe(
      'Maximum output tokens per completion (applied for every provider; Ollama receives it as `num_predict`).',
    ),
  context_window: lenientUint('u64')
    .optional()
    .describe(
      'Model context window in tokens. Never sent to the provider; drives usage percentages and the scratchpad budget. Required when scratchpad is enabled.',
    ),
  temperature: z.number().optional().describe('Sampling temperature.'),
  additional_params: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Extra provider request parameters passed through as-is (e.g. Ollama `num_ctx`, `seed`).'),
};

const openAiLlm = z
  .object({
    provider: z.literal('openai'),
    api_key: apiKey,
    base_url: baseUrl.optional(),
    reasoning_effort: z
      .enum(REASONING_EFFORTS)
      .optional()
      .describe('Reasoning effort for reasoning models (support varies by model).'),
    ...commonLlmKeys,
  })
  .strict()
  .describe('OpenAI or any OpenAI-compatible API (set `base_url`).');

const anthropicLlm = z
  .object({ provider: z.literal('anthropic'), api_key: apiKey, base_url: baseUrl.optional(), ...commonLlmKeys })
  .strict()
  .describe('Anthropic (Claude).');

const bedrockLlm = z
  .object({
    provider: z.literal('bedrock'),
    region: z.string().describe('AWS region, e.g. `us-east-1`. Credentials come from the AWS credential chain.'),
    profile: z.string().optional().describe('AWS profile name.'),
    ...commonLlmKeys,
  })
  .strict()
  .describe('AWS Bedrock (no API key; uses the AWS credential chain).');

const geminiLlm = z
  .object({ provider: z.literal('gemini'), api_key: apiKey, base_url: baseUrl.optional(), ...commonLlmKeys })
  .strict()
  .describe('Google Gemini.');

const ollamaLlm = z
  .object({
    provider: z.literal('ollama'),
    base_url: z.string().default(DEFAULT_OLLAMA_BASE_URL).describe('Ollama server URL.'),
    fallback_tool_parsing: z
      .boolean()
      .default(false)
      .describe('Parse tool calls that the model emits as plain text (for models without native tool calling).'),
    ...commonLlmKeys,
  })
  .strict()
  .describe('Local Ollama (no API key). Put `num_ctx` / `num_predict` in `additional_params`.');

const openRouterLlm = z
  .object({ provider: z.literal('openrouter'), api_key: apiKey, base_url: baseUrl.optional(), ...commonLlmKeys })
  .strict()
  .describe('OpenRouter (one key, many models; OpenRouter reasoning wire format).');

/**
 * `[agent.llm]` / `[orchestration.worker.<name>.llm]`: tagged by `provider`; each provider accepts
 * only its own keys (a key valid for another provider is an unknown field).
 */
export const llmSchema = z
  .discriminatedUnion('provider', [openAiLlm, anthropicLlm, bedrockLlm, geminiLlm, ollamaLlm, openRouterLlm])
  .describe('LLM provider settings, tagged by `provider`.');

/** Providers whose `api_key` must be non-empty at validation time. */
export const PROVIDERS_WITH_API_KEY: ReadonlySet<string> = new Set(['openai', 'anthropic', 'gemini', 'openrouter']);
