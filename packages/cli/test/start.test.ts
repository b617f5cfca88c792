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

  it('`aura start --help` documents the detection order, the demo and the event default', async () => {
    const run = await runCli(['start', '--help']);
    expect(run.code).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--demo');
    expect(help).toContain(
      'LLM_PROVIDER (+ LLM_API_KEY, LLM_MODEL), OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY / GOOGLE_API_KEY, OPENROUTER_API_KEY, OLLAMA_HOST, AWS credentials, a local Ollama',
    );
    expect(help).toContain('AURA_CUSTOM_EVENTS defaults to true');
  });

  it('the quickstart loads without a provider (placeholders that demo mode replaces)', async () => {
    const none = await loadQuickstart(quickstart, {});
    expect(none.detected).toBeUndefined();
    expect(none.id).toBe('aura');
    expect(Object.keys(none.config.orchestration?.worker ?? {})).toEqual([
      'incident-responder',
      'metrics-analyst',
      'log-analyst',
    ]);
  });
});
