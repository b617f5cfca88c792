/**
 * Starting the processes of the server benchmark: the mock provider, the bare pass-through proxy (transpiled
 * to plain JavaScript so it runs on `node` alone) and `aura serve` from the built CLI with a minimal
 * single-agent config, plus the `/health` probe used to see that a server is ready.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { type Child, freePort, removeOnExit, sleep, spawnChild } from './processes.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI launcher (`npm run build` first). */
export const AURA_BIN = join(REPO, 'packages/cli/bin/aura.js');

/** A server under test. */
export interface Party {
  readonly name: string;
  readonly child: Child;
  readonly port: number;
}

/** Timing of the mock's answer. */
export interface StreamShape {
  readonly ttftMs: number;
  readonly tokenMs: number;
  readonly tokens: number;
  readonly chunkChars: number;
}

/** The running mock provider process. */
export interface MockProcess {
  readonly child: Child;
  /** Base URL for OpenAI clients (`<origin>/v1`). */
  readonly openaiUrl: string;
  /** Origin of the control server. */
  readonly controlUrl: string;
}

function firstLine(child: Child, lines: string[], what: string, timeoutMs = 20_000): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what}: no output in ${timeoutMs} ms\n${child.stderrTail()}`)),
      timeoutMs,
    );
    const check = setInterval(() => {
      const line = lines[0];
      if (line !== undefined) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(line);
      }
    }, 5);
    void child.exited.then(() => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`${what} exited early:\n${child.stderrTail()}`));
    });
  });
}

/** Starts bench/server/mock-process.ts (under tsx) with `shape`. */
export async function startMock(shape: StreamShape, cpus: string | undefined): Promise<MockProcess> {
  const lines: string[] = [];
  const child = spawnChild({
    name: 'mock',
    cpus,
    cwd: REPO,
    args: [
      '--import',
      'tsx',
      fileURLToPath(new URL('mock-process.ts', import.meta.url)),
      ...['--ttft-ms', String(shape.ttftMs), '--token-ms', String(shape.tokenMs)],
      ...['--tokens', String(shape.tokens), '--chunk-chars', String(shape.chunkChars)],
    ],
    onLine: (line) => lines.push(line),
  });
  const ready = JSON.parse(await firstLine(child, lines, 'mock provider')) as { openai: string; control: string };
  return { child, openaiUrl: ready.openai, controlUrl: ready.control };
}

/** Counts of the mock's recorded chat requests. */
export interface MockStats {
  readonly chat: number;
  readonly open: number;
  readonly aborted: number;
  readonly completed: number;
}

/** Reads the mock's counts. */
export async function mockStats(mock: MockProcess): Promise<MockStats> {
  const response = await fetch(`${mock.controlUrl}/stats`);
  return (await response.json()) as MockStats;
}

/** Clears the mock's recorded requests. */
export async function resetMock(mock: MockProcess): Promise<void> {
  await fetch(`${mock.controlUrl}/reset`, { method: 'POST' });
}

let proxyScript: string | undefined;

/** bench/server/proxy-process.ts transpiled to a plain `.mjs` file in a temp dir (done once). */
export async function proxyScriptPath(): Promise<string> {
  if (proxyScript === undefined) {
    const source = await readFile(fileURLToPath(new URL('proxy-process.ts', import.meta.url)), 'utf8');
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const dir = await mkdtemp(join(tmpdir(), 'aura-bench-proxy-'));
    removeOnExit(dir);
    proxyScript = join(dir, 'proxy-process.mjs');
    await writeFile(proxyScript, output);
  }
  return proxyScript;
}

/** Spawns the proxy in front of `upstreamOrigin` on `port` (0 = any; it prints the bound port). */
export async function spawnProxy(
  upstreamOrigin: string,
  port: number,
  cpus: string | undefined,
  onLine?: (line: string) => void,
  nodeFlags: readonly string[] = [],
): Promise<Child> {
  const script = await proxyScriptPath();
  return spawnChild({
    name: 'proxy',
    cpus,
    args: [...nodeFlags, script, upstreamOrigin, String(port)],
    ...(onLine === undefined ? {} : { onLine }),
  });
}

/** Starts the bare pass-through proxy in front of `upstreamOrigin`. */
export async function startProxy(upstreamOrigin: string, cpus: string | undefined): Promise<Party> {
  const lines: string[] = [];
  const child = await spawnProxy(upstreamOrigin, 0, cpus, (line) => lines.push(line));
  const ready = JSON.parse(await firstLine(child, lines, 'proxy')) as { port: number };
  return { name: 'proxy', child, port: ready.port };
}

/**
 * Writes the bench agent's config (openai provider at the mock, no MCP, defaults otherwise) into a temp dir that
 * is removed when the bench exits (with any `--cpu-prof` output written there: pass an absolute `--cpu-prof-dir`).
 */
export async function writeAuraConfig(openaiUrl: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'aura-bench-server-'));
  removeOnExit(dir);
  const file = join(dir, 'bench.toml');
  await writeFile(
    file,
    [
      '[agent]',
      'name = "bench"',
      'system_prompt = "You are a benchmark agent."',
      '',
      '[agent.llm]',
      'provider = "openai"',
      'api_key = "sk-bench-dummy"',
      'model = "bench-model"',
      `base_url = "${openaiUrl}"`,
      '',
    ].join('\n'),
  );
  return { dir, file };
}

/** Options of {@link spawnAura}. */
export interface SpawnAuraOptions {
  readonly config: { dir: string; file: string };
  readonly port: number;
  /** CPU list for `taskset -c`; undefined = inherited. */
  readonly cpus?: string | undefined;
  /** Extra Node flags for the Aura process (e.g. `--cpu-prof`). */
  readonly nodeFlags?: readonly string[];
  /** Receives each line the process writes to stdout (V8 traces, for instance). */
  readonly onLine?: (line: string) => void;
}

/**
 * Spawns `node packages/cli/bin/aura.js serve --config <file> --port <port>` in the config's directory (so no
 * stray `.env` is read) with a minimal environment (no `AURA_*`, `PORT`, `CONFIG_PATH` leaking in).
 */
export function spawnAura(options: SpawnAuraOptions): Child {
  return spawnChild({
    name: 'aura',
    cpus: options.cpus,
    ...(options.onLine === undefined ? {} : { onLine: options.onLine }),
    cwd: options.config.dir,
    env: { PATH: process.env.PATH, HOME: options.config.dir },
    args: [
      ...(options.nodeFlags ?? []),
      AURA_BIN,
      'serve',
      '--config',
      options.config.file,
      '--port',
      String(options.port),
    ],
  });
}

/** Whether `GET /health` on `port` answers 200 right now. */
export function healthy(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/health', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('error', () => resolve(false));
  });
}

/**
 * Polls `/health` every `intervalMs` until it answers 200; resolves with `performance.now()` at that answer.
 * @throws when the child exits first or after `timeoutMs`.
 */
export async function waitHealthy(child: Child, port: number, timeoutMs = 20_000, intervalMs = 2): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  while (performance.now() < deadline) {
    if (await healthy(port)) return performance.now();
    if (exited) throw new Error(`${child.name} exited before it was ready:\n${child.stderrTail()}`);
    await sleep(intervalMs);
  }
  throw new Error(`${child.name} not ready on port ${port} within ${timeoutMs} ms:\n${child.stderrTail()}`);
}

/** Starts Aura and waits until it is ready. */
export async function startAura(options: Omit<SpawnAuraOptions, 'port'>): Promise<Party> {
  const port = await freePort();
  const child = spawnAura({ ...options, port });
  await waitHealthy(child, port);
  return { name: 'aura', child, port };
}
