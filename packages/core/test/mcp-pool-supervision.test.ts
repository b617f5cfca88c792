import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createMcpPool, createMcpPoolFromConfig, type McpPool, type McpPoolOptions } from '@aura/core';
import { isAuraError } from '@aura/events';
import { startTestMcpHttpServer, type TestMcpHttpServer, testMcpStdioCommand } from '@aura/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { httpSpec, processAlive, requirePid, stdioSpec, unusedPort } from './mcp-test-helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(port = 0): Promise<TestMcpHttpServer> {
  const server = await startTestMcpHttpServer({ transport: 'streamable-http', port });
  cleanups.push(() => server.close());
  return server;
}

function pool(options: McpPoolOptions): McpPool {
  const created = createMcpPool({ connectTimeoutMs: 3000, healthCheckIntervalMs: 0, ...options });
  cleanups.push(() => created.close());
  return created;
}

/** An HTTP server that accepts requests and never answers them. */
async function startSilentServer(): Promise<string> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
}

describe('MCP pool supervision', () => {
  it('connects nothing before start/acquire, and eager start connects every shared server', async () => {
    const server = await startServer();
    const lazy = pool({ servers: { test: httpSpec('http_streamable', server.url) } });
    expect(await lazy.start()).toEqual([
      { serverName: 'test', transport: 'http_streamable', status: 'not_attempted', toolsCount: 0 },
    ]);
    expect(server.sessionIds()).toHaveLength(0);

    const eager = pool({ connect: 'eager', servers: { test: httpSpec('http_streamable', server.url) } });
    expect((await eager.start())[0]).toMatchObject({ status: 'connected', toolsCount: 10 });
    expect(server.sessionIds()).toHaveLength(1);
    const lease = await eager.acquire();
    cleanups.push(() => lease.release());
    expect(server.sessionIds()).toHaveLength(1);
  });

  it('fails fast inside the backoff window and reconnects on demand once the server is up', async () => {
    const port = await unusedPort();
    const url = `http://127.0.0.1:${port}/mcp`;
    const patient = pool({
      connect: 'eager',
      reconnectBackoff: { baseMs: 60_000, maxMs: 60_000 },
      servers: { s: httpSpec('http_streamable', url) },
    });
    const [failed] = await patient.start();
    expect(failed).toMatchObject({ status: 'failed', reason: expect.stringMatching(/ECONNREFUSED/) });

    const server = await startServer(port);
    const inWindow = await patient.acquire();
    cleanups.push(() => inWindow.release());
    expect(inWindow.statuses[0]).toEqual(failed);
    expect(server.sessionIds()).toHaveLength(0);

    const laterPort = await unusedPort();
    const recovering = pool({
      connect: 'eager',
      reconnectBackoff: { baseMs: 1, maxMs: 1 },
      servers: { s: httpSpec('http_streamable', `http://127.0.0.1:${laterPort}/mcp`) },
    });
    expect((await recovering.start())[0]?.status).toBe('failed');
    const later = await startServer(laterPort);
    // The behaviour under test is time-based: let the 1 ms backoff window pass for sure.
    await delay(5);
    const lease = await recovering.acquire();
    cleanups.push(() => lease.release());
    expect(lease.statuses[0]).toMatchObject({ status: 'connected', toolsCount: 10 });
    expect(later.sessionIds()).toHaveLength(1);
    expect(lease.statuses[0]?.status).toBe('connected');
  });

  it('bounds a connection attempt to a silent server by the connect timeout', async () => {
    const url = await startSilentServer();
    const mcp = pool({ connectTimeoutMs: 300, servers: { silent: httpSpec('http_streamable', url) } });
    const startedAt = Date.now();
    const lease = await mcp.acquire();
    cleanups.push(() => lease.release());
    expect(Date.now() - startedAt).toBeLessThan(1500);
    expect(lease.statuses[0]).toMatchObject({ status: 'failed', reason: 'Connection failed: timed out after 300 ms' });
  });

  it('rejects acquire promptly with RUN_ABORTED when the caller goes away', async () => {
    const url = await startSilentServer();
    const mcp = pool({ connectTimeoutMs: 10_000, servers: { silent: httpSpec('http_streamable', url) } });
    const controller = new AbortController();
    const pending = mcp.acquire({ signal: controller.signal }).catch((error: unknown) => error);
    controller.abort(new Error('client disconnected'));
    const error = await pending;
    expect(isAuraError(error, 'RUN_ABORTED')).toBe(true);
    expect((error as Error).cause).toEqual(new Error('client disconnected'));
    await expect(mcp.acquire({ signal: AbortSignal.abort('gone') })).rejects.toSatisfy((caught: unknown) =>
      isAuraError(caught, 'RUN_ABORTED'),
    );
  });

  it('bounds header-keyed connections per server and closes the evicted ones', async () => {
    const server = await startServer();
    const mcp = pool({
      maxForwardedConnectionsPerServer: 2,
      servers: {
        s: httpSpec('http_streamable', server.url, { headers_from_request: { authorization: 'authorization' } }),
      },
    });
    for (const user of ['u1', 'u2', 'u3']) {
      const lease = await mcp.acquire({ forwardedHeaders: { authorization: `Bearer ${user}` } });
      await lease.servers[0]?.call('echo', { message: user });
      await lease.release();
    }
    const closed = await server.log.waitForType('session-closed');
    const firstSession = server.log.ofType('initialize')[0]?.sessionId;
    expect(closed.sessionId).toBe(firstSession);
    expect(server.sessionIds()).toHaveLength(2);
  });

  it('takes a hung stdio server out of service by health check and respawns it on the next run', async () => {
    let warned: (message: string) => void = () => {};
    const healthFailure = new Promise<string>((resolve) => {
      warned = resolve;
    });
    const mcp = pool({
      connectTimeoutMs: 1500,
      healthCheckIntervalMs: 50,
      logger: {
        debug: () => {},
        info: () => {},
        warn: (message) => {
          if (message.includes('health check failed')) warned(message);
        },
        error: () => {},
      },
      servers: { local: stdioSpec(testMcpStdioCommand()) },
    });
    const lease = await mcp.acquire();
    const pid = requirePid(lease.servers[0]?.pid);
    await lease.release();
    process.kill(pid, 'SIGSTOP');
    cleanups.push(async () => {
      if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    });

    expect(await healthFailure).toMatch(/ping failed|timed out/i);
    expect(mcp.mcpStatusSnapshot()[0]).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^ping failed/),
    });
    process.kill(pid, 'SIGCONT');
    const next = await mcp.acquire();
    cleanups.push(() => next.release());
    expect(next.servers[0]?.pid).not.toBe(pid);
    expect((await next.servers[0]?.call('echo', { message: 'alive' }))?.content).toEqual([
      { type: 'text', text: 'alive' },
    ]);
  });

  it('builds a pool from the [mcp] table', async () => {
    const server = await startServer();
    const table = { url: server.url, headers: {}, headers_from_request: {}, scratchpad: {}, prefix_tools: false };
    const mcp = createMcpPoolFromConfig(
      {
        sanitize_schemas: true,
        connect: 'lazy',
        servers: { b: { transport: 'http_streamable', ...table }, a: { transport: 'sse', ...table } },
      },
      { healthCheckIntervalMs: 0 },
    );
    cleanups.push(() => mcp.close());
    expect(mcp.serverNames).toEqual(['a', 'b']);
    expect(await mcp.start()).toEqual([
      { serverName: 'a', transport: 'sse', status: 'not_attempted', toolsCount: 0 },
      { serverName: 'b', transport: 'http_streamable', status: 'not_attempted', toolsCount: 0 },
    ]);
    expect(createMcpPoolFromConfig(undefined).serverNames).toEqual([]);
    expect(() => createMcpPool({ servers: {}, connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs/);
  });
});
