import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { TestMcpServer } from './create-test-mcp-server.js';
import { onHeadWritten, readJsonBody, sendJsonRpcError, type TestMcpHttpSessions } from './test-mcp-http-sessions.js';
import type { TestMcpLog } from './test-mcp-log.js';

/** What {@link createStreamableHttpEndpoint} needs. */
export interface StreamableHttpEndpointOptions {
  readonly sessions: TestMcpHttpSessions<StreamableHTTPServerTransport>;
  readonly createServer: () => TestMcpServer;
  readonly log: TestMcpLog;
  readonly serverName: string;
}

/**
 * The stateful streamable-HTTP endpoint: an `initialize` POST without `mcp-session-id` opens a new session
 * (one transport and one server each); requests naming a known session go to its transport; requests naming
 * an unknown or expired session get 404; anything else gets 400.
 */
export function createStreamableHttpEndpoint(
  options: StreamableHttpEndpointOptions,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { sessions, createServer, log, serverName } = options;
  return async (request, response) => {
    const sessionId = headerValue(request, 'mcp-session-id');
    if (sessionId !== undefined) {
      const session = await sessions.lookup(sessionId);
      if (session === undefined) {
        sessions.reject(request, response, sessionId);
        return;
      }
      if (request.method === 'GET') {
        onHeadWritten(response, (status) => {
          if (status === 200) log.record({ type: 'stream-opened', server: serverName, sessionId });
        });
      }
      await session.transport.handleRequest(request, response);
      return;
    }
    if (request.method !== 'POST') {
      sendJsonRpcError(response, 400, -32000, 'Bad Request: mcp-session-id header is required');
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(request);
    } catch (error) {
      sendJsonRpcError(response, 400, -32700, `Parse error: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (!isInitializeRequest(body)) {
      sendJsonRpcError(response, 400, -32000, 'Bad Request: no mcp-session-id and not an initialize request');
      return;
    }
    const server = createServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id): void => sessions.add(id, server, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.remove(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
    // A rejected initialize (e.g. unsupported protocol version) never gets a session: do not leak its server.
    if (transport.sessionId === undefined) await server.close();
  };
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
