import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AuraError } from '@aura/events';
import type { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createTestMcpServer, type TestMcpServer, type TestMcpServerOptions } from './create-test-mcp-server.js';
import { createSseEndpoints } from './sse-endpoint.js';
import { createStreamableHttpEndpoint } from './streamable-http-endpoint.js';
import { sendJsonRpcError, TestMcpHttpSessions } from './test-mcp-http-sessions.js';
import { TestMcpLog } from './test-mcp-log.js';
import type { TestMcpTool } from './test-mcp-tool.js';

/** The HTTP transports a test MCP server can speak. */
export type TestMcpHttpTransport = 'streamable-http' | 'sse';

/** Options of {@link startTestMcpHttpServer}. */
export interface StartTestMcpHttpServerOptions extends Omit<TestMcpServerOptions, 'extraTools' | 'log'> {
  readonly transport: TestMcpHttpTransport;
  /** Port to listen on. Default 0 (ephemeral). Pass a previous server's `port` to restart on the same port. */
  readonly port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** Endpoint path. Default `/mcp` (streamable HTTP) or `/sse` (SSE; messages are POSTed to `/messages`). */
  readonly path?: string;
  /** Shared log. Default: a fresh `TestMcpLog`, available as `server.log`. */
  readonly log?: TestMcpLog;
  /** Extra tools served by every session (see also `addTool`). */
  readonly extraTools?: readonly TestMcpTool[];
  /** A session idle for longer than this many milliseconds is forgotten at its next request (→ 404). Default: never. */
  readonly sessionTtlMs?: number;
}

/** A running HTTP test MCP server; see {@link startTestMcpHttpServer}. */
export interface TestMcpHttpServer {
  readonly transport: TestMcpHttpTransport;
  /** Full endpoint URL: `http://127.0.0.1:<port>/mcp` (streamable HTTP) or `…/sse` (SSE). */
  readonly url: string;
  readonly port: number;
  readonly log: TestMcpLog;
  /** Ids of the live sessions. */
  sessionIds(): string[];
  /**
   * Forgets (and closes) every live session, logging `session-expired`: the next request naming one of their
   * ids gets HTTP 404, so clients must re-initialize. Resolves with the number of sessions expired.
   */
  expireSessions(): Promise<number>;
  /** Adds (or replaces, by name) a tool for all sessions, current and future, and sends `tools/list_changed`. */
  addTool(tool: TestMcpTool): void;
  /** Removes a tool added with `addTool`/`extraTools`; sends `tools/list_changed` when it existed. */
  removeTool(name: string): boolean;
  /** Sends `notifications/tools/list_changed` on every live session. */
  notifyToolsChanged(): void;
  /** Closes every session and socket (keep-alive included) and stops listening. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts a test MCP server over streamable HTTP (stateful: one session = one transport + one
 * `createTestMcpServer` instance, `mcp-session-id` header) or legacy HTTP+SSE (`GET /sse` + `POST
 * /messages?sessionId=`), on `node:http`. Every session shares one `TestMcpLog`; `whoami` and `call` log events
 * see the headers of the HTTP request each call arrived with. Rejects with an `AuraError` `CONFIG_INVALID`
 * when the port cannot be listened on (e.g. in use) or the options are invalid.
 */
export async function startTestMcpHttpServer(options: StartTestMcpHttpServerOptions): Promise<TestMcpHttpServer> {
  const {
    transport,
    port = 0,
    host = '127.0.0.1',
    path,
    log = new TestMcpLog(),
    sessionTtlMs,
    extraTools,
    ...rest
  } = options;
  const serverName = rest.name ?? 'aura-test-mcp';
  const endpointPath = path ?? (transport === 'sse' ? '/sse' : '/mcp');
  const messagesPath = '/messages';
  const tools = new Map<string, TestMcpTool>(
    (extraTools ?? []).map((tool): [string, TestMcpTool] => [tool.name, tool]),
  );
  const serverOptions: TestMcpServerOptions = { ...rest, log, extraTools: () => [...tools.values()] };
  // Build one server up front so invalid options fail here, not at the first client connection.
  createTestMcpServer(serverOptions);
  const newServer = (): TestMcpServer => createTestMcpServer(serverOptions);

  let handle: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;
  let sessions: TestMcpHttpSessions<StreamableHTTPServerTransport> | TestMcpHttpSessions<SSEServerTransport>;
  if (transport === 'streamable-http') {
    const streamableSessions = new TestMcpHttpSessions<StreamableHTTPServerTransport>({
      log,
      serverName,
      ttlMs: sessionTtlMs,
    });
    const endpoint = createStreamableHttpEndpoint({
      sessions: streamableSessions,
      createServer: newServer,
      log,
      serverName,
    });
    sessions = streamableSessions;
    handle = (request, response, url) =>
      url.pathname === endpointPath ? endpoint(request, response) : notFound(response, url);
  } else {
    const sseSessions = new TestMcpHttpSessions<SSEServerTransport>({ log, serverName, ttlMs: sessionTtlMs });
    const endpoints = createSseEndpoints({
      sessions: sseSessions,
      createServer: newServer,
      log,
      serverName,
      messagesPath,
    });
    sessions = sseSessions;
    handle = async (request, response, url) => {
      if (url.pathname === endpointPath && request.method === 'GET') return endpoints.stream(request, response);
      if (url.pathname === messagesPath && request.method === 'POST') return endpoints.messages(request, response, url);
      return notFound(response, url);
    };
  }

  const httpServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://test-mcp.invalid');
    handle(request, response, url).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      log.record({ type: 'error', server: serverName, message: `${request.method} ${url.pathname}: ${message}` });
      sendJsonRpcError(response, 500, -32603, `Internal error: ${message}`);
    });
  });
  const sockets = new Set<Socket>();
  httpServer.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const boundPort = await listen(httpServer, port, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  const notifyToolsChanged = (): void => {
    for (const server of sessions.servers()) server.sendToolListChanged();
  };
  return {
    transport,
    url: `http://${urlHost}:${boundPort}${endpointPath}`,
    port: boundPort,
    log,
    sessionIds: () => sessions.ids(),
    expireSessions: () => sessions.expireAll(),
    addTool: (tool) => {
      tools.set(tool.name, tool);
      notifyToolsChanged();
    },
    removeTool: (name) => {
      const removed = tools.delete(name);
      if (removed) notifyToolsChanged();
      return removed;
    },
    notifyToolsChanged,
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        await sessions.closeAll();
        const socketsClosed = [...sockets].map(
          (socket) =>
            new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve()))),
        );
        httpServer.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await Promise.all([stopped, ...socketsClosed]);
        // Let in-process clients see their keep-alive sockets close before anyone reconnects to this port;
        // otherwise their next request may go out on a dead pooled socket ("other side closed").
        await new Promise<void>((resolve) => setImmediate(resolve));
      })();
      return closing;
    },
  };
}

function notFound(response: ServerResponse, url: URL): Promise<void> {
  response.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: ${url.pathname}`);
  return Promise.resolve();
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new AuraError('CONFIG_INVALID', `Test MCP server cannot listen on ${host}:${port}: ${error.message}`, {
          cause: error,
          data: { host, port },
        }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
