import { STATUS_CODES } from 'node:http';
import { isAuraError } from '@aura/events';
import { isJsonObject } from '../util/json-value.js';
import { loadedMcpSdk } from './mcp-sdk.js';

/**
 * How the MCP layer reads SDK, transport and network errors. The supervisor retries a call only when the
 * server cannot have executed it ({@link isSessionExpiredError}, {@link isUndeliveredError}); everything
 * else is reported, because a tool call may not be idempotent.
 */

/** JSON-RPC error code servers use for an unknown/expired session. */
export const SESSION_NOT_FOUND_CODE = -32001;

const NOT_DELIVERED_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const MAX_DESCRIBED_LENGTH = 2000;

// The SDK's error classes, once the SDK is loaded (before that no SDK error exists: see mcp-sdk.ts).
const sdkClient = () => loadedMcpSdk()?.client;

/** The SDK's "connection closed" error (a stdio child that exited, a transport closed under a request). */
export function isSdkConnectionClosed(error: unknown): boolean {
  const sdk = sdkClient();
  return sdk !== undefined && error instanceof sdk.SdkError && error.code === sdk.SdkErrorCode.ConnectionClosed;
}

function isProtocolError(
  error: unknown,
): error is InstanceType<NonNullable<ReturnType<typeof sdkClient>>['ProtocolError']> {
  const sdk = sdkClient();
  return sdk !== undefined && error instanceof sdk.ProtocolError;
}

/** The HTTP status an error carries (streamable HTTP `SdkHttpError`, SSE `SseError`, legacy SSE POST text). */
export function httpStatusOf(error: unknown): number | undefined {
  const sdk = sdkClient();
  if (sdk !== undefined && error instanceof sdk.SdkHttpError) return error.status;
  if (sdk !== undefined && error instanceof sdk.SseError && typeof error.code === 'number' && error.code >= 100) {
    return error.code;
  }
  if (error instanceof Error) {
    const match = /\(HTTP (\d{3})\)/.exec(error.message);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return undefined;
}

/** `<code> <reason phrase>`, e.g. `404 Not Found` (the reason from `statusText`, else Node's table). */
export function httpStatusLine(status: number, statusText?: string): string {
  const reason = statusText !== undefined && statusText !== '' ? statusText : (STATUS_CODES[status] ?? '');
  return reason === '' ? String(status) : `${status} ${reason}`;
}

/**
 * The server no longer knows the session: HTTP 404 on a request of an established session; HTTP 400 whose
 * body talks about the session id or an uninitialized server (what servers that keep a session map answer
 * after a restart, e.g. `Bad Request: No valid session ID provided`); a transport error saying "Session
 * not found"; or a JSON-RPC error `-32001` that mentions the session. The call was rejected before
 * execution, so reconnecting (re-initialize) and retrying once is safe. A JSON-RPC error from a tool is
 * never read by its message alone (a tool may well report "session not found" itself), and a bare
 * `-32001` is also the v1 SDKs' request-timeout code, so it needs the session wording too.
 */
export function isSessionExpiredError(error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status === 404) return true;
  if (status === 400 && error instanceof Error && /session|not initialized/i.test(error.message)) return true;
  if (isProtocolError(error)) return error.code === SESSION_NOT_FOUND_CODE && /session/i.test(error.message);
  return error instanceof Error && /session not found/i.test(error.message);
}

/**
 * The request never reached a server: the transport was not connected (stdio child gone, connection
 * already closed, or our own connection no longer `ready`), or the network refused/failed to resolve before anything was sent. Safe to retry once
 * on a fresh connection. A connection that closed WHILE the request was in flight is not included.
 */
export function isUndeliveredError(error: unknown): boolean {
  if (isAuraError(error, 'MCP_CONNECT_FAILED') && isJsonObject(error.data) && error.data.delivered === false)
    return true;
  const sdk = sdkClient();
  if (sdk !== undefined && error instanceof sdk.SdkError && error.code === sdk.SdkErrorCode.NotConnected) return true;
  if (error instanceof Error && error.message === 'Not connected') return true;
  return networkCodes(error).some((code) => NOT_DELIVERED_NETWORK_CODES.has(code));
}

/**
 * A transport error (reported through `onerror`) that means the connection can no longer be trusted: the
 * legacy SSE stream failed, or a streamable-HTTP stream broke / could not be re-opened. Harmless reports
 * (an unknown progress token, a malformed message) are not included.
 */
export function isBrokenConnectionError(error: unknown): boolean {
  const sdk = sdkClient();
  if (sdk !== undefined && error instanceof sdk.SseError) return true;
  if (
    sdk !== undefined &&
    error instanceof sdk.SdkHttpError &&
    error.code === sdk.SdkErrorCode.ClientHttpFailedToOpenStream
  ) {
    return true;
  }
  if (!(error instanceof Error)) return false;
  return /^(SSE stream disconnected|Failed to reconnect SSE stream|Maximum reconnection attempts|Failed to open SSE stream)/.test(
    error.message,
  );
}

/**
 * A one-line description of a failure for users and the model: JSON-RPC errors as
 * `MCP error <code>: <message>`, other errors as their message followed by their cause chain
 * (`fetch failed: connect ECONNREFUSED 127.0.0.1:9`). Cut to `maxLength` characters (default 2000, for
 * status reasons and logs; pass `Infinity` when the caller bounds the text itself).
 */
export function describeMcpError(error: unknown, maxLength = MAX_DESCRIBED_LENGTH): string {
  let text: string;
  if (isProtocolError(error)) {
    text = `MCP error ${error.code}: ${error.message}`;
  } else if (error instanceof Error) {
    const parts = [error.message];
    let cause: unknown = error.cause;
    for (let depth = 0; depth < 4 && cause instanceof Error; depth += 1) {
      const message = cause instanceof AggregateError ? aggregateMessage(cause) : cause.message;
      if (message !== '' && !parts.some((part) => part.includes(message))) parts.push(message);
      cause = cause.cause;
    }
    text = parts.filter((part) => part !== '').join(': ') || error.name;
  } else {
    text = String(error);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

function aggregateMessage(error: AggregateError): string {
  if (error.message !== '') return error.message;
  const messages = error.errors.filter((item): item is Error => item instanceof Error).map((item) => item.message);
  return [...new Set(messages)].join('; ');
}

/** `code` values (e.g. `ECONNREFUSED`) found on the error, its cause chain and aggregated errors. */
function networkCodes(error: unknown): string[] {
  const codes: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 5 || typeof value !== 'object' || value === null) return;
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (value instanceof AggregateError) for (const inner of value.errors) visit(inner, depth + 1);
    if (value instanceof Error) visit(value.cause, depth + 1);
  };
  visit(error, 0);
  return codes;
}
