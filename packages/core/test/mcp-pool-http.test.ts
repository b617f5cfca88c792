import {
  createMcpPool,
  createMcpTools,
  type McpLease,
  type McpPool,
  type McpPoolOptions,
  type McpToolDefinition,
  sanitizeToolSchema,
} from '@aura/core';
import { isAuraError } from '@aura/events';
import {
  AWKWARD_TOOL_INPUT_SCHEMA,
  AWKWARD_TOOL_NAME,
  defineTestMcpTool,
  mcpTextResult,
  startTestMcpHttpServer,
  type TestMcpHttpServer,
  type TestMcpHttpTransport,
} from '@aura/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpSpec, poolTransport, recordingContext, startUnauthorizedServer, unusedPort } from './mcp-test-helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startServer(
  transport: TestMcpHttpTransport,
  options: Partial<Parameters<typeof startTestMcpHttpServer>[0]> = {},
): Promise<TestMcpHttpServer> {
  const server = await startTestMcpHttpServer({ transport, ...options });
  cleanups.push(() => server.close());
  return server;
}

function pool(options: McpPoolOptions): McpPool {
  const created = createMcpPool({ connectTimeoutMs: 3000, healthCheckIntervalMs: 0, ...options });
  cleanups.push(() => created.close());
  return created;
}

async function acquire(target: McpPool, options: Parameters<McpPool['acquire']>[0] = {}): Promise<McpLease> {
  const lease = await target.acquire(options);
  cleanups.push(() => lease.release());
  return lease;
}

function server(lease: McpLease, name = 'test') {
  const found = lease.servers.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no server ${name} in lease`);
  return found;
}

describe.each(['streamable-http', 'sse'] as const)('MCP pool over %s', (transport) => {
  it('discovers every page, sanitises the awkward tool and calls it by its original name', async () => {
    const testServer = await startServer(transport, { pageSize: 3 });
    const lease = await acquire(pool({ servers: { test: httpSpec(poolTransport(testServer), testServer.url) } }));

    expect(lease.statuses).toEqual([
      { serverName: 'test', transport: poolTransport(testServer), status: 'connected', toolsCount: 10 },
    ]);
    expect(testServer.log.ofType('list-tools')).toHaveLength(4);
    const { tools, warnings } = createMcpTools(lease, { sanitizeSchemas: true });
    expect(warnings).toEqual([]);
    const awkward = tools.find((tool) => tool.originalName === AWKWARD_TOOL_NAME);
    expect(awkward).toMatchObject({ name: 'weird_tool_name_v2', kind: 'mcp', source: 'test' });
    const sanitized = sanitizeToolSchema(AWKWARD_TOOL_INPUT_SCHEMA);
    expect(sanitized.ok && awkward?.inputSchema).toEqual(sanitized.ok ? sanitized.schema : undefined);

    const output = await awkward?.execute({ query: 'logs', limit: 5 }, recordingContext());
    expect(output).toEqual({
      isError: false,
      text: JSON.stringify({ received: { limit: 5, query: 'logs' } }, null, 2),
    });
    expect(testServer.log.ofType('call').map((event) => event.tool)).toEqual([AWKWARD_TOOL_NAME]);
  });

  it('renders text, structured content, tool errors and JSON-RPC failures with single prefixes', async () => {
    const testServer = await startServer(transport);
    const lease = await acquire(pool({ servers: { test: httpSpec(poolTransport(testServer), testServer.url) } }));
    const tools = new Map(createMcpTools(lease, { sanitizeSchemas: true }).tools.map((tool) => [tool.name, tool]));
    const run = (name: string, args: Record<string, unknown>) => tools.get(name)?.execute(args, recordingContext());

    expect(await run('echo', { message: 'hello' })).toEqual({ isError: false, text: 'hello' });
    expect(await run('add', { a: 2, b: 3 })).toEqual({ isError: false, text: '{\n  "sum": 5\n}' });
    expect(await run('fail', { message: 'disk full' })).toEqual({
      isError: true,
      text: 'Tool returned an error: disk full',
    });
    expect(await run('crash', { message: 'ToolCallError: kaboom' })).toEqual({
      isError: true,
      text: 'ToolCallError: Tool execution failed: MCP error -32603: ToolCallError: kaboom',
    });
  });

  it('reports progress with the token the call went out with', async () => {
    const testServer = await startServer(transport);
    const lease = await acquire(pool({ servers: { test: httpSpec(poolTransport(testServer), testServer.url) } }));
    const context = recordingContext();
    const sleep = createMcpTools(lease, { sanitizeSchemas: true }).tools.find((tool) => tool.name === 'sleep');

    expect(await sleep?.execute({ ms: 300, steps: 3 }, context)).toEqual({
      isError: false,
      text: 'slept 300 ms in 3 steps',
    });
    const token = context.starts[0];
    expect(context.starts).toHaveLength(1);
    expect(token).toBeDefined();
    expect(context.progress).toEqual(
      [1, 2, 3].map((step) => ({
        progressToken: token,
        progress: step,
        total: 3,
        message: `step ${step}/3`,
      })),
    );
    expect(testServer.log.ofType('progress').every((event) => event.progressToken === token)).toBe(true);
  });

  it('cancels a running call on the server and rejects promptly', async () => {
    const testServer = await startServer(transport);
    const lease = await acquire(pool({ servers: { test: httpSpec(poolTransport(testServer), testServer.url) } }));
    const controller = new AbortController();
    const call = server(lease).call('sleep', { ms: 20_000 }, { signal: controller.signal });
    const called = await testServer.log.waitForType('call', (event) => event.tool === 'sleep');
    const startedAt = Date.now();
    controller.abort(new Error('client disconnected'));

    const error = await call.catch((caught: unknown) => caught);
    expect(Date.now() - startedAt).toBeLessThan(500);
    expect(isAuraError(error, 'RUN_ABORTED')).toBe(true);
    expect((error as Error).cause).toEqual(new Error('client disconnected'));
    const cancelled = await testServer.log.waitForType('cancelled');
    expect(cancelled).toMatchObject({ requestId: called.requestId, tool: 'sleep' });
  });

  it('times a call out, cancels it on the server and tells the model', async () => {
    const testServer = await startServer(transport);
    const spec = httpSpec(poolTransport(testServer), testServer.url, { call_timeout_secs: 1 });
    const lease = await acquire(pool({ servers: { test: spec } }));

    const direct = await server(lease)
      .call('sleep', { ms: 20_000 }, { timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    expect(isAuraError(direct, 'TOOL_TIMEOUT')).toBe(true);
    await testServer.log.waitForType('cancelled');

    const sleep = createMcpTools(lease, { sanitizeSchemas: true }).tools.find((tool) => tool.name === 'sleep');
    expect(await sleep?.execute({ ms: 20_000 }, recordingContext())).toEqual({
      isError: true,
      text: 'ToolCallError: Tool execution failed: timed out after 1000 ms',
    });
  });

  it('reconnects after the server restarts on the same port between two runs', async () => {
    const first = await startTestMcpHttpServer({ transport });
    const mcp = pool({ servers: { test: httpSpec(poolTransport(first), first.url) } });
    const lease1 = await acquire(mcp);
    expect((await server(lease1).call('echo', { message: 'one' })).content).toEqual([{ type: 'text', text: 'one' }]);
    await lease1.release();
    await first.close();

    const second = await startServer(transport, { port: first.port });
    const lease2 = await acquire(mcp);
    expect(lease2.statuses[0]?.status).toBe('connected');
    expect((await server(lease2).call('echo', { message: 'two' })).content).toEqual([{ type: 'text', text: 'two' }]);
    expect(second.log.ofType('call')).toHaveLength(1);
  });

  it('re-initializes transparently when the session expired and runs the call exactly once', async () => {
    const testServer = await startServer(transport);
    const mcp = pool({ servers: { test: httpSpec(poolTransport(testServer), testServer.url) } });
    const lease = await acquire(mcp);
    await testServer.log.waitForType('stream-opened');
    expect(await testServer.expireSessions()).toBe(1);

    const expired = testServer.log.ofType('session-expired').map((event) => event.sessionId);
    const result = await server(lease).call('echo', { message: 'again' });
    expect(result.content).toEqual([{ type: 'text', text: 'again' }]);
    expect(testServer.sessionIds()).toHaveLength(1);
    expect(expired).not.toContain(testServer.sessionIds()[0]);
    expect(testServer.log.ofType('call')).toHaveLength(1);
    expect(mcp.mcpStatusSnapshot()[0]).toMatchObject({ status: 'connected', toolsCount: 10 });
  });

  it('refreshes the tool list on tools/list_changed', async () => {
    const testServer = await startServer(transport);
    let changed: (tools: readonly McpToolDefinition[]) => void = () => {};
    const refreshed = new Promise<readonly McpToolDefinition[]>((resolve) => {
      changed = resolve;
    });
    const lease = await acquire(
      pool({
        servers: { test: httpSpec(poolTransport(testServer), testServer.url) },
        onToolsChanged: ({ tools }) => changed(tools),
      }),
    );
    await testServer.log.waitForType('stream-opened');
    testServer.addTool(
      defineTestMcpTool({
        name: 'greet',
        input: z.object({ name: z.string() }),
        call: ({ name }) => mcpTextResult(`hi ${name}`),
      }),
    );

    expect((await refreshed).map((tool) => tool.name)).toContain('greet');
    const greet = createMcpTools(lease, { sanitizeSchemas: true }).tools.find((tool) => tool.name === 'greet');
    expect(await greet?.execute({ name: 'Ada' }, recordingContext())).toEqual({ isError: false, text: 'hi Ada' });
  });

  it('keeps forwarded headers per caller and shares one connection per identity', async () => {
    const testServer = await startServer(transport);
    const spec = httpSpec(poolTransport(testServer), testServer.url, {
      headers: { 'X-Static': 'static', Authorization: 'fallback' },
      headers_from_request: { Authorization: 'x-user-token' },
    });
    const mcp = pool({ servers: { test: spec } });
    const [alice, bob] = await Promise.all([
      acquire(mcp, { forwardedHeaders: { 'X-User-Token': 'Bearer alice' } }),
      acquire(mcp, { forwardedHeaders: new Headers({ 'x-user-token': 'Bearer bob' }) }),
    ]);
    const whoami = async (lease: McpLease) => (await server(lease).call('whoami', {})).structuredContent;
    const [aliceSees, bobSees] = await Promise.all([whoami(alice), whoami(bob)]);
    expect(aliceSees).toMatchObject({ headers: { authorization: 'Bearer alice', 'x-static': 'static' } });
    expect(bobSees).toMatchObject({ headers: { authorization: 'Bearer bob', 'x-static': 'static' } });
    expect(testServer.sessionIds()).toHaveLength(2);

    const aliceAgain = await acquire(mcp, { forwardedHeaders: { 'x-user-token': 'Bearer alice' } });
    const anonymous = await acquire(mcp);
    expect(await whoami(aliceAgain)).toMatchObject({ headers: { authorization: 'Bearer alice' } });
    expect(await whoami(anonymous)).toMatchObject({ headers: { authorization: 'fallback' } });
    expect(testServer.sessionIds()).toHaveLength(3);
  });

  it('fails a server that is not listening fast, with a clear reason, and still leases the others', async () => {
    const port = await unusedPort();
    const testServer = await startServer(transport);
    const mcp = pool({
      servers: {
        dead: httpSpec(poolTransport(testServer), `http://127.0.0.1:${port}/mcp`),
        test: httpSpec(poolTransport(testServer), testServer.url),
      },
    });
    const startedAt = Date.now();
    const lease = await acquire(mcp);

    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(lease.statuses.map((status) => [status.serverName, status.status])).toEqual([
      ['dead', 'failed'],
      ['test', 'connected'],
    ]);
    expect(lease.statuses[0]?.reason).toMatch(/^Connection failed: .*ECONNREFUSED/);
    expect(createMcpTools(lease, { sanitizeSchemas: true }).tools.every((tool) => tool.source === 'test')).toBe(true);
    expect(mcp.mcpStatusSnapshot()[0]).toMatchObject({ serverName: 'dead', status: 'failed' });
  });

  it('reports a 401 with the reference text', async () => {
    const unauthorized = await startUnauthorizedServer();
    cleanups.push(() => unauthorized.close());
    const lease = await acquire(
      pool({ servers: { secure: httpSpec(poolTransport(await startServer(transport)), unauthorized.url) } }),
    );
    const label = transport === 'sse' ? 'SSE' : 'HTTP';
    expect(lease.statuses[0]).toEqual({
      serverName: 'secure',
      transport: transport === 'sse' ? 'sse' : 'http_streamable',
      status: 'failed',
      toolsCount: 0,
      reason:
        `${label} MCP server 'secure' authentication failed (401 Unauthorized). ` +
        'Check that your headers, forwarded headers, and/or credentials are correct.',
    });
  });

  it('fails a call promptly when the server dies mid-call', async () => {
    const testServer = await startTestMcpHttpServer({ transport });
    const lease = await acquire(pool({ servers: { test: httpSpec(poolTransport(testServer), testServer.url) } }));
    const outcome = server(lease)
      .call('sleep', { ms: 20_000 })
      .then(
        () => 'resolved',
        (error: unknown) => error,
      );
    await testServer.log.waitForType('call');
    const startedAt = Date.now();
    await testServer.close();

    const error = await outcome;
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(isAuraError(error, 'MCP_CALL_FAILED')).toBe(true);
  });

  it('ends the session on close', async () => {
    const testServer = await startServer(transport);
    const mcp = pool({ servers: { test: httpSpec(poolTransport(testServer), testServer.url) } });
    const lease = await acquire(mcp);
    await lease.release();
    await mcp.close();
    await testServer.log.waitForType('session-closed');
    expect(testServer.sessionIds()).toEqual([]);
    await expect(mcp.acquire()).rejects.toSatisfy((error: unknown) => isAuraError(error, 'RUN_ABORTED'));
  });
});
