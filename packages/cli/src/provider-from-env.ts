import type { LlmConfig } from '@aura/config';

/** The LLM `aura start` picked, and the variable it came from. */
export interface DetectedProvider {
  readonly llm: LlmConfig;
  /** The environment variable(s) that decided it, for the banner (never the value). */
  readonly source: string;
}

/**
 * Picks the quickstart's model from the environment, in this order: explicit `LLM_PROVIDER` (+
 * `LLM_API_KEY`, `LLM_MODEL`, `LLM_BASE_URL`), then the first of `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`,
 * `GEMINI_API_KEY`/`GOOGLE_API_KEY`, `OPENROUTER_API_KEY`, `OLLAMA_HOST`, AWS credentials
 * (`AWS_ACCESS_KEY_ID` or `AWS_PROFILE`, region from `AWS_REGION`). `LLM_MODEL` overrides the default
 * model of a detected provider. Returns `undefined` when nothing is configured (the offline demo).
 */
export function detectProvider(env: NodeJS.ProcessEnv): DetectedProvider | undefined {
  const model = (fallback: string): string => nonEmpty(env.LLM_MODEL) ?? fallback;
  const explicit = nonEmpty(env.LLM_PROVIDER);
  if (explicit !== undefined) return { llm: explicitLlm(explicit, env), source: 'LLM_PROVIDER' };
  const openai = nonEmpty(env.OPENAI_API_KEY);
  if (openai !== undefined) {
    return { llm: { provider: 'openai', api_key: openai, model: model('gpt-4.1') }, source: 'OPENAI_API_KEY' };
  }
  const anthropic = nonEmpty(env.ANTHROPIC_API_KEY);
  if (anthropic !== undefined) {
    return {
      llm: { provider: 'anthropic', api_key: anthropic, model: model('claude-sonnet-4-5') },
      source: 'ANTHROPIC_API_KEY',
    };
  }
  const gemini = nonEmpty(env.GEMINI_API_KEY) ?? nonEmpty(env.GOOGLE_API_KEY);
  if (gemini !== undefined) {
    return {
      llm: { provider: 'gemini', api_key: gemini, model: model('gemini-2.5-flash') },
      source: nonEmpty(env.GEMINI_API_KEY) === undefined ? 'GOOGLE_API_KEY' : 'GEMINI_API_KEY',
    };
  }
  const openrouter = nonEmpty(env.OPENROUTER_API_KEY);
  if (openrouter !== undefined) {
    return {
      llm: { provider: 'openrouter', api_key: openrouter, model: model('anthropic/claude-sonnet-4.5') },
      source: 'OPENROUTER_API_KEY',
    };
  }
  const ollama = nonEmpty(env.OLLAMA_HOST);
  if (ollama !== undefined) {
    const baseUrl = /^https?:\/\//.test(ollama) ? ollama : `http://${ollama}`;
    return {
      llm: { provider: 'ollama', base_url: baseUrl, model: model('qwen3:8b'), fallback_tool_parsing: false },
      source: 'OLLAMA_HOST',
    };
  }
  if (nonEmpty(env.AWS_ACCESS_KEY_ID) !== undefined || nonEmpty(env.AWS_PROFILE) !== undefined) {
    const profile = nonEmpty(env.AWS_PROFILE);
    return {
      llm: {
        provider: 'bedrock',
        region: nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION) ?? 'us-east-1',
        model: model('us.anthropic.claude-sonnet-4-5-20250929-v1:0'),
        ...(profile === undefined ? {} : { profile }),
      },
      source: profile === undefined ? 'AWS_ACCESS_KEY_ID' : 'AWS_PROFILE',
    };
  }
  return undefined;
}

function explicitLlm(provider: string, env: NodeJS.ProcessEnv): LlmConfig {
  const model = nonEmpty(env.LLM_MODEL) ?? 'gpt-4.1';
  const apiKey = env.LLM_API_KEY ?? '';
  const baseUrl = nonEmpty(env.LLM_BASE_URL);
  const base = baseUrl === undefined ? {} : { base_url: baseUrl };
  switch (provider) {
    case 'ollama':
      return { provider, model, base_url: baseUrl ?? 'http://localhost:11434', fallback_tool_parsing: false };
    case 'bedrock':
      return { provider, model, region: nonEmpty(env.AWS_REGION) ?? 'us-east-1' };
    case 'anthropic':
    case 'gemini':
    case 'openrouter':
      return { provider, model, api_key: apiKey, ...base };
    default:
      // Anything else is checked by the config loader, which names the valid providers.
      return { provider: provider as 'openai', model, api_key: apiKey, ...base };
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
