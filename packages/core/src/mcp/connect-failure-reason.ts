import { AuraError } from '@aura/events';
import { describeMcpError, httpStatusLine, httpStatusOf, isSdkConnectionClosed } from './mcp-error-classify.js';
import type { McpTransportHandle } from './mcp-transport.js';
import type { McpTransportName } from './mcp-types.js';

/** What {@link connectFailureReason} knows about a failed connection attempt. */
export interface ConnectFailure {
  readonly serverName: string;
  readonly transport: McpTransportName;
  /** The transport that was tried, if one was built. */
  readonly handle?: McpTransportHandle | undefined;
  readonly error: unknown;
  /** Set when the attempt was cut off by the connect timeout. */
  readonly timedOutMs?: number | undefined;
}

const STDERR_BUDGET = 1000;

/**
 * The status reason of a server that could not be connected (core-spec §4.1/§4.2), e.g. for
 * `aura.mcp_status`:
 *
 * - a 401 anywhere while connecting → `HTTP MCP server '<name>' authentication failed (401 Unauthorized).
 *   Check that your headers, forwarded headers, and/or credentials are correct.` (`SSE MCP server …` for
 *   SSE), exactly the reference's text;
 * - otherwise `Connection failed: <error>`, where `<error>` starts with `server returned HTTP <code>
 *   <reason>: ` when an HTTP response failed (so users see `404 Not Found`, not "channel closed"), reads
 *   `timed out after <n> ms` for a connect timeout, and for stdio names a spawn failure
 *   (`Failed to spawn MCP server process: …`) or a child that exited during the handshake, followed by the
 *   last lines the child wrote to stderr.
 */
export function connectFailureReason(failure: ConnectFailure): string {
  const { serverName, transport, handle, error, timedOutMs } = failure;
  if (handle?.sawUnauthorized() === true || httpStatusOf(error) === 401) {
    const label = transport === 'sse' ? 'SSE' : 'HTTP';
    return (
      `${label} MCP server '${serverName}' authentication failed (401 Unauthorized). ` +
      'Check that your headers, forwarded headers, and/or credentials are correct.'
    );
  }
  let detail: string;
  if (timedOutMs !== undefined) {
    detail = `timed out after ${timedOutMs} ms`;
  } else if (error instanceof AuraError) {
    detail = error.message;
  } else if (transport === 'stdio' && isSpawnError(error)) {
    detail = `Failed to spawn MCP server process: ${describeMcpError(error)}`;
  } else if (transport === 'stdio' && isSdkConnectionClosed(error)) {
    detail = 'MCP server process exited before completing the MCP handshake';
  } else {
    detail = describeMcpError(error);
  }
  const httpFailure = handle?.firstHttpFailure();
  if (httpFailure !== undefined) {
    detail = `server returned HTTP ${httpStatusLine(httpFailure.status, httpFailure.statusText)}: ${detail}`;
  }
  const stderr = handle?.stderrTail() ?? '';
  if (stderr !== '') {
    const lines = stderr.split('\n').join(' | ');
    detail += `; stderr: ${lines.length > STDERR_BUDGET ? `…${lines.slice(-STDERR_BUDGET)}` : lines}`;
  }
  return `Connection failed: ${detail}`;
}

function isSpawnError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const syscall = (error as { syscall?: unknown }).syscall;
  return typeof syscall === 'string' && syscall.startsWith('spawn');
}
