import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client, ProtocolError, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_TOOL_INPUT_SCHEMA, AWKWARD_TOOL_NAME } from '../src/mcp/awkward-tool.js';
import { TEST_MCP_FIXTURES } from '../src/mcp/builtin-tools.js';
import { TEST_MCP_BUILTIN_TOOL_NAMES } from '../src/mcp/create-test-mcp-server.js';
import { followTestMcpLogFile } from '../src/mcp/follow-test-mcp-log-file.js';
import { largeOutputText } from '../src/mcp/large-output.js';
import { startTestMcpHttpServer } from '../src/mcp/start-test-mcp-http-server.js';
import type { TestMcpLog } from '../src/mcp/test-mcp-log.js';
import { testMcpStdioCommand } from '../src/mcp/test-mcp-stdio-command.js';

type TransportKind = 'stdio' | 'sse' | 'streamable-http';

interface Connection {
  readonly client: Client;
  readonly log: TestMcpLog;
  close(): Promise<void>;
}

async function connect(kind: TransportKind, options: { readonly pageSize?: number } = {}): Promise<Connection> {
  const client = new Client({ name: 'testkit-mcp-transports', version: '0.0.0' });
  if (kind === 'stdio') {
    const dir = mkdtempSync(join(tmpdir(), 'aura-test-mcp-'));
    const logPath = join(dir, 'log.jsonl');
    const follower = followTestMcpLogFile(logPath);
    const { command, args } = testMcpStdioCommand();
    const env: Record<string, string> = { ...getDefaultEnvironment(), AURA_TEST_MCP_LOG: logPath };
    if (options.pageSize !== undefined) env.AURA_TEST_MCP_PAGE_SIZE = String(options.pageSize);
    const transport = new StdioClientTransport({ command, args, env, stderr: 'pipe' });
    let stderr = '';
    (transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    try {
      await client.connect(transport);
    } catch (error) {
      follower.close();
      throw new Error(`stdio test server failed to start: ${String(error)}\n${stderr}`);
    }
    return {
      client,
      log: follower.log,
      close: async () => {
        await client.close();
        follower.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const server = await startTestMcpHttpServer({
    transport: kind,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
  });
  const url = new URL(server.url);
  await client.connect(kind === 'sse' ? new SSEClientTransport(url) : new StreamableHTTPClientTransport(url));
  return {
    client,
    log: server.log,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

function textOf(result: { content: readonly { type: string }[] }): string {
  return result.content.map((item) => ('text' in item && typeof item.text === 'string' ? item.text : '')).join('');
}

describe.each<TransportKind>(['stdio', 'sse', 'streamable-http'])('test MCP server over %s', (kind) => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connect(kind);
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('lists every built-in tool, the awkward one with its name and raw schema intact', async () => {
    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([...TEST_MCP_BUILTIN_TOOL_NAMES]);
    const awkward = tools.find((tool) => tool.name === AWKWARD_TOOL_NAME);
    expect(awkward?.inputSchema).toEqual(AWKWARD_TOOL_INPUT_SCHEMA);
    expect(awkward?.inputSchema.properties?.anything).toBe(true);
    const echo = tools.find((tool) => tool.name === 'echo');
    expect(echo?.inputSchema).toMatchObject({ type: 'object', properties: { message: { type: 'string' } } });
    expect(echo?.inputSchema).not.toHaveProperty('$schema');
    await connection.log.waitForType('list-tools', (event) => event.names.includes(AWKWARD_TOOL_NAME));
    await connection.log.waitForType('initialize', (event) => event.clientName === 'testkit-mcp-transports');
  });

  it('answers echo, add (with structuredContent) and the awkward tool called by its original name', async () => {
    const { client } = connection;
    expect(textOf(await client.callTool({ name: 'echo', arguments: { message: 'héllo' } }))).toBe('héllo');
    const sum = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    expect(textOf(sum)).toBe('42');
    expect(sum.structuredContent).toEqual({ sum: 42 });
    const args = { query: 'q', anything: [1, { x: null }], labels: { a: 'b' }, rows: [{ id: '1' }] };
    const weird = await client.callTool({ name: AWKWARD_TOOL_NAME, arguments: args });
    expect(weird.structuredContent).toEqual({ received: args });
    const call = await connection.log.waitForType('call', (event) => event.tool === AWKWARD_TOOL_NAME);
    expect(call.args).toEqual(args);
  });

  it('reports fail as isError, invalid arguments as isError, crash and unknown tools as JSON-RPC errors', async () => {
    const { client } = connection;
    const failed = await client.callTool({ name: 'fail', arguments: { message: 'it broke' } });
    expect(failed.isError).toBe(true);
    expect(textOf(failed)).toBe('it broke');
    const invalid = await client.callTool({ name: 'echo', arguments: { message: 7 } });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toContain('Invalid arguments for tool echo');
    const crash = client.callTool({ name: 'crash', arguments: { message: 'kaboom' } });
    await expect(crash).rejects.toBeInstanceOf(ProtocolError);
    await expect(crash).rejects.toMatchObject({ code: -32603, message: expect.stringContaining('kaboom') });
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    const crashed = await connection.log.waitForType('call-finished', (event) => event.tool === 'crash');
    expect(crashed.outcome).toBe('error');
  });

  it('returns image, embedded resources and deterministic large output', async () => {
    const { client } = connection;
    const image = await client.callTool({ name: 'image', arguments: {} });
    expect(image.content).toEqual([{ type: 'image', data: TEST_MCP_FIXTURES.imagePngBase64, mimeType: 'image/png' }]);
    const resource = await client.callTool({ name: 'resource', arguments: { blob: true } });
    expect(resource.content).toMatchObject([
      { type: 'resource', resource: { uri: TEST_MCP_FIXTURES.resourceUri, text: TEST_MCP_FIXTURES.resourceText } },
      { type: 'resource_link', uri: TEST_MCP_FIXTURES.linkUri, name: TEST_MCP_FIXTURES.linkName },
      { type: 'resource', resource: { uri: TEST_MCP_FIXTURES.blobUri, mimeType: 'application/json' } },
    ]);
    const large = await client.callTool({ name: 'large_output', arguments: { bytes: 300_000 } });
    expect(textOf(large)).toHaveLength(300_000);
    expect(textOf(large)).toBe(largeOutputText(300_000));
    const json = await client.callTool({ name: 'large_output', arguments: { bytes: 5000, format: 'json' } });
    expect(JSON.parse(textOf(json))).toHaveProperty('lines');
  });

  it('whoami reports the HTTP request headers of the call (null over stdio)', async () => {
    const whoami = await connection.client.callTool({ name: 'whoami', arguments: {} });
    if (kind === 'stdio') expect(whoami.structuredContent).toEqual({ headers: null });
    else expect(whoami.structuredContent).toMatchObject({ headers: { 'content-type': 'application/json' } });
  });

  it('sends progress notifications with the request progress token while sleep runs', async () => {
    const progress: { progress: number; total?: number | undefined; message?: string | undefined }[] = [];
    const result = await connection.client.callTool(
      { name: 'sleep', arguments: { ms: 60, steps: 3 } },
      { onprogress: (update) => progress.push(update) },
    );
    expect(textOf(result)).toBe('slept 60 ms in 3 steps');
    const expected = [1, 2, 3].map((step) => ({ progress: step, total: 3, message: `step ${step}/3` }));
    // The v2 client dispatches notifications on a microtask but responses synchronously, so the last
    // notification is dropped when it arrives in the same read as the result; the earlier ones are reliable.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual(expected.slice(0, progress.length));
    const call = await connection.log.waitForType('call', (event) => event.tool === 'sleep');
    await connection.log.waitFor(
      (event) => event.type === 'progress' && event.requestId === call.requestId && event.progress === 3,
    );
    const sent = connection.log.ofType('progress').filter((event) => event.requestId === call.requestId);
    expect(sent).toMatchObject(expected);
    // The client uses the JSON-RPC request id as progress token.
    expect(sent.map((event) => event.progressToken)).toEqual([call.requestId, call.requestId, call.requestId]);
  });

  it('delivers a client abort to the server as cancelled, and the sleep stops', async () => {
    const controller = new AbortController();
    const call = connection.client.callTool(
      { name: 'sleep', arguments: { ms: 20_000, steps: 2000 } },
      { signal: controller.signal, onprogress: () => controller.abort(new Error('user pressed stop')) },
    );
    await expect(call).rejects.toThrow();
    const cancelled = await connection.log.waitForType('cancelled', (event) => event.tool === 'sleep');
    expect(cancelled.reason).toContain('user pressed stop');
    const started = connection.log.ofType('call').find((event) => event.requestId === cancelled.requestId);
    expect(started?.args).toEqual({ ms: 20_000, steps: 2000 });
    const finished = await connection.log.waitForType(
      'call-finished',
      (event) => event.requestId === cancelled.requestId,
    );
    expect(finished.outcome).toBe('aborted');
    // The connection is still usable after the cancellation.
    expect(textOf(await connection.client.callTool({ name: 'echo', arguments: { message: 'still here' } }))).toBe(
      'still here',
    );
  });
});

describe.each<TransportKind>(['stdio', 'sse', 'streamable-http'])('paginated tools/list over %s', (kind) => {
  let connection: Connection;

  beforeAll(async () => {
    connection = await connect(kind, { pageSize: 2 });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('serves pages of two with nextCursor, and rejects a bogus cursor', async () => {
    const { client } = connection;
    const first = await client.request({ method: 'tools/list', params: {} });
    expect(first.tools.map((tool) => tool.name)).toEqual(['echo', 'add']);
    expect(typeof first.nextCursor).toBe('string');
    const names = first.tools.map((tool) => tool.name);
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor !== undefined) {
      const page = await client.listTools({ cursor });
      expect(page.tools.length).toBeLessThanOrEqual(2);
      names.push(...page.tools.map((tool) => tool.name));
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(names).toEqual([...TEST_MCP_BUILTIN_TOOL_NAMES]);
    expect(pages).toBe(Math.ceil(TEST_MCP_BUILTIN_TOOL_NAMES.length / 2));
    const all = await client.listTools();
    expect(all.tools.map((tool) => tool.name)).toEqual([...TEST_MCP_BUILTIN_TOOL_NAMES]);
    await expect(client.listTools({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: -32602 });
    await connection.log.waitForType(
      'list-tools',
      (event) => event.cursor !== undefined && event.nextCursor === undefined,
    );
  });
});
