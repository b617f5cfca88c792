import { join } from 'node:path';
import { checkConfigPath, loadConfig, loadConfigFromString } from '@aura/config';
import { afterEach, describe, expect, it } from 'vitest';
import { configError, configErrorAsync, MINIMAL_AGENT, tempDir } from './helpers.js';

const KEYED = `${MINIMAL_AGENT}\n[agent.llm]\nprovider = "openai"\napi_key = "{{ env.SECRET_KEY }}"\nmodel = "m"\n`;
const PROVIDER_FROM_ENV = `${MINIMAL_AGENT}\n[agent.llm]\nprovider = "{{ env.LLM_PROVIDER }}"\napi_key = "k"\nmodel = "m"\n`;

describe("missingEnv: 'warn' (aura validate without secrets)", () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('by default an unset variable is an error, as in the reference', () => {
    const error = configError(() => loadConfigFromString(KEYED, { file: 'a.toml', env: {} }));
    expect(error.code).toBe('CONFIG_ENV_MISSING');
    expect(error.issues[0]).toMatchObject({ severity: 'error', code: 'env_missing', path: 'agent.llm.api_key' });
  });

  it('in warn mode the config loads, the placeholder is kept verbatim, and the issue is a warning with its line', () => {
    const loaded = loadConfigFromString(KEYED, { file: 'a.toml', env: {}, missingEnv: 'warn' });
    expect(loaded.config.agent.llm).toMatchObject({ provider: 'openai', api_key: '{{ env.SECRET_KEY }}' });
    expect(loaded.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'env_missing', path: 'agent.llm.api_key', line: 7 }),
    ]);
  });

  it('warn mode still reports real errors next to the warnings', async () => {
    const dir = tempDir({ 'a.toml': KEYED.replace('system_prompt', 'systm_prompt') });
    cleanups.push(dir.cleanup);
    const checked = await checkConfigPath(dir.dir, { env: {}, missingEnv: 'warn' });
    expect(checked.loaded).toEqual([]);
    expect(checked.issues.map((issue) => [issue.severity, issue.code])).toEqual(
      expect.arrayContaining([
        ['error', 'unknown_key'],
        ['warning', 'env_missing'],
      ]),
    );
    const error = await configErrorAsync(loadConfig(dir.dir, { env: {}, missingEnv: 'warn' }));
    expect(error.issues.some((issue) => issue.code === 'unknown_key')).toBe(true);
  });

  it('a variable that feeds a value that must be checked (the provider tag) leaves the file unbuilt, with a warning saying why', async () => {
    const dir = tempDir({ 'p.toml': PROVIDER_FROM_ENV });
    cleanups.push(dir.cleanup);
    const checked = await checkConfigPath(join(dir.dir, 'p.toml'), { env: {}, missingEnv: 'warn' });
    expect(checked.loaded).toEqual([]);
    expect(checked.issues.every((issue) => issue.severity === 'warning')).toBe(true);
    expect(checked.issues.map((issue) => issue.message).join('\n')).toContain(
      'cannot be fully checked until LLM_PROVIDER is set',
    );
    expect(checked.missingVariables).toEqual(['LLM_PROVIDER']);
  });

  it('checkConfigPath never throws for config issues, only for a missing path', async () => {
    await expect(checkConfigPath('/nonexistent/aura', { env: {} })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
    });
    const dir = tempDir({ 'a.toml': KEYED });
    cleanups.push(dir.cleanup);
    const checked = await checkConfigPath(dir.dir, { env: {} });
    expect(checked.issues[0]).toMatchObject({ severity: 'error', code: 'env_missing' });
  });
});
