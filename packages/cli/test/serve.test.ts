import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseServeSettings, SERVE_OPTIONS } from '@aura/server';
import { type MockProviderServer, startMockProvider, text, turn } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../src/commands/serve.js';
import { createCliLogger } from '../src/logger.js';
import { runCli } from './run-cli.js';

let dir: string;
let mock: MockProviderServer;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-serve-'));
  mock = await startMockProvider();
});
afterEach(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

function agentToml(name: string, extra = ''): string {
  return [
    '[agent]',
    `name = "${name}"`,
    'system_prompt = "You are a test agent."',
    extra,
    '[agent.llm]',
    'provider = "openai"',
    'api_key = "{{ env.TEST_OPENAI_KEY }}"',
    'model = "gpt-4o"',
    `base_url = "${mock.urls.openai}"`,
    '',
  ].join('\n');
}

async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('startServer (the core of `aura serve`)', () => {
  it('loads the configs, logs the agents and the address, serves, and stops gracefully', async () => {
    await writeFile(join(dir, 'a.toml'), agentToml('alpha', 'alias = "a"'));
    await writeFile(join(dir, 'b.toml'), agentToml('beta'));
    const lines: string[] = [];
    const logger = createCliLogger({ level: 'warn', write: (line) => lines.push(line) });
    const settings = parseServeSettings({
      env: { CONFIG_PATH: dir, PORT: '0', DEFAULT_AGENT: 'beta', AURA_API_KEYS: 'serve-test-key' },
    });
    const running = await startServer({ settings, io: { env: { TEST_OPENAI_KEY: 'sk-test' }, cwd: dir }, logger });
    try {
      const log = lines.join('');
      expect(log).toMatch(/INFO {2}Loaded agent 'a' \(openai\/gpt-4o\)/);
      expect(log).toContain("Loaded agent 'beta' (openai/gpt-4o)");
      expect(log).toContain(`Aura listening on http://127.0.0.1:${running.port}`);
      // PORT=0: the published server URL names the port actually bound.
      expect(log).toContain(`serverUrl=http://127.0.0.1:${running.port}`);
      expect(log).toContain('auth="1 API key(s)"');
      expect(log).not.toContain('serve-test-key');
      expect(log).not.toContain('sk-test');
      mock.enqueue(turn(text('served by beta')));
      const response = await fetch(`${running.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer serve-test-key' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain('served by beta');
      expect(mock.chatRequests).toHaveLength(1);
    } finally {
      await running.close();
    }
    await running.done;
    expect(lines.join('')).toContain('Aura stopped');
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
  });
});

describe('aura serve (in-process CLI)', () => {
  it('an invalid config exits 1 with file:line errors, before the port is bound', async () => {
    await writeFile(join(dir, 'bad.toml'), '[agent]\nname = "x"\nsystm_prompt = "typo"\n');
    const held = await holdPort();
    try {
      const run = await runCli(['serve', '-c', join(dir, 'bad.toml'), '-p', String(held.port)], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/bad\.toml:3:\d+ error agent\.systm_prompt/);
      expect(run.stderr).not.toContain('EADDRINUSE');
    } finally {
      held.server.close();
    }
  });

  it('bad option values exit 1 naming each variable or flag', async () => {
    await writeFile(join(dir, 'ok.toml'), agentToml('ok'));
    const run = await runCli(['serve', '--tool-result-mode', 'openwebui'], {
      cwd: dir,
      env: { CONFIG_PATH: join(dir, 'ok.toml'), AURA_CUSTOM_EVENTS: 'maybe', STREAMING_TIMEOUT_SECS: '-1' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("invalid value 'openwebui' for --tool-result-mode / TOOL_RESULT_MODE");
    expect(run.stderr).toContain("invalid value 'maybe' for --aura-custom-events / AURA_CUSTOM_EVENTS");
    expect(run.stderr).toContain('STREAMING_TIMEOUT_SECS');
  });

  it('an unknown DEFAULT_AGENT exits 1 before binding; .env in the working directory is read', async () => {
    await writeFile(join(dir, 'ok.toml'), agentToml('ok'));
    await writeFile(
      join(dir, '.env'),
      `CONFIG_PATH=${join(dir, 'ok.toml')}\nDEFAULT_AGENT=okk\nTEST_OPENAI_KEY=sk-x\n`,
    );
    const run = await runCli(['serve', '--port', '0'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("DEFAULT_AGENT 'okk' does not match any loaded agent");
    expect(run.stderr).toContain('ok');
  });

  it('--help lists every flag with its environment variable and default', async () => {
    const run = await runCli(['serve', '--help']);
    expect(run.code).toBe(0);
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const spec of SERVE_OPTIONS) {
      if (spec.flag !== undefined) expect(help).toContain(spec.flag);
      if (spec.flag !== undefined && spec.env !== undefined) expect(help).toContain(`env ${spec.env}`);
    }
    expect(help).toContain('default 8080');
    expect(help).toContain('Environment only: AURA_API_KEYS');
  });
});
