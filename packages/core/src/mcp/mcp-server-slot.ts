import { AuraError, type McpServerStatus } from '@aura/events';
import { raceAbort } from './abort-race.js';
import { McpConnection } from './mcp-connection.js';
import { describeMcpError, isSessionExpiredError, isUndeliveredError } from './mcp-error-classify.js';
import type { McpCallOptions, McpCallToolResult, McpLogger, McpServerSpec, McpToolDefinition } from './mcp-types.js';
import { type ReconnectBackoffOptions, reconnectDelayMs } from './reconnect-backoff.js';

/** What a slot needs from its pool. */
export interface McpServerSlotOptions {
  readonly serverName: string;
  readonly spec: McpServerSpec;
  /** Resolved outbound headers of this identity (`{}` for stdio). */
  readonly headers: Readonly<Record<string, string>>;
  readonly clientInfo: { readonly name: string; readonly version: string };
  readonly connectTimeoutMs: number;
  readonly backoff: ReconnectBackoffOptions;
  readonly logger?: McpLogger | undefined;
  readonly onToolsChanged?: ((serverName: string, tools: readonly McpToolDefinition[]) => void) | undefined;
  /** Every status change (connected, failed, broken), for the pool's snapshot. */
  readonly onStatus?: ((status: McpServerStatus) => void) | undefined;
}

/**
 * The supervisor of one connection identity (server + resolved headers): connects lazily and single-flight
 * (concurrent callers share one attempt), replaces a broken connection on next use, backs off after failed
 * attempts (within the backoff window an on-demand attempt fails fast with the last reason instead of
 * hammering a dead server), and retries a call ONCE on a fresh connection when the server cannot have
 * executed it (session expired, request not delivered).
 */
export class McpServerSlot {
  readonly #options: McpServerSlotOptions;
  readonly #closeController = new AbortController();
  #connection: McpConnection | undefined;
  #tools: readonly McpToolDefinition[] = [];
  /** Every connection opened and not yet closed (the current one, retired ones still finishing calls). */
  readonly #connections = new Set<McpConnection>();
  /** Teardowns in progress (including of connections that failed to open). */
  readonly #closings = new Set<Promise<void>>();
  #connecting: Promise<McpConnection> | undefined;
  #status: McpServerStatus;
  #failures = 0;
  #retryAt = 0;
  #leases = 0;
  #lastUsedAt = Date.now();
  #pinging = false;

  constructor(options: McpServerSlotOptions) {
    this.#options = options;
    this.#status = {
      serverName: options.serverName,
      transport: options.spec.transport,
      status: 'not_attempted',
      toolsCount: 0,
    };
  }

  /** The last known outcome (`not_attempted` before the first attempt). */
  get status(): McpServerStatus {
    return this.#status;
  }
  /**
   * The tools of the last successful connection (kept while a broken one is replaced: the next call
   * reconnects), updated on `tools/list_changed`; `[]` before the first success.
   */
  get tools(): readonly McpToolDefinition[] {
    return this.#tools;
  }
  /** The stdio child's pid while it runs. */
  get pid(): number | undefined {
    return this.#connection?.pid;
  }
  /** Whether a lease holds this slot or a call is running on it. */
  get busy(): boolean {
    return this.#leases > 0 || (this.#connection?.inFlight ?? 0) > 0 || this.#connecting !== undefined;
  }
  /** Epoch ms of the last lease or call. */
  get lastUsedAt(): number {
    return Math.max(this.#lastUsedAt, this.#connection?.lastActivityAt ?? 0);
  }
  get closed(): boolean {
    return this.#closeController.signal.aborted;
  }

  /** Counts a lease in (`+1`) or out (`-1`); busy slots are never evicted. */
  hold(delta: 1 | -1): void {
    this.#leases = Math.max(0, this.#leases + delta);
    this.#lastUsedAt = Date.now();
  }

  /**
   * A ready connection: the current one, or a new one (single-flight, bounded by the connect timeout).
   * Rejects with an `AuraError` `MCP_CONNECT_FAILED` (message = status reason) when connecting fails or the
   * slot is inside its backoff window (unless `ignoreBackoff`), and with `signal.reason` when `signal` fires
   * (the shared attempt goes on for other callers).
   */
  ensure(
    options: { readonly signal?: AbortSignal | undefined; readonly ignoreBackoff?: boolean } = {},
  ): Promise<McpConnection> {
    if (this.closed) return Promise.reject(this.#closedError());
    const current = this.#connection;
    if (current?.usable === true) return Promise.resolve(current);
    if (current !== undefined) {
      this.#connection = undefined;
      current.retire(current.brokenReason ?? 'replaced');
    }
    if (this.#connecting === undefined) {
      if (options.ignoreBackoff !== true && Date.now() < this.#retryAt) {
        const reason = this.#status.reason ?? 'Connection failed';
        return Promise.reject(
          new AuraError('MCP_CONNECT_FAILED', reason, { data: { serverName: this.#options.serverName, reason } }),
        );
      }
      this.#connecting = this.#open().finally(() => {
        this.#connecting = undefined;
      });
    }
    return options.signal === undefined ? this.#connecting : raceAbort(this.#connecting, options.signal);
  }

  /**
   * Calls a tool on this identity's connection, connecting first if needed (see `McpCallOptions`). One
   * transparent retry on a fresh connection after session expiry or an undelivered request; `onStart`
   * fires at most once even then (the retry's progress carries its own token). Rejects with the errors of
   * `ensure` and of `McpConnection.call`.
   */
  async call(
    name: string,
    args: Readonly<Record<string, unknown>>,
    options: McpCallOptions = {},
  ): Promise<McpCallToolResult> {
    this.#lastUsedAt = Date.now();
    const startedAt = Date.now();
    const secs = this.#options.spec.call_timeout_secs;
    const timeoutMs = options.timeoutMs ?? (secs !== undefined && secs > 0 ? secs * 1000 : undefined);
    let started = false;
    const onStart = options.onStart;
    const attemptOptions: McpCallOptions = {
      ...options,
      onStart: (info) => {
        if (started) return;
        started = true;
        onStart?.(info);
      },
    };
    const connection = await this.#ensureForCall(options.signal);
    try {
      return await connection.call(name, args, { ...attemptOptions, timeoutMs: timeoutMs ?? 0 }, undefined);
    } catch (error) {
      const retryable = isSessionExpiredError(error) || isUndeliveredError(error);
      if (!retryable || options.signal?.aborted === true || this.closed) throw error;
      this.#options.logger?.info(
        `MCP server '${this.#options.serverName}': ${describeMcpError(error)}; reconnecting and retrying '${name}' once`,
        { serverName: this.#options.serverName, tool: name },
      );
      connection.retire(describeMcpError(error));
      const fresh = await this.#ensureForCall(options.signal, true);
      const remaining = timeoutMs === undefined ? 0 : Math.max(1, timeoutMs - (Date.now() - startedAt));
      return await fresh.call(name, args, { ...attemptOptions, timeoutMs: remaining }, undefined);
    }
  }

  /** Pings the connection if it is ready, idle and idle for at least `idleMs`; a failure takes it out of service. */
  async healthCheck(idleMs: number): Promise<void> {
    const connection = this.#connection;
    if (connection?.state !== 'ready' || connection.inFlight > 0 || this.#pinging) return;
    if (Date.now() - connection.lastActivityAt < idleMs) return;
    this.#pinging = true;
    try {
      await connection.ping();
    } catch (error) {
      this.#options.logger?.warn(
        `MCP server '${this.#options.serverName}': health check failed: ${describeMcpError(error)}`,
      );
    } finally {
      this.#pinging = false;
    }
  }

  /**
   * Refuses further use, closes every connection of this slot (retired ones still finishing calls
   * included) and waits for every teardown in progress — so no stdio child outlives it — at most
   * `timeoutMs` (default 5000). Never rejects. Idempotent.
   */
  async close(timeoutMs = 5000): Promise<void> {
    this.#closeController.abort(this.#closedError());
    this.#connection = undefined;
    const connections = [...this.#connections];
    this.#connections.clear();
    await Promise.all(connections.map((connection) => connection.close({ timeoutMs })));
    await raceTimeout(Promise.all([...this.#closings]), timeoutMs);
  }

  async #ensureForCall(signal: AbortSignal | undefined, ignoreBackoff = false): Promise<McpConnection> {
    try {
      return await this.ensure({ signal, ignoreBackoff });
    } catch (error) {
      if (signal?.aborted === true) {
        throw new AuraError('RUN_ABORTED', `MCP call to server '${this.#options.serverName}' was cancelled`, {
          cause: signal.reason,
          data: { serverName: this.#options.serverName },
        });
      }
      throw error;
    }
  }

  async #open(): Promise<McpConnection> {
    const { serverName, spec, headers, clientInfo, connectTimeoutMs, logger, onToolsChanged } = this.#options;
    try {
      const connection = await McpConnection.open(
        {
          serverName,
          spec,
          headers,
          clientInfo,
          logger,
          requestTimeoutMs: connectTimeoutMs,
          onToolsChanged: (tools) => {
            this.#tools = tools;
            this.#setStatus({ serverName, transport: spec.transport, status: 'connected', toolsCount: tools.length });
            onToolsChanged?.(serverName, tools);
          },
          onBroken: (reason) => this.#setStatus({ ...this.#status, status: 'failed', toolsCount: 0, reason }),
          onClosing: (closing) => {
            this.#closings.add(closing);
            void closing.finally(() => this.#closings.delete(closing));
          },
        },
        { signal: this.#closeController.signal, timeoutMs: connectTimeoutMs },
      );
      this.#connection = connection;
      this.#tools = connection.tools;
      this.#connections.add(connection);
      void connection.closed.then(() => this.#connections.delete(connection));
      this.#failures = 0;
      this.#retryAt = 0;
      this.#setStatus({
        serverName,
        transport: spec.transport,
        status: 'connected',
        toolsCount: connection.tools.length,
      });
      logger?.debug(`MCP server '${serverName}': connected (${connection.tools.length} tools)`);
      return connection;
    } catch (error) {
      if (this.closed) throw this.#closedError();
      this.#failures += 1;
      this.#retryAt = Date.now() + reconnectDelayMs(this.#failures, this.#options.backoff);
      const reason = error instanceof Error ? error.message : String(error);
      this.#setStatus({ serverName, transport: spec.transport, status: 'failed', toolsCount: 0, reason });
      logger?.warn(`MCP server '${serverName}': ${reason}`, { serverName, failures: this.#failures });
      throw error;
    }
  }

  #setStatus(status: McpServerStatus): void {
    this.#status = status;
    this.#options.onStatus?.(status);
  }

  #closedError(): AuraError {
    return new AuraError('MCP_CONNECT_FAILED', `MCP server '${this.#options.serverName}': connection pool is closed`, {
      data: { serverName: this.#options.serverName },
    });
  }
}

/** Waits for `promise` at most `timeoutMs` (the work itself is bounded elsewhere; this only caps the wait). */
async function raceTimeout(promise: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
}
