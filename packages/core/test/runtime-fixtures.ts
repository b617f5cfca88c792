/**
 * Shared fixtures for runtime tests: agents built from typed config objects, served by the mock provider
 * server through the real provider packages, with the testkit MCP servers as tool sources.
 */
import { type AuraConfigInput, defineConfig, type LlmConfig } from '@aura/config';
import type { RuntimeEvent } from '@aura/events';
import type { MockProviderServer } from '@aura/testkit';
import { createLanguageModel } from '../src/llm/model-factory.js';
import { createAgentRuntime } from '../src/runtime/create-agent-runtime.js';
import type { AgentRuntime, RunRequest } from '../src/runtime/runtime-types.js';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

export const BEDROCK_TEST_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

/** The `[agent.llm]` of each provider, as a user would write it. */
export function llmFor(provider: LlmConfig['provider']): AuraConfigInput['agent']['llm'] {
  switch (provider) {
    case 'openai':
      return { provider, api_key: 'sk-test', model: 'gpt-4o' };
    case 'anthropic':
      return { provider, api_key: 'sk-ant-test', model: 'claude-sonnet-4-5' };
    case 'gemini':
      return { provider, api_key: 'gemini-test', model: 'gemini-2.5-flash' };
    case 'openrouter':
      return { provider, api_key: 'or-test', model: 'anthropic/claude-sonnet-4.5' };
    case 'ollama':
      return { provider, model: 'qwen3:8b', additional_params: { num_ctx: 8192 } };
    case 'bedrock':
      return { provider, model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', region: 'us-east-1' };
  }
}

/** A runtime whose providers all point at `mock`. */
export function mockRuntime(
  mock: MockProviderServer,
  agents: readonly { id: string; config: AuraConfigInput }[],
): AgentRuntime {
  return createAgentRuntime({
    agents: agents.map(({ id, config }) => ({ id, config: defineConfig(config) })),
    createModel: (llm) =>
      createLanguageModel(llm, {
        endpointOverride: mock.urls[llm.provider],
        credentials: BEDROCK_TEST_CREDENTIALS,
        retry: { maxRetries: 0 },
      }),
    mcp: { connectTimeoutMs: 5_000, healthCheckIntervalMs: 0 },
  });
}

/** Collects every event of a run. */
export async function collect(
  runtime: AgentRuntime,
  request: Omit<RunRequest, 'signal'> & { signal?: AbortSignal },
): Promise<RuntimeEvent[]> {
  const events: RuntimeEvent[] = [];
  for await (const event of runtime.run({ signal: new AbortController().signal, ...request })) events.push(event);
  return events;
}

/** The event of a given type (first one). */
export function first<T extends RuntimeEvent['type']>(
  events: readonly RuntimeEvent[],
  type: T,
): Extract<RuntimeEvent, { type: T }> {
  const found = events.find((event) => event.type === type);
  if (found === undefined) throw new Error(`no ${type} event in [${events.map((event) => event.type).join(', ')}]`);
  return found as Extract<RuntimeEvent, { type: T }>;
}
