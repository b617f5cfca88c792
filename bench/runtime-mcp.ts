/**
 * MCP runtime benchmark (run: `npx tsx bench/runtime-mcp.ts`). Everything is measured in one run against
 * the testkit's MCP servers on this machine, and judged as ratios to a baseline from the same run:
 *
 * - streamable HTTP `echo` call latency: (a) a raw SDK `Client` connected once (baseline), (b) a call through
 *   a pooled `McpPool` lease, (c) connect-per-call (new client, initialize, call, close — what the reference
 *   does per request). Target: pooled ≤ 1.1 × raw (p50).
 * - stdio first-call latency of a run: pooled (acquire a lease on the already-running child, call, release)
 *   vs spawn-per-request (`isolation = "per_request"`: spawn, initialize, list tools, call, kill).
 *   Target: pooled ≥ 10 × faster (p50).
 *
 * Raw and pooled calls are measured in alternating blocks so that machine drift hits both equally. Exits
 * with status 1 when a target is missed. Options: `--quick` (fewer iterations).
 *
 * Node's `MaxListenersExceededWarning`s are counted per phase instead of printed: the raw SDK client leaves
 * one abort listener per request on its transport's signal until GC (undici), which the pool avoids.
 */
import { performance } from 'node:perf_hooks';
import { createMcpPool, type McpServerSpec } from '@aura/core';
import { startTestMcpHttpServer, testMcpStdioCommand } from '@aura/testkit';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const quick = process.argv.includes('--quick');
const HTTP_BLOCKS = quick ? 4 : 10;
const HTTP_BLOCK_SIZE = quick ? 100 : 300;
const CONNECT_PER_CALL = quick ? 50 : 200;
const STDIO_POOLED = quick ? 100 : 500;
const STDIO_SPAWNED = quick ? 8 : 25;
const WARMUP = 200;

let phase = 'setup';
const listenerWarnings = new Map<string, number>();
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name === 'MaxListenersExceededWarning') {
    listenerWarnings.set(phase, (listenerWarnings.get(phase) ?? 0) + 1);
  } else {
    console.warn(warning);
  }
});

interface Stats {
  readonly label: string;
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
}

function stats(label: string, samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { label, samples: samples.length, p50: at(0.5), p95: at(0.95), mean };
}

async function time(samples: number[], action: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await action();
  samples.push(performance.now() - started);
}

function expectEcho(result: { content?: unknown }, message: string): void {
  const content = result.content;
  const first = Array.isArray(content) ? (content[0] as { text?: unknown } | undefined) : undefined;
  if (first?.text !== message) throw new Error(`unexpected echo result: ${JSON.stringify(result)}`);
}

async function benchHttp(): Promise<Stats[]> {
  const server = await startTestMcpHttpServer({ transport: 'streamable-http' });
  const spec: McpServerSpec = {
    transport: 'http_streamable',
    url: server.url,
    headers: {},
    headers_from_request: {},
    scratchpad: {},
  };
  const raw = new Client({ name: 'bench-raw', version: '1.0.0' });
  await raw.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  const pool = createMcpPool({ servers: { bench: spec }, healthCheckIntervalMs: 0 });
  const lease = await pool.acquire();
  const pooled = lease.servers[0];
  if (pooled === undefined || lease.statuses[0]?.status !== 'connected') throw new Error('pool did not connect');
  try {
    const rawCall = async () => {
      phase = 'http raw SDK client';
      expectEcho(await raw.callTool({ name: 'echo', arguments: { message: 'ping' } }), 'ping');
    };
    const pooledCall = async () => {
      phase = 'http pooled lease';
      expectEcho(await pooled.call('echo', { message: 'ping' }), 'ping');
    };
    for (let i = 0; i < WARMUP; i += 1) {
      await rawCall();
      await pooledCall();
    }
    const rawSamples: number[] = [];
    const pooledSamples: number[] = [];
    for (let block = 0; block < HTTP_BLOCKS; block += 1) {
      const order = block % 2 === 0 ? ([rawCall, pooledCall] as const) : ([pooledCall, rawCall] as const);
      for (const call of order) {
        const samples = call === rawCall ? rawSamples : pooledSamples;
        for (let i = 0; i < HTTP_BLOCK_SIZE; i += 1) await time(samples, call);
      }
    }
    phase = 'http connect-per-call';
    const perCall: number[] = [];
    for (let i = 0; i < CONNECT_PER_CALL; i += 1) {
      await time(perCall, async () => {
        const client = new Client({ name: 'bench-per-call', version: '1.0.0' });
        const transport = new StreamableHTTPClientTransport(new URL(server.url));
        await client.connect(transport);
        expectEcho(await client.callTool({ name: 'echo', arguments: { message: 'ping' } }), 'ping');
        await transport.terminateSession();
        await client.close();
      });
    }
    return [
      stats('http raw SDK client (connected once)', rawSamples),
      stats('http pooled lease call', pooledSamples),
      stats('http connect-per-call', perCall),
    ];
  } finally {
    await lease.release();
    await pool.close();
    await raw.close();
    await server.close();
  }
}

async function benchStdio(): Promise<Stats[]> {
  phase = 'stdio';
  const command = testMcpStdioCommand();
  const spec = (isolation: 'shared' | 'per_request'): McpServerSpec => ({
    transport: 'stdio',
    cmd: [command.command, ...command.args],
    args: [],
    env: {},
    scratchpad: {},
    isolation,
  });
  const shared = createMcpPool({ servers: { local: spec('shared') }, connect: 'eager', healthCheckIntervalMs: 0 });
  const perRequest = createMcpPool({ servers: { local: spec('per_request') }, healthCheckIntervalMs: 0 });
  try {
    const [started] = await shared.start();
    if (started?.status !== 'connected') throw new Error(`stdio pool did not connect: ${started?.reason}`);
    const firstCall = (pool: typeof shared) => async () => {
      const lease = await pool.acquire();
      try {
        const server = lease.servers[0];
        if (server === undefined || lease.statuses[0]?.status !== 'connected') throw new Error('stdio lease failed');
        expectEcho(await server.call('echo', { message: 'first' }), 'first');
      } finally {
        await lease.release();
      }
    };
    for (let i = 0; i < 20; i += 1) await firstCall(shared)();
    await firstCall(perRequest)();
    const pooled: number[] = [];
    for (let i = 0; i < STDIO_POOLED; i += 1) await time(pooled, firstCall(shared));
    const spawned: number[] = [];
    for (let i = 0; i < STDIO_SPAWNED; i += 1) await time(spawned, firstCall(perRequest));
    return [stats('stdio first call, pooled child', pooled), stats('stdio first call, spawn-per-request', spawned)];
  } finally {
    await shared.close();
    await perRequest.close();
  }
}

function row(values: readonly string[], widths: readonly number[]): string {
  return values.map((value, index) => value.padEnd(widths[index] ?? 0)).join('  ');
}

async function main(): Promise<void> {
  const [raw, pooled, perCall] = await benchHttp();
  const [stdioPooled, stdioSpawned] = await benchStdio();
  if (!raw || !pooled || !perCall || !stdioPooled || !stdioSpawned) throw new Error('missing measurements');
  const widths = [40, 8, 10, 10, 10];
  const ms = (value: number): string => `${value.toFixed(3)} ms`;
  console.log(row(['scenario', 'samples', 'p50', 'p95', 'mean'], widths));
  for (const s of [raw, pooled, perCall, stdioPooled, stdioSpawned]) {
    console.log(row([s.label, String(s.samples), ms(s.p50), ms(s.p95), ms(s.mean)], widths));
  }
  const pooledVsRaw = pooled.p50 / raw.p50;
  const perCallVsPooled = perCall.p50 / pooled.p50;
  const stdioSpeedup = stdioSpawned.p50 / stdioPooled.p50;
  const checks = [
    { name: 'pooled / raw (p50)', value: pooledVsRaw, target: '≤ 1.10', ok: pooledVsRaw <= 1.1 },
    { name: 'connect-per-call / pooled (p50)', value: perCallVsPooled, target: '(info)', ok: true },
    { name: 'stdio spawn / pooled (p50)', value: stdioSpeedup, target: '≥ 10', ok: stdioSpeedup >= 10 },
  ];
  console.log('');
  console.log(row(['ratio', 'value', 'target', 'result'], [34, 10, 8, 6]));
  for (const check of checks) {
    console.log(
      row([check.name, `${check.value.toFixed(2)}×`, check.target, check.ok ? 'ok' : 'MISSED'], [34, 10, 8, 6]),
    );
  }
  console.log('');
  const warned = [...listenerWarnings.entries()].map(([name, count]) => `${name}: ${count}`).join(', ');
  console.log(`MaxListenersExceededWarning by phase: ${warned === '' ? 'none' : warned}`);
  if (checks.some((check) => !check.ok)) process.exitCode = 1;
}

await main();
