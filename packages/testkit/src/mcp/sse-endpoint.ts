import type { IncomingMessage, ServerResponse } from 'node:http';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import type { TestMcpServer } from './create-test-mcp-server.js';
import { sendJsonRpcError, type TestMcpHttpSessions } from './test-mcp-http-sessions.js';
import type { TestMcpLog } from './test-mcp-log.js';

/** What {@link createSseEndpoints} needs. */
export interface SseEndpointOptions {
  readonly sessions: TestMcpHttpSessions<SSEServerTransport>;
  readonly createServer: () => TestMcpServer;
  readonly log: TestMcpLog;
  readonly serverName: string;
  /** Path clients POST messages to (`<messagesPath>?sessionId=<id>`), announced in the `endpoint` event. */
  readonly messagesPath: string;
}

/** The two handlers of the legacy HTTP+SSE transport. */
export interface SseEndpoints {
  /** `GET <path>`: opens the event stream, i.e. a new session with its own server. */
  readonly stream: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** `POST <messagesPath>?sessionId=`: one client message; unknown or expired sessions get 404. */
  readonly messages: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;
}

/** Creates the legacy HTTP+SSE endpoints over the SDK's `SSEServerTransport`. */
export function createSseEndpoints(options: SseEndpointOptions): SseEndpoints {
  const { sessions, createServer, log, serverName, messagesPath } = options;
  return {
    stream: async (_request, response) => {
      const server = createServer();
      const transport = new SSEServerTransport(messagesPath, response);
      const sessionId = transport.sessionId;
      transport.onclose = () => sessions.remove(sessionId);
      sessions.add(sessionId, server, transport);
      await server.connect(transport);
      log.record({ type: 'stream-opened', server: serverName, sessionId });
    },
    messages: async (request, response, url) => {
      const sessionId = url.searchParams.get('sessionId');
      if (sessionId === null || sessionId === '') {
        sendJsonRpcError(response, 400, -32000, 'Bad Request: sessionId query parameter is required');
        return;
      }
      const session = await sessions.lookup(sessionId);
      if (session === undefined) {
        sessions.reject(request, response, sessionId);
        return;
      }
      await session.transport.handlePostMessage(request, response);
    },
  };
}
