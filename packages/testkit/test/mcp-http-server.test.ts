import { setTimeout as delay } from 'node:timers/promises';
import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type StartTestMcpHttpServerOptions,
  startTestMcpHttpServer,
  type TestMcpHttpServer,
  type TestMcpHttpTransport,
} from '../src/mcp/start-test-mcp-http-server.js';
import { defineTestMcpTool, mcpTextResult } from '../src/mcp/test-mcp-tool.js';

const servers: TestMcpHttpServer[] = [];
const clients: Client[] = [];

afterEach(async () => {
  await Promise.allSettled(clients.splice(0).map((client) => client.close()));
  await Promise.allSettled(servers.splice(0).map((server) => server.close()));
});

async function start(options: StartTestMcpHttpServerOptions): Promise<TestMcpHttpServer> {
  const server = await startTestMcpHttpServer(options);
  servers.push(server);
  return server;
}

async function connect(
  server: TestMcpHttpServer,
  headers: Record<string, string> = {},
): Promise<{ client: Client; transport: SSEClientTransport | StreamableHTTPClientTransport }> {
  const url = new URL(server.url);
  const transport =
    server.transport === 'sse'
      ? new SSEClientTransport(url, { requestInit: { headers } })
      : new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  const client = new Client({ name: 'testkit-mcp-http', version: '0.0.0' });
  clients.push(client);
  await client.connect(transport);
  return { client, transport };
}

function textOf(result: { content: readonly { type: string }[] }): string {
  return result.content.map((item) => ('text' in item && typeof item.text === 'string' ? item.text : '')).join('');
}

/** The session id the server assigned to the newest client (from the log, which works for both transports). */
async function newestSessionId(server: TestMcpHttpServer, clientCount: number): Promise<string> {
  await server.log.waitFor(() => server.log.ofType('initialize').length >= clientCount);
  const sessionId = server.log.ofType('initialize').at(-1)?.sessionId;
  if (sessionId === undefined) throw new Error('initialize event without a session id');
  return sessionId;
}

/** A request naming `sessionId` the way each transport names it. */
function requestWithSession(server: TestMcpHttpServer, sessionId: string): Promise<Response> {
  const ping = JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'ping' });
  if (server.transport === 'sse') {
    return fetch(new URL(`/messages?sessionId=${sessionId}`, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ping,
    });
  }
  return fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-06-18',
    },
    body: ping,
  });
}

describe.each<TestMcpHttpTransport>(['sse', 'streamable-http'])('HTTP test MCP server (%s)', (transport) => {
  it('serves its endpoint URL on an ephemeral port', async () => {
    const server = await start({ transport });
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}${transport === 'sse' ? '/sse' : '/mcp'}`);
    expect((await fetch(new URL('/elsewhere', server.url))).status).toBe(404);
  });

  it('whoami reports the headers each call arrived with, isolated between concurrent clients', async () => {
    const server = await start({ transport });
    const alpha = await connect(server, { 'X-Tenant': 'alpha', Authorization: 'Bearer a' });
    const beta = await connect(server, { 'X-Tenant': 'beta', Authorization: 'Token b' });
    const [first, second] = await Promise.all([
      alpha.client.callTool({ name: 'whoami', arguments: { header: 'x-tenant' } }),
      beta.client.callTool({ name: 'whoami', arguments: {} }),
    ]);
    expect(first?.structuredContent).toEqual({ headers: { 'x-tenant': 'alpha' } });
    expect(JSON.parse(textOf(first))).toEqual({ headers: { 'x-tenant': 'alpha' } });
    expect(second?.structuredContent).toMatchObject({ headers: { 'x-tenant': 'beta', authorization: 'Token b' } });
    const calls = server.log.ofType('call').filter((event) => event.tool === 'whoami');
    expect(calls.map((event) => event.headers?.authorization).sort()).toEqual(['Bearer a', 'Token b']);
    expect(new Set(calls.map((event) => event.sessionId)).size).toBe(2);
  });

  it('restarts on the same port after close, and a fresh client connects and calls', async () => {
    const first = await start({ transport });
    const { client } = await connect(first);
    expect(textOf(await client.callTool({ name: 'echo', arguments: { message: 'one' } }))).toBe('one');
    const startedClosing = Date.now();
    await first.close();
    expect(Date.now() - startedClosing).toBeLessThan(2000);
    await first.log.waitForType('session-closed');
    const second = await start({ transport, port: first.port });
    expect(second.url).toBe(first.url);
    const fresh = await connect(second);
    expect(textOf(await fresh.client.callTool({ name: 'echo', arguments: { message: 'two' } }))).toBe('two');
  });

  it('expireSessions makes the old session id unknown: 404, and clients must initialize again', async () => {
    const server = await start({ transport });
    const { client } = await connect(server);
    await client.callTool({ name: 'echo', arguments: { message: 'before' } });
    const sessionId = await newestSessionId(server, 1);
    expect(server.sessionIds()).toEqual([sessionId]);
    expect(await server.expireSessions()).toBe(1);
    expect(server.sessionIds()).toEqual([]);
    await server.log.waitForType('session-expired', (event) => event.sessionId === sessionId);
    const response = await requestWithSession(server, sessionId);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: -32001 } });
    const rejected = await server.log.waitForType('session-rejected', (event) => event.sessionId === sessionId);
    expect(rejected.status).toBe(404);
    await expect(client.callTool({ name: 'echo', arguments: { message: 'after' } })).rejects.toThrow();
    const again = await connect(server);
    expect(textOf(await again.client.callTool({ name: 'echo', arguments: { message: 'again' } }))).toBe('again');
  });

  it('forgets a session that stayed idle past sessionTtlMs', async () => {
    const server = await start({ transport, sessionTtlMs: 20 });
    const { client } = await connect(server);
    const sessionId = await newestSessionId(server, 1);
    // Idle time is the behaviour under test, so time has to pass here.
    await delay(60);
    await expect(client.callTool({ name: 'echo', arguments: { message: 'late' } })).rejects.toThrow();
    const expired = await server.log.waitForType('session-expired', (event) => event.sessionId === sessionId);
    expect(expired.cause).toBe('ttl');
  });

  it('addTool/removeTool send tools/list_changed and change what is listed and callable', async () => {
    const server = await start({ transport, tools: ['echo'] });
    const { client } = await connect(server);
    const sessionId = await newestSessionId(server, 1);
    await server.log.waitForType('stream-opened', (event) => event.sessionId === sessionId);
    let changes = 0;
    let notifyChange: () => void = () => {};
    client.setNotificationHandler('notifications/tools/list_changed', () => {
      changes += 1;
      notifyChange();
    });
    const nextChange = (): Promise<void> =>
      new Promise((resolve) => {
        notifyChange = resolve;
      });

    const added = nextChange();
    server.addTool(
      defineTestMcpTool({
        name: 'late_tool',
        input: z.object({ n: z.number() }),
        call: ({ n }) => mcpTextResult(`late ${n}`),
      }),
    );
    await added;
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo', 'late_tool']);
    expect(textOf(await client.callTool({ name: 'late_tool', arguments: { n: 3 } }))).toBe('late 3');

    const removed = nextChange();
    expect(server.removeTool('late_tool')).toBe(true);
    await removed;
    expect(changes).toBe(2);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo']);
    expect(server.removeTool('late_tool')).toBe(false);
  });

  it('rejects an invalid configuration and a port in use with CONFIG_INVALID', async () => {
    await expect(startTestMcpHttpServer({ transport, pageSize: 0 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    const server = await start({ transport });
    await expect(startTestMcpHttpServer({ transport, port: server.port })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});

describe('streamable HTTP specifics', () => {
  it('logs session-closed when the client terminates its session with DELETE', async () => {
    const server = await start({ transport: 'streamable-http' });
    const { transport } = await connect(server);
    if (!(transport instanceof StreamableHTTPClientTransport)) throw new Error('expected streamable transport');
    const sessionId = transport.sessionId;
    expect(sessionId).toBeDefined();
    await transport.terminateSession();
    await server.log.waitForType('session-closed', (event) => event.sessionId === sessionId);
    expect(server.sessionIds()).toEqual([]);
  });

  it('answers 400 to a request without session id that is not an initialize', async () => {
    const server = await start({ transport: 'streamable-http' });
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(400);
  });
});
