import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { hang, type MockProviderServer, startMockProvider, turn } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = resolve(repoRoot, 'packages/cli/bin/aura.js');

let dir: string;
let mock: MockProviderServer;
let child: ChildProcess | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-serve-process-'));
  mock = await startMockProvider();
});
afterEach(async () => {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves with the stderr text once `pattern` matches it; rejects if the process exits first. */
function waitForStderr(process: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      const match = pattern.exec(seen);
      if (match !== null) {
        process.stderr?.off('data', onData);
        process.off('exit', onExit);
        resolvePromise(match);
      }
    };
    const onExit = (code: number | null): void => reject(new Error(`aura exited (${code}) before ${pattern}: ${seen}`));
    process.stderr?.on('data', onData);
    process.once('exit', onExit);
  });
}

/** Starts `aura serve` on a free port with one agent served by the mock provider; resolves with its URL. */
async function startAura(shutdownTimeoutSecs: number, options: { nodeFlags?: string[]; extraToml?: string[] } = {}) {
  const config = join(dir, 'agent.toml');
  await writeFile(
    config,
    [
      '[agent]',
      'name = "proc"',
      'system_prompt = "You are a test agent."',
      '[agent.llm]',
      'provider = "openai"',
      'api_key = "sk-test"',
      'model = "gpt-4o"',
      `base_url = "${mock.urls.openai}"`,
      ...(options.extraToml ?? []),
      '',
    ].join('\n'),
  );
  const started = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      bin,
      'serve',
      '--config',
      config,
      '--port',
      '0',
      '--shutdown-timeout-secs',
      String(shutdownTimeoutSecs),
    ],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child = started;
  const exited = new Promise<number | null>((resolvePromise) => started.once('exit', (code) => resolvePromise(code)));
  const [, url = ''] = await waitForStderr(started, /Aura listening on (http:\/\/127\.0\.0\.1:\d+)/);
  mock.enqueue(turn(hang()));
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hold on' }], stream: true }),
  });
  expect(response.status).toBe(200);
  await mock.waitForRequests(1);
  return { child: started, url, response, exited };
}

describe('node packages/cli/bin/aura.js serve', () => {
  it('SIGTERM during an open stream: the stream gets [DONE], MCP/runtime close, the process exits 0', async () => {
    const { child, url, response, exited } = await startAura(1);
    const stopping = waitForStderr(child, /Received SIGTERM/);
    child.kill('SIGTERM');
    await stopping;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(503);
    const body = await response.text();
    expect(body).toContain('"finish_reason":"stop"');
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    await mock.waitForAborts(1);
    expect(await exited).toBe(0);
  });

  it('a second signal exits at once, without waiting for the grace period', async () => {
    const { child, exited } = await startAura(60);
    const stopping = waitForStderr(child, /Received SIGTERM/);
    child.kill('SIGTERM');
    await stopping;
    const started = performance.now();
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('loads the MCP SDK only when an MCP server is configured, and no orchestration driver for a single agent', async () => {
    // A module hook in the served process writes the URL of every module it loads to a file.
    const log = join(dir, 'modules.log');
    const hooks = join(dir, 'hooks.mjs');
    const register = join(dir, 'register.mjs');
    await writeFile(
      hooks,
      `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`,
    );
    await writeFile(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const loaded = async (): Promise<string[]> => (await readFile(log, 'utf8')).split('\n');
    const isSdk = (url: string): boolean => url.includes('/@modelcontextprotocol/');

    // startAura has a stream open through the provider by the time it returns.
    const plain = await startAura(1, { nodeFlags: ['--import', register] });
    plain.child.kill('SIGKILL');
    await plain.exited;
    const served = await loaded();
    expect(served.some((url) => url.includes('/packages/server/dist/'))).toBe(true);
    expect(served.filter(isSdk)).toEqual([]);
    expect(served.filter((url) => url.includes('/core/dist/orchestration/driver/run-orchestration'))).toEqual([]);

    await rm(log);
    mock.reset();
    const withMcp = await startAura(1, {
      nodeFlags: ['--import', register],
      extraToml: ['[mcp.servers.offline]', 'transport = "http_streamable"', 'url = "http://127.0.0.1:1/mcp"'],
    });
    withMcp.child.kill('SIGKILL');
    await withMcp.exited;
    expect((await loaded()).some(isSdk)).toBe(true);
  });
});
