import { AuraError } from '@aura/events';
import type { Client } from '@modelcontextprotocol/client';
import { createDeadline, raceAbort } from './abort-race.js';
import { connectFailureReason } from './connect-failure-reason.js';
import { McpCallTracker } from './mcp-call-tracker.js';
import {
  describeMcpError,
  isBrokenConnectionError,
  isSdkConnectionClosed,
  isSessionExpiredError,
  isUndeliveredError,
} from './mcp-error-classify.js';
import { loadMcpSdk, mcpSdk } from './mcp-sdk.js';
import { listAllTools } from './mcp-tool-listing.js';
import { createMcpTransport, type McpTransportHandle } from './mcp-transport.js';
import type {
  McpCallOptions,
  McpCallToolResult,
  McpLogger,
  McpServerSpec,
  McpToolDefinition,
  McpTransportName,
} from './mcp-types.js';

/** Lifecycle of one connection: it is never reused after leaving `ready`. */
export type McpConnectionState = 'connecting' | 'ready' | 'broken' | 'closed';

/** What one connection needs. */
export interface McpConnectionOptions {
  readonly serverName: string;
  readonly spec: McpServerSpec;
  /** Resolved outbound headers (HTTP); `{}` for stdio. */
  readonly headers: Readonly<Record<string, string>>;
  readonly clientInfo: { readonly name: string; readonly version: string };
  /** Timeout of each follow-up request the connection makes itself (tool-list refresh, ping), in ms. */
  readonly requestTimeoutMs: number;
  readonly logger?: McpLogger | undefined;
  /** The server's tool list changed and was re-read (`notifications/tools/list_changed`). */
  readonly onToolsChanged?: ((tools: readonly McpToolDefinition[]) => void) | undefined;
  /** The connection left `ready` without being closed by us (called at most once). */
  readonly onBroken?: ((reason: string) => void) | undefined;
  /**
   * Closing started (also for a connection that failed to open, which is closed in the background): lets the
   * owner await every teardown, e.g. so that no child outlives the pool.
   */
  readonly onClosing?: ((closing: Promise<void>) => void) | undefined;
}

const CONNECT_TIMEOUT = Symbol('mcp-connect-timeout');

/**
 * One live MCP session: an SDK `Client` over one transport, its tool list, and the bookkeeping the
 * supervisor needs (state, in-flight calls, last activity). A connection that breaks (transport closed,
 * stream broken, session expired, ping failed) is never revived: the supervisor opens a new one.
 */
export class McpConnection {
  readonly #options: McpConnectionOptions;
  readonly #handle: McpTransportHandle;
  readonly #client: Client;
  readonly #tracker: McpCallTracker;
  #state: McpConnectionState = 'connecting';
  #brokenReason: string | undefined;
  #tools: readonly McpToolDefinition[] = [];
  #lastActivityAt = Date.now();
  #refreshing: Promise<void> | undefined;
  #refreshAgain = false;
  #closing: Promise<void> | undefined;
  #retired = false;
  #transportClosed = false;
  #markClosed: () => void = () => {};
  readonly #closed = new Promise<void>((resolve) => {
    this.#markClosed = resolve;
  });

  private constructor(options: McpConnectionOptions, handle: McpTransportHandle) {
    this.#options = options;
    this.#handle = handle;
    this.#client = new (mcpSdk().client.Client)(
      { name: options.clientInfo.name, version: options.clientInfo.version },
      { capabilities: {} },
    );
    this.#tracker = new McpCallTracker(options.serverName, (reason) => this.markBroken(reason), options.logger);
    const transport = handle.transport;
    // Installed before Client.connect: the SDK chains handlers that are already set.
    this.#tracker.install(transport, handle.kind === 'http_streamable');
    transport.onclose = () => this.#onTransportClosed();
    transport.onerror = (error: Error) => this.#onTransportError(error);
    this.#client.setNotificationHandler('notifications/tools/list_changed', () => this.#refreshTools());
  }

  /**
   * Connects (MCP `initialize`) and lists every tool, within `timeoutMs`. Rejects with an `AuraError`
   * `MCP_CONNECT_FAILED` whose message (also `data.reason`) is the status reason (see
   * `connectFailureReason`), or `RUN_ABORTED` (cause: `signal.reason`) when `signal` fires first. Whatever
   * was started (child process, HTTP session) is closed on failure, in the background — never awaited, so a
   * hung server cannot stretch the failure past `timeoutMs`.
   */
  static async open(
    options: McpConnectionOptions,
    open: { readonly signal?: AbortSignal | undefined; readonly timeoutMs: number },
  ): Promise<McpConnection> {
    const { serverName, spec, headers, logger } = options;
    let handle: McpTransportHandle;
    try {
      await loadMcpSdk();
      handle = createMcpTransport({ serverName, spec, headers, logger });
    } catch (error) {
      const reason = connectFailureReason({ serverName, transport: spec.transport, error });
      throw new AuraError('MCP_CONNECT_FAILED', reason, { cause: error, data: { serverName, reason } });
    }
    const connection = new McpConnection(options, handle);
    await connection.#connect(open.signal, open.timeoutMs);
    return connection;
  }

  get serverName(): string {
    return this.#options.serverName;
  }
  get transport(): McpTransportName {
    return this.#handle.kind;
  }
  get state(): McpConnectionState {
    return this.#state;
  }
  /** Why the connection left `ready` (set once it is `broken`). */
  get brokenReason(): string | undefined {
    return this.#brokenReason;
  }
  /** The tools the server lists (refreshed on `tools/list_changed`). */
  get tools(): readonly McpToolDefinition[] {
    return this.#tools;
  }
  /** The stdio child's pid while it runs. */
  get pid(): number | undefined {
    return this.#handle.pid();
  }
  /**
   * `ready` and, for stdio, the child still exists (`kill(pid, 0)`): catches a child that died between runs
   * before its exit was reported, so the next run respawns it instead of writing into a dead pipe.
   */
  get usable(): boolean {
    if (this.#state !== 'ready') return false;
    if (this.#handle.kind !== 'stdio') return true;
    const pid = this.#handle.pid();
    if (pid !== undefined && processExists(pid)) return true;
    this.markBroken('MCP server process exited');
    return false;
  }
  /** Resolves once {@link McpConnection.close} has finished tearing the connection down. */
  get closed(): Promise<void> {
    return this.#closed;
  }
  get inFlight(): number {
    return this.#tracker.inFlight;
  }
  /** Epoch ms of the last call start/end or successful ping. */
  get lastActivityAt(): number {
    return this.#lastActivityAt;
  }

  /**
   * Calls a tool by its MCP name (see `McpCallTracker.call` for the rejections). A call on a connection that
   * is no longer `ready` rejects at once with an `AuraError` `MCP_CONNECT_FAILED` (`data.delivered: false`).
   * Session expiry and connection-level failures mark the connection broken.
   */
  async call(
    name: string,
    args: Readonly<Record<string, unknown>>,
    options: McpCallOptions,
    defaultTimeoutMs: number | undefined,
  ): Promise<McpCallToolResult> {
    if (this.#state !== 'ready') {
      throw new AuraError(
        'MCP_CONNECT_FAILED',
        `Connection to MCP server '${this.serverName}' is ${this.#state}${this.#brokenReason === undefined ? '' : `: ${this.#brokenReason}`}`,
        { data: { serverName: this.serverName, delivered: false } },
      );
    }
    this.#lastActivityAt = Date.now();
    try {
      return await this.#tracker.call(this.#client, name, args, options, defaultTimeoutMs);
    } catch (error) {
      if (isSessionExpiredError(error)) this.markBroken(`session expired: ${describeMcpError(error)}`);
      else if (isUndeliveredError(error) || isSdkConnectionClosed(error)) this.markBroken(describeMcpError(error));
      throw error;
    } finally {
      this.#lastActivityAt = Date.now();
      if (this.#retired && this.#tracker.inFlight === 0) void this.close();
    }
  }

  /** Sends an MCP `ping` (health check); a failure marks the connection broken and rejects. */
  async ping(): Promise<void> {
    try {
      await this.#client.ping({ timeout: this.#options.requestTimeoutMs });
      this.#lastActivityAt = Date.now();
    } catch (error) {
      this.markBroken(`ping failed: ${describeMcpError(error)}`);
      throw error;
    }
  }

  /** Takes the connection out of service (`ready` → `broken`) and tells `onBroken` once. */
  markBroken(reason: string): void {
    if (this.#state !== 'ready') return;
    this.#state = 'broken';
    this.#brokenReason = reason;
    this.#options.logger?.info(`MCP server '${this.serverName}': connection broken: ${reason}`, {
      serverName: this.serverName,
      reason,
    });
    this.#options.onBroken?.(reason);
  }

  /** Marks the connection broken and closes it as soon as no call is in flight. */
  retire(reason: string): void {
    this.markBroken(reason);
    this.#retired = true;
    if (this.#tracker.inFlight === 0) void this.close();
  }

  /**
   * Ends the session (HTTP `DELETE` where supported), closes the transport (kills a stdio child: stdin EOF,
   * then SIGTERM, then SIGKILL) and rejects in-flight calls. Waits at most `timeoutMs` (default 5000); never
   * rejects. Idempotent.
   */
  close(options: { readonly timeoutMs?: number } = {}): Promise<void> {
    this.#state = 'closed';
    if (this.#closing === undefined) {
      this.#closing = this.#shutdown();
      this.#options.onClosing?.(this.#closing);
    }
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#options.logger?.warn(`MCP server '${this.serverName}': close still running after ${timeoutMs} ms`);
        resolve();
      }, timeoutMs);
      this.#closing?.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async #shutdown(): Promise<void> {
    try {
      await this.#handle.terminateSession();
    } catch (error) {
      this.#options.logger?.debug(
        `MCP server '${this.serverName}': session not terminated: ${describeMcpError(error)}`,
      );
    }
    try {
      await this.#client.close();
    } catch (error) {
      this.#options.logger?.debug(`MCP server '${this.serverName}': close failed: ${describeMcpError(error)}`);
    } finally {
      this.#markClosed();
    }
  }

  async #connect(signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
    const { serverName, logger, requestTimeoutMs } = this.#options;
    const deadline = createDeadline(timeoutMs, signal, CONNECT_TIMEOUT);
    try {
      const work = (async () => {
        await this.#client.connect(this.#handle.transport, { signal: deadline.signal, timeout: timeoutMs });
        this.#tools = await listAllTools(this.#client, {
          serverName,
          signal: deadline.signal,
          timeoutMs: Math.min(timeoutMs, requestTimeoutMs),
          logger,
        });
      })();
      await raceAbort(work, deadline.signal);
      if (this.#state !== 'connecting' || this.#transportClosed)
        throw new (mcpSdk().client.SdkError)(mcpSdk().client.SdkErrorCode.ConnectionClosed, 'Connection closed');
      this.#state = 'ready';
      this.#lastActivityAt = Date.now();
    } catch (error) {
      this.#state = 'closed';
      void this.close();
      if (signal?.aborted === true) {
        throw new AuraError('RUN_ABORTED', `Connecting to MCP server '${serverName}' was cancelled`, {
          cause: signal.reason,
          data: { serverName },
        });
      }
      const reason = connectFailureReason({
        serverName,
        transport: this.#handle.kind,
        handle: this.#handle,
        error,
        timedOutMs: deadline.timedOut() ? timeoutMs : undefined,
      });
      throw new AuraError('MCP_CONNECT_FAILED', reason, { cause: error, data: { serverName, reason } });
    } finally {
      deadline.dispose();
    }
  }

  #onTransportClosed(): void {
    this.#transportClosed = true;
    if (this.#state !== 'ready') return;
    const stderr = this.#handle.stderrTail();
    const reason =
      this.#handle.kind === 'stdio'
        ? `MCP server process exited${stderr === '' ? '' : `; stderr: ${stderr.split('\n').join(' | ')}`}`
        : 'connection closed';
    this.markBroken(reason);
    this.#state = 'closed';
  }

  #onTransportError(error: Error): void {
    if (this.#state === 'ready' && isBrokenConnectionError(error)) {
      const reason = describeMcpError(error);
      // Legacy SSE: every response travels on the broken stream, so no in-flight call can complete. (A
      // broken streamable-HTTP GET stream leaves the per-request POST streams working.)
      if (this.#handle.kind === 'sse') {
        this.#tracker.failDelivered(`MCP server '${this.serverName}': event stream lost (${reason})`);
        this.retire(reason);
      } else {
        this.markBroken(reason);
      }
      return;
    }
    this.#options.logger?.debug(`MCP server '${this.serverName}': transport reported: ${describeMcpError(error)}`);
  }

  #refreshTools(): void {
    if (this.#refreshing !== undefined) {
      this.#refreshAgain = true;
      return;
    }
    const { serverName, logger, requestTimeoutMs, onToolsChanged } = this.#options;
    this.#refreshing = (async () => {
      do {
        this.#refreshAgain = false;
        if (this.#state !== 'ready') return;
        try {
          const tools = await listAllTools(this.#client, { serverName, timeoutMs: requestTimeoutMs, logger });
          if (this.#state !== 'ready') return;
          this.#tools = tools;
          onToolsChanged?.(tools);
        } catch (error) {
          logger?.warn(`MCP server '${serverName}': tool list refresh failed: ${describeMcpError(error)}`, {
            serverName,
          });
        }
      } while (this.#refreshAgain);
    })().finally(() => {
      this.#refreshing = undefined;
    });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (cannot happen for our own child, but is not "gone").
    return (error as { code?: unknown }).code === 'EPERM';
  }
}
