import { AuraError } from '@aura/events';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  type JSONRPCMessage,
  ListToolsRequestSchema,
  type ListToolsResult,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { AWKWARD_TOOL_NAME, awkwardTool } from './awkward-tool.js';
import { BUILTIN_TOOLS } from './builtin-tools.js';
import { TestMcpLog } from './test-mcp-log.js';
import type { TestMcpTool, TestMcpToolContext } from './test-mcp-tool.js';

/** Names of the built-in tools, in listing order. */
export const TEST_MCP_BUILTIN_TOOL_NAMES = [
  'echo',
  'add',
  'sleep',
  'large_output',
  'fail',
  'crash',
  'whoami',
  'image',
  'resource',
  AWKWARD_TOOL_NAME,
] as const;

/** One built-in tool name. */
export type TestMcpBuiltinToolName = (typeof TEST_MCP_BUILTIN_TOOL_NAMES)[number];

/** Options of {@link createTestMcpServer}. */
export interface TestMcpServerOptions {
  /** `serverInfo.name`, also stamped on every log event as `server`. Default `aura-test-mcp`. */
  readonly name?: string;
  /** `serverInfo.version`. Default `1.0.0`. */
  readonly version?: string;
  /** The built-in tools to serve (in this order). Default: all of {@link TEST_MCP_BUILTIN_TOOL_NAMES}. */
  readonly tools?: readonly TestMcpBuiltinToolName[];
  /**
   * More tools, listed after the built-ins; one with a built-in's name replaces it. A function is called on
   * every `tools/list` and `tools/call`, so the set can change while the server runs (send
   * `sendToolListChanged()` after changing it).
   */
  readonly extraTools?: readonly TestMcpTool[] | (() => readonly TestMcpTool[]);
  /** Serve `tools/list` in pages of this many tools, with an opaque `nextCursor`. Default: one page. */
  readonly pageSize?: number;
  /** Where the server records what happens. Default: a fresh, private `TestMcpLog`. */
  readonly log?: TestMcpLog;
}

const cancelledParamsSchema = z.object({
  requestId: z.union([z.string(), z.number()]),
  reason: z.string().optional(),
});

const builtinByName = new Map<string, TestMcpTool>(
  [...BUILTIN_TOOLS, awkwardTool].map((tool): [string, TestMcpTool] => [tool.name, tool]),
);

/**
 * The test MCP server: an SDK `McpServer` whose `tools/list` and `tools/call` are served by raw handlers
 * (raw JSON Schemas, pagination, JSON-RPC errors from throwing tools), and which records everything in its
 * {@link TestMcpLog}. Serve one instance per connection. Do not call `registerTool` on it: the tool handlers
 * are taken, and it throws.
 */
export class TestMcpServer extends McpServer {
  /** The log this server records into. */
  readonly log: TestMcpLog;
  readonly #name: string;
  readonly #options: TestMcpServerOptions;
  readonly #inFlight = new Map<string | number, string>();

  constructor(options: TestMcpServerOptions = {}) {
    const name = options.name ?? 'aura-test-mcp';
    super({ name, version: options.version ?? '1.0.0' }, { capabilities: { tools: { listChanged: true } } });
    if (options.pageSize !== undefined && !(Number.isInteger(options.pageSize) && options.pageSize > 0)) {
      throw new AuraError('CONFIG_INVALID', `Test MCP server "${name}": pageSize must be a positive integer`, {
        data: { pageSize: options.pageSize },
      });
    }
    for (const tool of options.tools ?? []) {
      // Checked at run time too: JavaScript callers and the stdio entry's environment are not type-checked.
      if (!builtinByName.has(tool)) {
        throw new AuraError('CONFIG_INVALID', `Test MCP server "${name}": unknown built-in tool "${tool}"`, {
          data: { tool, known: TEST_MCP_BUILTIN_TOOL_NAMES },
        });
      }
    }
    this.#name = name;
    this.#options = options;
    this.log = options.log ?? new TestMcpLog();
    this.server.oninitialized = () => {
      const client = this.server.getClientVersion();
      this.log.record({
        type: 'initialize',
        server: name,
        sessionId: this.server.transport?.sessionId,
        clientName: client?.name,
        clientVersion: client?.version,
      });
    };
    this.server.onerror = (error) => {
      this.log.record({
        type: 'error',
        server: name,
        sessionId: this.server.transport?.sessionId,
        message: error.message,
      });
    };
    this.server.setRequestHandler(ListToolsRequestSchema, (request, extra) =>
      this.#listTools(request.params?.cursor, extra.sessionId),
    );
    this.server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
      this.#callTool(request.params.name, request.params.arguments ?? {}, {
        requestId: extra.requestId,
        sessionId: extra.sessionId,
        progressToken: extra._meta?.progressToken,
        headers: normalizeHeaders(extra.requestInfo?.headers),
        signal: extra.signal,
        sendNotification: extra.sendNotification,
      }),
    );
  }

  /** The tools currently served, in listing order. */
  currentTools(): TestMcpTool[] {
    const names = this.#options.tools ?? TEST_MCP_BUILTIN_TOOL_NAMES;
    const tools = new Map<string, TestMcpTool>();
    for (const name of names) {
      const tool = builtinByName.get(name);
      if (tool !== undefined) tools.set(name, tool);
    }
    const extra = this.#options.extraTools;
    for (const tool of typeof extra === 'function' ? extra() : (extra ?? [])) tools.set(tool.name, tool);
    return [...tools.values()];
  }

  /**
   * Connects like `McpServer.connect`, and also observes the transport: every `notifications/cancelled` is
   * logged as `cancelled` (with the in-flight tool it names) before the SDK aborts the request's signal, and
   * the transport closing is logged as `session-closed`.
   */
  override async connect(transport: Transport): Promise<void> {
    const previousMessage = transport.onmessage;
    transport.onmessage = (message: JSONRPCMessage, extra) => {
      previousMessage?.(message, extra);
      this.#observe(message, transport.sessionId);
    };
    const previousClose = transport.onclose;
    let closed = false;
    transport.onclose = () => {
      previousClose?.();
      if (closed) return;
      closed = true;
      this.log.record({ type: 'session-closed', server: this.#name, sessionId: transport.sessionId });
    };
    await super.connect(transport);
  }

  #observe(message: JSONRPCMessage, sessionId: string | undefined): void {
    if (!('method' in message) || message.method !== 'notifications/cancelled') return;
    const params = cancelledParamsSchema.safeParse(message.params);
    if (!params.success) return;
    const { requestId, reason } = params.data;
    const tool = this.#inFlight.get(requestId);
    this.log.record({ type: 'cancelled', server: this.#name, sessionId, requestId, tool, reason });
  }

  #listTools(cursor: string | undefined, sessionId: string | undefined): ListToolsResult {
    const tools = this.currentTools();
    const start = cursor === undefined ? 0 : decodeCursor(cursor, tools.length);
    const pageSize = this.#options.pageSize ?? tools.length;
    const end = Math.min(tools.length, start + pageSize);
    const page = tools.slice(start, end);
    const nextCursor = end < tools.length ? encodeCursor(end) : undefined;
    const names = page.map((tool) => tool.name);
    this.log.record({ type: 'list-tools', server: this.#name, sessionId, cursor, names, nextCursor });
    return { tools: page.map(describeTool), ...(nextCursor === undefined ? {} : { nextCursor }) };
  }

  async #callTool(name: string, args: Record<string, unknown>, call: CallInfo): Promise<CallToolResult> {
    const { requestId, sessionId, progressToken, headers, signal } = call;
    const server = this.#name;
    // Logged before the lookup so that calls to unknown names (e.g. a sanitised name) are visible too.
    this.log.record({ type: 'call', server, sessionId, requestId, tool: name, args, headers });
    const context: TestMcpToolContext = {
      requestId,
      sessionId,
      progressToken,
      headers,
      signal,
      sendProgress: async (update) => {
        if (progressToken === undefined || signal.aborted) return;
        await call.sendNotification({ method: 'notifications/progress', params: { progressToken, ...update } });
        this.log.record({ type: 'progress', server, sessionId, requestId, tool: name, progressToken, ...update });
      },
    };
    this.#inFlight.set(requestId, name);
    let outcome: 'ok' | 'tool-error' | 'error' = 'error';
    try {
      const tool = this.currentTools().find((candidate) => candidate.name === name);
      if (tool === undefined) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
      const result = await tool.call(args, context);
      outcome = result.isError === true ? 'tool-error' : 'ok';
      return result;
    } finally {
      this.#inFlight.delete(requestId);
      const finished = signal.aborted ? 'aborted' : outcome;
      this.log.record({ type: 'call-finished', server, sessionId, requestId, tool: name, outcome: finished });
    }
  }
}

interface CallInfo {
  readonly requestId: string | number;
  readonly sessionId: string | undefined;
  readonly progressToken: string | number | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly signal: AbortSignal;
  readonly sendNotification: (notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; total?: number; message?: string };
  }) => Promise<void>;
}

/**
 * Creates a test MCP server (an SDK `McpServer`) serving the built-in tools — `echo`, `add`, `sleep`,
 * `large_output`, `fail`, `crash`, `whoami`, `image`, `resource` and the awkward `weird.tool name/v2` — plus
 * `extraTools`. Connect it to any server transport (`StdioServerTransport`, `SSEServerTransport`,
 * `StreamableHTTPServerTransport`, an in-memory pair); one instance serves one connection.
 * Throws an `AuraError` `CONFIG_INVALID` for a bad `pageSize` or an unknown name in `tools`.
 */
export function createTestMcpServer(options: TestMcpServerOptions = {}): TestMcpServer {
  return new TestMcpServer(options);
}

function describeTool(tool: TestMcpTool): ListToolsResult['tools'][number] {
  // The SDK's Tool type narrows inputSchema to "object with object-valued properties"; we serve raw JSON
  // Schema on purpose (bare `true` properties included), so the schemas are passed through as written.
  return {
    name: tool.name,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    ...(tool.description === undefined ? {} : { description: tool.description }),
    inputSchema: tool.inputSchema as ListToolsResult['tools'][number]['inputSchema'],
    ...(tool.outputSchema === undefined
      ? {}
      : { outputSchema: tool.outputSchema as NonNullable<ListToolsResult['tools'][number]['outputSchema']> }),
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
  };
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, toolCount: number): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const offset = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!Number.isSafeInteger(offset) || offset > toolCount) {
    throw new McpError(ErrorCode.InvalidParams, `Invalid cursor: ${cursor}`);
  }
  return offset;
}

function normalizeHeaders(
  headers: Readonly<Record<string, string | readonly string[] | undefined>> | undefined,
): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  const normalized: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    normalized[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  return normalized;
}
