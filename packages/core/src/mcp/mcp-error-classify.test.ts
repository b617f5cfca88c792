import { AuraError } from '@aura/events';
import { ProtocolError, SdkError, SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectFailureReason } from './connect-failure-reason.js';
import {
  describeMcpError,
  httpStatusLine,
  isBrokenConnectionError,
  isSessionExpiredError,
  isUndeliveredError,
} from './mcp-error-classify.js';
import { loadMcpSdk } from './mcp-sdk.js';
import type { McpTransportHandle } from './mcp-transport.js';

// SDK errors are recognised once a connection has loaded the SDK (mcp-sdk.ts); these tests make them directly.
beforeAll(() => loadMcpSdk());

const refused = (): Error => {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
};

describe('MCP error classification', () => {
  it('recognises expired sessions but never a tool error by its wording alone', () => {
    const http404 = new SdkHttpError(SdkErrorCode.ClientHttpNotImplemented, 'Error POSTing to endpoint: x', {
      status: 404,
    });
    expect(isSessionExpiredError(http404)).toBe(true);
    expect(isSessionExpiredError(new Error('Error POSTing to endpoint (HTTP 404): Session not found'))).toBe(true);
    const http400 = new SdkHttpError(
      SdkErrorCode.ClientHttpNotImplemented,
      'Bad Request: No valid session ID provided',
      {
        status: 400,
      },
    );
    expect(isSessionExpiredError(http400)).toBe(true);
    expect(isSessionExpiredError(new ProtocolError(-32001, 'Session not found'))).toBe(true);
    expect(isSessionExpiredError(new ProtocolError(-32001, 'Request timed out'))).toBe(false);
    expect(isSessionExpiredError(new ProtocolError(-32603, 'session not found in the database'))).toBe(false);
    expect(isSessionExpiredError(new Error('boom'))).toBe(false);
  });

  it('retries only requests that cannot have been delivered', () => {
    expect(isUndeliveredError(refused())).toBe(true);
    expect(isUndeliveredError(new SdkError(SdkErrorCode.NotConnected, 'Not connected'))).toBe(true);
    expect(isUndeliveredError(new AuraError('MCP_CONNECT_FAILED', 'closed', { data: { delivered: false } }))).toBe(
      true,
    );
    expect(isUndeliveredError(new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed'))).toBe(false);
    expect(isUndeliveredError(new TypeError('fetch failed', { cause: new Error('other side closed') }))).toBe(false);
    expect(isUndeliveredError(new ProtocolError(-32603, 'boom'))).toBe(false);
  });

  it('treats broken streams as connection failures and other reports as noise', () => {
    expect(isBrokenConnectionError(new Error('SSE stream disconnected: TypeError: terminated'))).toBe(true);
    expect(isBrokenConnectionError(new Error('Failed to reconnect SSE stream: fetch failed'))).toBe(true);
    expect(isBrokenConnectionError(new Error('Received a progress notification for an unknown token'))).toBe(false);
  });

  it('describes errors with their cause chain and JSON-RPC code', () => {
    expect(describeMcpError(refused())).toBe('fetch failed: connect ECONNREFUSED 127.0.0.1:9');
    expect(describeMcpError(new ProtocolError(-32602, 'Unknown tool: x'))).toBe('MCP error -32602: Unknown tool: x');
    expect(describeMcpError('text')).toBe('text');
    expect(describeMcpError(new Error('x'.repeat(5000))).length).toBe(2001);
    expect(httpStatusLine(404, '')).toBe('404 Not Found');
    expect(httpStatusLine(503, 'Busy')).toBe('503 Busy');
  });
});

describe('connectFailureReason', () => {
  const handle = (overrides: Partial<McpTransportHandle>): McpTransportHandle => ({
    transport: { start: async () => {}, send: async () => {}, close: async () => {} },
    kind: 'http_streamable',
    firstHttpFailure: () => undefined,
    sawUnauthorized: () => false,
    stderrTail: () => '',
    pid: () => undefined,
    terminateSession: async () => {},
    ...overrides,
  });

  it('uses the reference 401 texts', () => {
    const unauthorized = handle({ sawUnauthorized: () => true });
    expect(
      connectFailureReason({
        serverName: 'logs',
        transport: 'http_streamable',
        handle: unauthorized,
        error: new Error('x'),
      }),
    ).toBe(
      "HTTP MCP server 'logs' authentication failed (401 Unauthorized). Check that your headers, forwarded headers, and/or credentials are correct.",
    );
    expect(
      connectFailureReason({ serverName: 'logs', transport: 'sse', handle: unauthorized, error: new Error('x') }),
    ).toMatch(/^SSE MCP server 'logs' authentication failed \(401 Unauthorized\)\./);
  });

  it('prefixes the first failing HTTP status, names timeouts and adds the stderr tail', () => {
    const notFound = handle({ firstHttpFailure: () => ({ status: 404, statusText: 'Not Found' }) });
    expect(
      connectFailureReason({
        serverName: 's',
        transport: 'http_streamable',
        handle: notFound,
        error: new Error('Error POSTing'),
      }),
    ).toBe('Connection failed: server returned HTTP 404 Not Found: Error POSTing');
    expect(connectFailureReason({ serverName: 's', transport: 'sse', error: new Error('x'), timedOutMs: 250 })).toBe(
      'Connection failed: timed out after 250 ms',
    );
    const crashed = handle({ kind: 'stdio', stderrTail: () => 'line 1\nline 2' });
    expect(
      connectFailureReason({
        serverName: 's',
        transport: 'stdio',
        handle: crashed,
        error: new SdkError(SdkErrorCode.ConnectionClosed, 'Connection closed'),
      }),
    ).toBe('Connection failed: MCP server process exited before completing the MCP handshake; stderr: line 1 | line 2');
  });
});
