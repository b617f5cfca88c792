import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadQuickstart } from '../src/commands/start.js';
import { detectProvider } from '../src/provider-from-env.js';
import { runCli } from './run-cli.js';

const quickstart = resolve(fileURLToPath(new URL('../../../examples/quickstart.toml', import.meta.url)));

describe('provider detection for `npm start`', () => {
  it('follows the documented order and never needs LLM_* variables', () => {
    expect(detectProvider({})).toBeUndefined();
    expect(detectProvider({ ANTHROPIC_API_KEY: 'a', OPENROUTER_API_KEY: 'o' })).toMatchObject({
      source: 'ANTHROPIC_API_KEY',
      llm: { provider: 'anthropic', api_key: 'a' },
    });
    expect(detectProvider({ OPENAI_API_KEY: 'x', ANTHROPIC_API_KEY: 'a' })?.llm.provider).toBe('openai');
    expect(detectProvider({ GOOGLE_API_KEY: 'g' })).toMatchObject({
      source: 'GOOGLE_API_KEY',
      llm: { provider: 'gemini' },
    });
    expect(detectProvider({ OLLAMA_HOST: '127.0.0.1:11434' })?.llm).toMatchObject({
      provider: 'ollama',
      base_url: 'http://127.0.0.1:11434',
    });
    expect(detectProvider({ AWS_PROFILE: 'dev', AWS_REGION: 'eu-west-1' })?.llm).toMatchObject({
      provider: 'bedrock',
      profile: 'dev',
      region: 'eu-west-1',
    });
    expect(detectProvider({ OPENAI_API_KEY: '  ' })).toBeUndefined();
    expect(detectProvider({ OPENAI_API_KEY: 'x', LLM_MODEL: 'gpt-4o-mini' })?.llm.model).toBe('gpt-4o-mini');
  });

  it('an explicit LLM_PROVIDER wins over detected keys', () => {
    expect(
      detectProvider({ LLM_PROVIDER: 'anthropic', LLM_API_KEY: 'k', LLM_MODEL: 'claude', OPENAI_API_KEY: 'x' }),
    ).toMatchObject({ source: 'LLM_PROVIDER', llm: { provider: 'anthropic', api_key: 'k', model: 'claude' } });
  });

  it('the quickstart takes the detected model for the coordinator; workers inherit it', async () => {
    const ollama = await loadQuickstart(quickstart, { OLLAMA_HOST: 'http://gpu-box:11434' });
    expect(ollama.config.agent.llm).toMatchObject({ provider: 'ollama', base_url: 'http://gpu-box:11434' });
    expect(ollama.config.orchestration?.enabled).toBe(true);
    expect(Object.values(ollama.config.orchestration?.worker ?? {}).every((worker) => worker.llm === undefined)).toBe(
      true,
    );
  });

  it('`aura start` names where the model came from, or says there is none', async () => {
    const withKey = await runCli(['start', '--config', quickstart], { env: { ANTHROPIC_API_KEY: 'sk-ant' } });
    expect(withKey.code).toBe(0);
    expect(withKey.stdout).toContain('anthropic/claude-sonnet-4-5');
    expect(withKey.stdout).toContain('[model from ANTHROPIC_API_KEY]');
    expect(withKey.stdout).not.toContain('sk-ant');
    const none = await runCli(['start', '--config', quickstart]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No provider key found');
  });
});
