import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, type LoadedConfig, loadConfigFromString } from '@aura/config';

/** The spec's minimal valid config (core-spec §11): agent T/S with an openai LLM. */
export const MINIMAL_AGENT = '[agent]\nname = "T"\nsystem_prompt = "S"\n';
export const MINIMAL_LLM = '[agent.llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n';
export const MINIMAL = `${MINIMAL_AGENT}\n${MINIMAL_LLM}`;

/** Loads TOML text as `test.toml` with an explicit (empty by default) environment. */
export function load(text: string, env: NodeJS.ProcessEnv = {}): LoadedConfig {
  return loadConfigFromString(text, { file: 'test.toml', env });
}

/** Runs `action`, which must throw a ConfigError, and returns it. */
export function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but nothing was thrown');
}

/** Awaits `promise`, which must reject with a ConfigError, and returns it. */
export async function configErrorAsync(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the promise resolved');
}

/** Loads text expected to fail and returns the error. */
export function loadError(text: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  return configError(() => load(text, env));
}

/** A temporary directory with the given files; `cleanup()` removes it. */
export function tempDir(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'aura-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The monorepo root (packages/config/test → ../../..). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** The reference's configs, shared next to the repository. */
export const fixturesDir = resolve(repoRoot, '../shared/fixtures/aura-configs');

/** The dummy values the fixtures README lists. */
export const FIXTURE_ENV: NodeJS.ProcessEnv = {
  OPENAI_API_KEY: 'sk-test-openai',
  ANTHROPIC_API_KEY: 'sk-ant-test',
  GOOGLE_API_KEY: 'google-test',
  OPENROUTER_API_KEY: 'or-test',
  AWS_REGION: 'us-east-1',
  AWS_PROFILE: 'default',
  BEDROCK_KB_ID: 'kb-test',
  LLM_PROVIDER: 'openai',
  LLM_API_KEY: 'llm-test',
  LLM_MODEL: 'gpt-4o',
  LLM_BASE_URL: 'http://localhost:11434',
  MCP_TOKEN: 'mcp-test',
  SSE_TOKEN: 'sse-test',
  PAGERDUTY_API_TOKEN: 'pd-test',
  MEZMO_API_KEY: 'mezmo-test',
  DD_API_KEY: 'dd-test',
  DD_APPLICATION_KEY: 'dd-app-test',
  GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp-test',
};
