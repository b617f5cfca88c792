import { AuraError } from '@aura/events';
import { ProtocolError } from '@modelcontextprotocol/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createToolNameMap } from '../tools/tool-name-registry.js';
import { createMcpTools } from './create-mcp-tools.js';
import type { McpLeaseServer } from './mcp-lease.js';
import { loadMcpSdk } from './mcp-sdk.js';
import type {
  McpCallOptions,
  McpCallToolResult,
  McpServerSpec,
  McpToolDefinition,
  McpTransportName,
} from './mcp-types.js';

// SDK errors are recognised once a connection has loaded the SDK (mcp-sdk.ts); these tests make them directly.
beforeAll(() => loadMcpSdk());

type Call = { tool: string; args: Readonly<Record<string, unknown>>; options: McpCallOptions | undefined };

function leaseServer(
  name: string,
  transport: McpTransportName,
  tools: readonly McpToolDefinition[],
  respond: (call: Call) => McpCallToolResult | Promise<McpCallToolResult> = () => ({ content: [] }),
  extra: { prefix_tools?: boolean; connected?: boolean } = {},
): McpLeaseServer & { calls: Call[] } {
  const spec: McpServerSpec =
    transport === 'stdio'
      ? { transport, cmd: ['x'], args: [], env: {}, scratchpad: {}, prefix_tools: extra.prefix_tools }
      : {
          transport,
          url: 'http://x.invalid',
          headers: {},
          headers_from_request: {},
          scratchpad: {},
          prefix_tools: extra.prefix_tools,
        };
  const calls: Call[] = [];
  const connected = extra.connected !== false;
  return {
    name,
    transport,
    spec,
    status: connected
      ? { serverName: name, transport, status: 'connected', toolsCount: tools.length }
      : { serverName: name, transport, status: 'failed', toolsCount: 0, reason: 'Connection failed: x' },
    tools,
    pid: undefined,
    calls,
    call: async (tool, args, options) => {
      const call = { tool, args, options };
      calls.push(call);
      return respond(call);
    },
  };
}

const tool = (
  name: string,
  inputSchema: Record<string, unknown> = { type: 'object', properties: {} },
): McpToolDefinition => ({
  name,
  description: `${name} tool`,
  inputSchema,
});

const context = () => ({ toolCallId: 'c1', signal: new AbortController().signal });

describe('createMcpTools', () => {
  it('orders by transport then server name, filters on sanitised names and registers collision-safe names', () => {
    const lease = {
      servers: [
        leaseServer('b-stdio', 'stdio', [tool('search')]),
        leaseServer('z-http', 'http_streamable', [tool('logs.search'), tool('search')]),
        leaseServer('a-sse', 'sse', [tool('search'), tool('hidden')]),
        leaseServer('a-http', 'http_streamable', [tool('search')]),
        leaseServer('down', 'http_streamable', [tool('never')], undefined, { connected: false }),
      ],
    };
    const { tools, warnings } = createMcpTools(lease, { sanitizeSchemas: true, filter: ['*search'] });
    expect(tools.map((t) => [t.source, t.originalName, t.name])).toEqual([
      ['a-http', 'search', 'search'],
      ['z-http', 'logs.search', 'logs_search'],
      ['z-http', 'search', 'z-http__search'],
      ['a-sse', 'search', 'a-sse__search'],
      ['b-stdio', 'search', 'b-stdio__search'],
    ]);
    expect(warnings).toHaveLength(3);
    expect(tools.every((t) => t.kind === 'mcp')).toBe(true);
    expect(createMcpTools(lease, { sanitizeSchemas: true, filter: [] }).tools).toEqual([]);
    const httpOnly = createMcpTools(lease, { sanitizeSchemas: true, transports: ['http_streamable', 'sse'] });
    expect(httpOnly.tools.some((t) => t.source === 'b-stdio')).toBe(false);
  });

  it('prefixes tools of prefix_tools servers and shares a registry across calls', () => {
    const names = createToolNameMap();
    const lease = { servers: [leaseServer('logs', 'sse', [tool('query')], undefined, { prefix_tools: true })] };
    const first = createMcpTools(lease, { sanitizeSchemas: false, names, filter: ['logs__*'] });
    expect(first.tools.map((t) => [t.name, t.originalName])).toEqual([['logs__query', 'query']]);
    expect(names.resolve('logs__query')).toMatchObject({ source: 'logs' });
  });

  it('drops tools whose schema root is not an object when sanitising, with the reference reason', () => {
    const lease = {
      servers: [leaseServer('s', 'http_streamable', [tool('bad', { type: 'string' }), tool('ok', { type: 'object' })])],
    };
    const sanitized = createMcpTools(lease, { sanitizeSchemas: true });
    expect(sanitized.tools.map((t) => t.name)).toEqual(['ok']);
    expect(sanitized.tools[0]?.inputSchema).toEqual({ type: 'object', properties: {}, additionalProperties: false });
    expect(sanitized.warnings).toEqual([
      "MCP server 's': skipping tool 'bad': Invalid MCP tool schema: root must be type 'object', got 'string'. " +
        'This is an MCP server bug - the server is returning a type definition as a tool.',
    ]);
    expect(createMcpTools(lease, { sanitizeSchemas: false }).tools.map((t) => t.name)).toEqual(['bad', 'ok']);
  });

  it('calls with the original name and the context, and renders results', async () => {
    const server = leaseServer('s', 'http_streamable', [tool('get.weather')], () => ({
      content: [{ type: 'text', text: 'sunny' }],
    }));
    const [weather] = createMcpTools({ servers: [server] }, { sanitizeSchemas: true }).tools;
    const signal = new AbortController().signal;
    const onStart = () => {};
    expect(await weather?.execute({ city: 'Oslo' }, { toolCallId: 'c', signal, onStart })).toEqual({
      isError: false,
      text: 'sunny',
    });
    expect(server.calls[0]).toMatchObject({
      tool: 'get.weather',
      args: { city: 'Oslo' },
      options: { signal, onStart },
    });
    await weather?.execute(['not', 'an', 'object'] as unknown as Record<string, unknown>, context());
    expect(server.calls[1]?.args).toEqual({});
  });

  it('turns failures into single-prefixed text, timeouts into their own text, and rethrows aborts', async () => {
    const failures: unknown[] = [
      new ProtocolError(-32603, 'ToolCallError: Tool execution failed: boom'),
      new AuraError('TOOL_TIMEOUT', 'slow', { data: { timeoutMs: 250 } }),
      new AuraError('MCP_CONNECT_FAILED', 'Connection failed: fetch failed'),
      new Error('x'.repeat(20_000)),
    ];
    const server = leaseServer('s', 'sse', [tool('t')], () => {
      throw failures.shift();
    });
    const [t] = createMcpTools({ servers: [server] }, { sanitizeSchemas: true }).tools;
    expect(await t?.execute({}, context())).toEqual({
      isError: true,
      text: 'ToolCallError: Tool execution failed: MCP error -32603: ToolCallError: Tool execution failed: boom',
    });
    expect(await t?.execute({}, context())).toEqual({
      isError: true,
      text: 'ToolCallError: Tool execution failed: timed out after 250 ms',
    });
    expect(await t?.execute({}, context())).toEqual({
      isError: true,
      text: 'ToolCallError: Tool execution failed: Connection failed: fetch failed',
    });
    const bounded = await t?.execute({}, context());
    expect(bounded?.text).toContain('[tool error truncated:');
    const aborted = new AuraError('RUN_ABORTED', 'cancelled');
    const abortingServer = leaseServer('s', 'sse', [tool('t')], () => {
      throw aborted;
    });
    const [a] = createMcpTools({ servers: [abortingServer] }, { sanitizeSchemas: true }).tools;
    await expect(a?.execute({}, context())).rejects.toBe(aborted);
  });
});
