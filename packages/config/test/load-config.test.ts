import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type LoadedConfig, loadConfig, loadConfigFromString, resolveDefaultAgent } from '@aura/config';
import { afterEach, describe, expect, it } from 'vitest';
import { configError, configErrorAsync, load, MINIMAL, tempDir } from './helpers.js';

describe('loadConfig', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('loads a single file; the result keeps the absolute file path, issues keep the path as given', async () => {
    const dir = tempDir({ 'agent.toml': MINIMAL, 'bad.toml': MINIMAL.replace('name', 'nme') });
    cleanups.push(dir.cleanup);
    const [loaded] = await loadConfig(join(dir.dir, 'agent.toml'), { env: {} });
    expect(loaded).toMatchObject({ id: 'T', file: join(dir.dir, 'agent.toml'), warnings: [] });
    const given = relative(process.cwd(), join(dir.dir, 'bad.toml'));
    const error = await configErrorAsync(loadConfig(given, { env: {} }));
    expect(error.issues[0]?.file).toBe(given);
  });

  it('a missing path is CONFIG_NOT_FOUND naming the path', async () => {
    const error = await configErrorAsync(loadConfig('/nonexistent/aura/agents', { env: {} }));
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain("'/nonexistent/aura/agents'");
    expect(error.message).toContain('No such file or directory');
  });

  it('a directory loads only its direct *.toml files, in byte order, ignoring sub-directories', async () => {
    const dir = tempDir({
      'b.toml': MINIMAL.replace('name = "T"', 'name = "b"'),
      'B.toml': MINIMAL.replace('name = "T"', 'name = "B"'),
      'a.toml': MINIMAL.replace('name = "T"', 'name = "a"'),
      'c.TOML': MINIMAL.replace('name = "T"', 'name = "upper-case extension"'),
      'd.toml.bak': MINIMAL.replace('name = "T"', 'name = "backup"'),
    });
    cleanups.push(dir.cleanup);
    mkdirSync(join(dir.dir, 'nested.toml'));
    mkdirSync(join(dir.dir, 'sub'));
    writeFileSync(join(dir.dir, 'sub', 'z.toml'), MINIMAL.replace('name = "T"', 'name = "nested"'));
    const loaded = await loadConfig(dir.dir, { env: {} });
    expect(loaded.map((config) => config.id)).toEqual(['B', 'a', 'b']);
  });

  it('returns each file’s warnings with the loaded config', async () => {
    const dir = tempDir({ 'a.toml': `${MINIMAL}\n[orchestration]\nquality_threshold = 1\n` });
    cleanups.push(dir.cleanup);
    const [loaded] = await loadConfig(dir.dir, { env: {} });
    expect(loaded?.warnings.map((issue) => [issue.path, issue.file])).toEqual([
      ['orchestration.quality_threshold', join(dir.dir, 'a.toml')],
    ]);
  });

  it('uses the given env, not process.env, for placeholders', async () => {
    const dir = tempDir({ 'a.toml': MINIMAL.replace('model = "m"', 'model = "{{ env.AURA_TEST_MODEL }}"') });
    cleanups.push(dir.cleanup);
    const [loaded] = await loadConfig(dir.dir, { env: { AURA_TEST_MODEL: 'from-option' } });
    expect(loaded?.config.agent.llm.model).toBe('from-option');
  });

  it('honours an aborted signal', async () => {
    const dir = tempDir({ 'a.toml': MINIMAL });
    cleanups.push(dir.cleanup);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(loadConfig(dir.dir, { env: {}, signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('loadConfigFromString', () => {
  it('accepts a UTF-8 byte order mark and keeps positions right', () => {
    expect(load(`\uFEFF${MINIMAL}`).id).toBe('T');
    const error = configError(() => load(`\uFEFF${MINIMAL.replace('name = "T"', 'name = 1')}`));
    expect(error.issues[0]).toMatchObject({ path: 'agent.name', line: 2, column: 1 });
  });

  it('keeps the file label, which may be absent', () => {
    expect(loadConfigFromString(MINIMAL, { env: {} }).file).toBeUndefined();
    expect(loadConfigFromString(MINIMAL, { env: {}, file: 'inline.toml' }).file).toBe('inline.toml');
    const error = configError(() => loadConfigFromString('[agent]\nname = 1\n', { env: {} }));
    const issue = error.issues.find((candidate) => candidate.path === 'agent.name');
    expect(issue).toMatchObject({ line: 2, column: 1 });
    expect(issue?.file).toBeUndefined();
    expect(error.message).toContain('line 2:1: error agent.name');
  });

  it('rejects keys that would reach Object.prototype', () => {
    const error = configError(() => load(`${MINIMAL}\n[mcp.servers.__proto__]\ntransport = "sse"\n`));
    expect(error.issues[0]?.code).toBe('toml_syntax');
  });
});

describe('resolveDefaultAgent', () => {
  const configs: LoadedConfig[] = [
    load(MINIMAL.replace('name = "T"', 'name = "SRE Agent"\nalias = "sre"')),
    load(MINIMAL.replace('name = "T"', 'name = "docs"')),
  ];

  it('is undefined when DEFAULT_AGENT is unset or empty', () => {
    expect(resolveDefaultAgent(configs)).toBeUndefined();
    expect(resolveDefaultAgent(configs, '')).toBeUndefined();
  });

  it('matches the effective id (alias, else name)', () => {
    expect(resolveDefaultAgent(configs, 'sre')?.config.agent.name).toBe('SRE Agent');
    expect(resolveDefaultAgent(configs, 'docs')?.id).toBe('docs');
  });

  it('names the available ids and the nearest one when nothing matches', () => {
    const error = configError(() => resolveDefaultAgent(configs, 'doc'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain("DEFAULT_AGENT 'doc' does not match any loaded agent id (available: sre, docs)");
    expect(error.issues[0]).toMatchObject({ code: 'unknown_agent', hint: 'did you mean `docs`?' });
  });

  it('explains that an aliased agent is not reachable by its name', () => {
    const error = configError(() => resolveDefaultAgent(configs, 'SRE Agent'));
    expect(error.issues[0]?.hint).toContain("has alias 'sre'");
  });
});
