import type { IncomingMessage, ServerResponse } from 'node:http';
import { AuraError } from '@aura/events';
import type { TestMcpServer } from './create-test-mcp-server.js';
import type { TestMcpLog } from './test-mcp-log.js';

/** One live MCP session of an HTTP test server: its server instance and the transport serving it. */
export interface TestMcpHttpSession<T> {
  readonly id: string;
  readonly server: TestMcpServer;
  readonly transport: T;
  lastSeen: number;
}

/**
 * The live sessions of one HTTP test server, keyed by session id. A session is forgotten when its transport
 * closes, when `expireAll` runs, or (with `ttlMs`) when it was idle for longer than `ttlMs` at its next
 * request; a forgotten id is answered with 404 so that clients must re-initialize.
 */
export class TestMcpHttpSessions<T> {
  readonly #sessions = new Map<string, TestMcpHttpSession<T>>();
  readonly #log: TestMcpLog;
  readonly #serverName: string;
  readonly #ttlMs: number | undefined;

  constructor(options: { readonly log: TestMcpLog; readonly serverName: string; readonly ttlMs: number | undefined }) {
    this.#log = options.log;
    this.#serverName = options.serverName;
    this.#ttlMs = options.ttlMs;
  }

  /** Registers a session once its transport knows its id. */
  add(id: string, server: TestMcpServer, transport: T): void {
    this.#sessions.set(id, { id, server, transport, lastSeen: Date.now() });
  }

  /** Forgets a session whose transport closed (no log event: the server logs `session-closed`). */
  remove(id: string): void {
    this.#sessions.delete(id);
  }

  /** The session with this id, touched; `undefined` when unknown or idle past the TTL (then expired and closed). */
  async lookup(id: string): Promise<TestMcpHttpSession<T> | undefined> {
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (this.#ttlMs !== undefined && Date.now() - session.lastSeen > this.#ttlMs) {
      await this.#expire(session, 'ttl');
      return undefined;
    }
    session.lastSeen = Date.now();
    return session;
  }

  /** Ids of the live sessions. */
  ids(): string[] {
    return [...this.#sessions.keys()];
  }

  /** The servers of the live sessions. */
  servers(): TestMcpServer[] {
    return [...this.#sessions.values()].map((session) => session.server);
  }

  /** Forgets and closes every session, logging `session-expired`; resolves with how many there were. */
  async expireAll(): Promise<number> {
    const sessions = [...this.#sessions.values()];
    await Promise.all(sessions.map((session) => this.#expire(session, 'expire-sessions')));
    return sessions.length;
  }

  /** Closes every session (server shutdown). */
  async closeAll(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map((session) => session.server.close()));
  }

  /** Logs `session-rejected` and answers 404 with a JSON-RPC error body, as the MCP spec asks for unknown sessions. */
  reject(request: IncomingMessage, response: ServerResponse, sessionId: string): void {
    this.#log.record({
      type: 'session-rejected',
      server: this.#serverName,
      sessionId,
      method: request.method ?? 'UNKNOWN',
      status: 404,
    });
    sendJsonRpcError(response, 404, -32001, `Session not found: ${sessionId}`);
  }

  async #expire(session: TestMcpHttpSession<T>, cause: 'expire-sessions' | 'ttl'): Promise<void> {
    this.#sessions.delete(session.id);
    this.#log.record({ type: 'session-expired', server: this.#serverName, sessionId: session.id, cause });
    await session.server.close();
  }
}

/** Answers with a JSON-RPC error object (`id: null`) and the given HTTP status. */
export function sendJsonRpcError(response: ServerResponse, status: number, code: number, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  response.writeHead(status, { 'content-type': 'application/json' }).end(body);
}

/**
 * Reads and parses a JSON request body of at most `limitBytes` (default 8 MiB). Throws an `AuraError`
 * `PAYLOAD_TOO_LARGE` past the limit and a `SyntaxError` for invalid JSON.
 */
export async function readJsonBody(request: IncomingMessage, limitBytes = 8 * 1024 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buffer.length;
    if (length > limitBytes) {
      throw new AuraError('PAYLOAD_TOO_LARGE', `Test MCP server: request body larger than ${limitBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Calls `callback` with the status code right after the response's head is written. */
export function onHeadWritten(response: ServerResponse, callback: (status: number) => void): void {
  const original = response.writeHead;
  const wrapped = function writeHead(this: ServerResponse, ...args: unknown[]): ServerResponse {
    const result = Reflect.apply(original, this, args) as ServerResponse;
    callback(this.statusCode);
    return result;
  };
  response.writeHead = wrapped as typeof original;
}
