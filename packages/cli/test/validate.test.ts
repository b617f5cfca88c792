import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const examples = join(repoRoot, 'examples');

describe('aura validate', () => {
  const dirs: string[] = [];
  const temp = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-cli-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('passes on the shipped examples without any provider key: one line per agent, unset keys as warnings', async () => {
    const run = await runCli(['validate', examples], { cwd: repoRoot });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('ok '))).toHaveLength(9);
    expect(run.stdout).toContain('ok aura (Aura Orchestrator): openai/gpt-4.1, orchestration, 3 workers');
    expect(run.stdout).toMatch(/9 agents valid, \d+ warnings/);
    expect(run.stderr).toContain('warning agent.llm.api_key: environment variable OPENAI_API_KEY is not set');
  });

  it('--require-env makes unset variables errors, as when serving', async () => {
    const run = await runCli(['validate', '--require-env', join(examples, 'minimal-openai.toml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /minimal-openai\.toml:15:1 error agent\.llm\.api_key: environment variable OPENAI_API_KEY/,
    );
    const withKey = await runCli(['validate', '--require-env', join(examples, 'minimal-openai.toml')], {
      env: { OPENAI_API_KEY: 'sk-test' },
    });
    expect(withKey.code).toBe(0);
    expect(withKey.stderr).toBe('');
  });

  it('reports every error of a broken file with file:line:col, key path and a hint, and exits 1', async () => {
    const dir = temp({
      'broken.toml': [
        '[agent]',
        'name = "X"',
        'systm_prompt = "hi"',
        '',
        '[agent.llm]',
        'provider = "opneai"',
        'api_key = "k"',
        'model = "m"',
        '',
      ].join('\n'),
    });
    const run = await runCli(['validate', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/broken\.toml:3:1 error agent\.systm_prompt: .*did you mean `system_prompt`/);
    expect(run.stderr).toMatch(/broken\.toml:6:1 error agent\.llm\.provider: .*did you mean `openai`/);
    expect(run.stderr).toMatch(/FAILED \d+ errors? in 1 file/);
  });

  it('--json prints machine-readable agents and issues', async () => {
    const run = await runCli(['validate', '--json', join(examples, 'sre-agent.toml')], {
      env: { OPENAI_API_KEY: 'sk-test' },
    });
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { valid: boolean; agents: { id: string; provider: string }[] };
    expect(parsed.valid).toBe(true);
    expect(parsed.agents).toEqual([expect.objectContaining({ id: 'sre', provider: 'openai', model: 'gpt-4.1' })]);
  });

  it('reads .env from the working directory, without overriding variables already set', async () => {
    const dir = temp({ '.env': 'OPENAI_API_KEY=from-dotenv\n' });
    const run = await runCli(['validate', '--require-env', join(examples, 'minimal-openai.toml')], { cwd: dir });
    expect(run.code).toBe(0);
  });

  it('a missing path is reported, not thrown', async () => {
    const run = await runCli(['validate', '/nonexistent/aura.toml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'/nonexistent/aura.toml'");
  });

  it('--help lists the options; an unknown option exits non-zero with usage help', async () => {
    const help = await runCli(['validate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--require-env');
    const bad = await runCli(['validate', '--bogus']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("unknown option '--bogus'");
  });
});
