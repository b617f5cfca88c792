import { AuraError, type McpServerStatus } from '@aura/events';
import { createLease, type LeaseSlot, type McpLease } from './mcp-lease.js';
import { McpServerSlot } from './mcp-server-slot.js';
import type { ForwardedHeaders, McpLogger, McpServerSpec, McpToolDefinition } from './mcp-types.js';
import { connectionIdentity, forwardsRequestHeaders, resolveOutboundHeaders } from './outbound-headers.js';
import { DEFAULT_RECONNECT_BACKOFF, type ReconnectBackoffOptions } from './reconnect-backoff.js';

/** Options of {@link createMcpPool}. */
export interface McpPoolOptions {
  /** The servers by name (`[mcp.servers.<name>]` plus supervisor settings). */
  readonly servers: Readonly<Record<string, McpServerSpec>>;
  /**
   * `'lazy'` (default, for embedding): {@link McpPool.start} does nothing and servers connect at the first
   * `acquire`. `'eager'` (what the server uses): `start()` connects every shared server up front.
   */
  readonly connect?: 'lazy' | 'eager';
  /** Bound on one connection attempt (transport start + `initialize` + `tools/list`), in ms. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Backoff between failed connection attempts of one server. Default 500 ms doubling to 5 s, jittered. */
  readonly reconnectBackoff?: ReconnectBackoffOptions;
  /** Ping shared connections idle for this long, at this interval, in ms (`0` = off). Default 30 000. */
  readonly healthCheckIntervalMs?: number;
  /** At most this many header-keyed (forwarded-identity) connections per server. Default 32. */
  readonly maxForwardedConnectionsPerServer?: number;
  /** A header-keyed connection unused for this long is closed, in ms. Default 300 000. */
  readonly forwardedConnectionIdleMs?: number;
  /** Sent as MCP `clientInfo`. Default `{ name: 'aura', version: '0.1.0' }`. */
  readonly clientInfo?: { readonly name: string; readonly version: string };
  readonly logger?: McpLogger;
  /** A server's tool list changed (`tools/list_changed`) and was re-read. */
  readonly onToolsChanged?: (event: {
    readonly serverName: string;
    readonly tools: readonly McpToolDefinition[];
  }) => void;
}

/** Options of {@link McpPool.acquire}. */
export interface McpAcquireOptions {
  /** The caller's inbound request headers, for `headers_from_request`. */
  readonly forwardedHeaders?: ForwardedHeaders;
  /** Stops waiting for connections: `acquire` rejects with `RUN_ABORTED` (cause: `signal.reason`). */
  readonly signal?: AbortSignal;
}

/** Pooled, supervised MCP connections shared by every run; see {@link createMcpPool}. */
export interface McpPool {
  /** The configured server names, sorted. */
  readonly serverNames: readonly string[];
  /**
   * `connect: 'eager'`: connects every shared server (static headers) concurrently; failures are
   * non-fatal (recorded in the status, retried on demand with backoff). `'lazy'`: no-op. Resolves with
   * {@link McpPool.mcpStatusSnapshot}. Rejects with `RUN_ABORTED` when `signal` fires first.
   */
  start(options?: { readonly signal?: AbortSignal }): Promise<readonly McpServerStatus[]>;
  /**
   * The connections of one run: for every server, the connection of the caller's identity (server +
   * resolved headers; stdio ignores forwarded headers), connected concurrently and each bounded by the
   * connect timeout. A server that cannot be connected reports `failed` and contributes no tools; the
   * lease still resolves. `per_request` stdio servers get a child of their own. Rejects with
   * `RUN_ABORTED` when `signal` fires (or the pool is closed).
   */
  acquire(options?: McpAcquireOptions): Promise<McpLease>;
  /**
   * Last known status per server without connecting anything, sorted by name: `not_attempted` until a
   * server was tried, `failed` with the reason of the last failure or connection loss.
   */
  mcpStatusSnapshot(): readonly McpServerStatus[];
  /**
   * Terminates HTTP sessions (`DELETE`), closes transports and kills stdio children, concurrently and
   * bounded (default 5 s, or until `signal` fires). Later `acquire` calls reject. Idempotent; never rejects.
   */
  close(options?: { readonly signal?: AbortSignal; readonly timeoutMs?: number }): Promise<void>;
}

interface ServerEntry {
  readonly name: string;
  readonly spec: McpServerSpec;
  readonly baseIdentity: string;
  /** Shared slots by identity (the base identity plus forwarded ones). */
  readonly slots: Map<string, McpServerSlot>;
}

/**
 * Creates the MCP connection supervisor (core-spec §4; deliberately unlike the reference, which connects
 * and spawns stdio children on every request — docs/compat.md). Connections are pooled across runs per
 * identity (server + resolved outbound headers, so one caller's forwarded credentials never reach
 * another's calls), reconnected with backoff when a server restarts or a session expires, health-checked
 * while idle, and torn down by {@link McpPool.close}. No I/O happens before `start`/`acquire`.
 *
 * Throws an `AuraError` `CONFIG_INVALID` for invalid numeric options.
 */
export function createMcpPool(options: McpPoolOptions): McpPool {
  const connectTimeoutMs = positive('connectTimeoutMs', options.connectTimeoutMs, 10_000);
  const healthCheckIntervalMs = nonNegative('healthCheckIntervalMs', options.healthCheckIntervalMs, 30_000);
  const maxForwarded = positive('maxForwardedConnectionsPerServer', options.maxForwardedConnectionsPerServer, 32);
  const forwardedIdleMs = positive('forwardedConnectionIdleMs', options.forwardedConnectionIdleMs, 300_000);
  const backoff = { ...DEFAULT_RECONNECT_BACKOFF, ...options.reconnectBackoff };
  const clientInfo = options.clientInfo ?? { name: 'aura', version: '0.1.0' };
  const { logger } = options;
  const lastStatus = new Map<string, McpServerStatus>();
  const ownedSlots = new Set<McpServerSlot>();
  const entries: ServerEntry[] = Object.entries(options.servers)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, spec]) => ({
      name,
      spec,
      baseIdentity: connectionIdentity(name, resolveOutboundHeaders(spec, undefined)),
      slots: new Map<string, McpServerSlot>(),
    }));
  let closed = false;
  let closing: Promise<void> | undefined;

  const newSlot = (entry: ServerEntry, headers: Readonly<Record<string, string>>): McpServerSlot =>
    new McpServerSlot({
      serverName: entry.name,
      spec: entry.spec,
      headers,
      clientInfo,
      connectTimeoutMs,
      backoff,
      logger,
      onToolsChanged: (serverName, tools) => options.onToolsChanged?.({ serverName, tools }),
      onStatus: (status) => lastStatus.set(entry.name, status),
    });

  const sharedSlot = (entry: ServerEntry, forwarded: ForwardedHeaders | undefined): McpServerSlot => {
    const headers = resolveOutboundHeaders(entry.spec, forwarded);
    const identity = forwardsRequestHeaders(entry.spec) ? connectionIdentity(entry.name, headers) : entry.baseIdentity;
    let slot = entry.slots.get(identity);
    if (slot === undefined) {
      if (identity !== entry.baseIdentity) evictForwarded(entry, maxForwarded - 1);
      slot = newSlot(entry, headers);
      entry.slots.set(identity, slot);
    }
    return slot;
  };

  /** Closes idle forwarded slots: all past the idle TTL, then least recently used ones down to `keep`. */
  const evictForwarded = (entry: ServerEntry, keep: number): void => {
    const now = Date.now();
    const forwarded = [...entry.slots.entries()].filter(([identity]) => identity !== entry.baseIdentity);
    const idle = forwarded.filter(([, slot]) => !slot.busy).sort(([, a], [, b]) => a.lastUsedAt - b.lastUsedAt);
    let count = forwarded.length;
    for (const [identity, slot] of idle) {
      if (count <= keep && now - slot.lastUsedAt < forwardedIdleMs) break;
      entry.slots.delete(identity);
      count -= 1;
      void slot.close();
    }
    if (count > keep) {
      logger?.warn(`MCP server '${entry.name}': ${count} forwarded-header connections busy (limit ${maxForwarded})`);
    }
  };

  const timers: NodeJS.Timeout[] = [];
  const every = (intervalMs: number, task: () => void): void => {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    timers.push(timer);
  };
  every(Math.min(forwardedIdleMs, 60_000), () => {
    for (const entry of entries) evictForwarded(entry, maxForwarded);
  });
  if (healthCheckIntervalMs > 0) {
    every(healthCheckIntervalMs, () => {
      for (const entry of entries)
        for (const slot of entry.slots.values()) void slot.healthCheck(healthCheckIntervalMs);
    });
  }

  const abortedError = (signal: AbortSignal | undefined, what: string): AuraError =>
    new AuraError('RUN_ABORTED', what, { cause: signal?.reason });

  const snapshot = (): McpServerStatus[] =>
    entries.map(
      (entry): McpServerStatus =>
        lastStatus.get(entry.name) ?? {
          serverName: entry.name,
          transport: entry.spec.transport,
          status: 'not_attempted',
          toolsCount: 0,
        },
    );

  const release = async (slots: readonly LeaseSlot[]): Promise<void> => {
    for (const { slot } of slots) slot.hold(-1);
    await Promise.all(
      slots
        .filter((leased) => leased.owned)
        .map(async ({ slot }) => {
          await slot.close();
          ownedSlots.delete(slot);
        }),
    );
  };

  return {
    serverNames: entries.map((entry) => entry.name),

    async start(startOptions = {}) {
      const { signal } = startOptions;
      if (closed || signal?.aborted === true) throw abortedError(signal, 'MCP pool start was cancelled');
      if (options.connect === 'eager') {
        const shared = entries.filter((entry) => !isPerRequest(entry.spec));
        const attempts = shared.map((entry) =>
          sharedSlot(entry, undefined)
            .ensure({ signal })
            .then(
              () => undefined,
              () => undefined,
            ),
        );
        await Promise.all(attempts);
        if (signal !== undefined && isAborted(signal)) throw abortedError(signal, 'MCP pool start was cancelled');
      }
      return snapshot();
    },

    async acquire(acquireOptions = {}) {
      const { signal, forwardedHeaders } = acquireOptions;
      if (closed) throw abortedError(undefined, 'MCP pool is closed');
      if (signal?.aborted === true) throw abortedError(signal, 'Acquiring MCP connections was cancelled');
      const slots: LeaseSlot[] = entries.map((entry) => {
        if (!isPerRequest(entry.spec)) {
          return { name: entry.name, spec: entry.spec, slot: sharedSlot(entry, forwardedHeaders), owned: false };
        }
        const slot = newSlot(entry, {});
        ownedSlots.add(slot);
        return { name: entry.name, spec: entry.spec, slot, owned: true };
      });
      for (const { slot } of slots) slot.hold(1);
      const outcomes = await Promise.all(
        slots.map(({ slot }) =>
          slot.ensure({ signal }).then(
            () => true,
            () => signal?.aborted !== true,
          ),
        ),
      );
      if (outcomes.includes(false) || closed) {
        await release(slots);
        throw abortedError(signal, closed ? 'MCP pool is closed' : 'Acquiring MCP connections was cancelled');
      }
      return createLease(slots, release);
    },

    mcpStatusSnapshot: snapshot,

    close(closeOptions = {}) {
      closed = true;
      closing ??= (async () => {
        for (const timer of timers) clearInterval(timer);
        const slots = [...ownedSlots, ...entries.flatMap((entry) => [...entry.slots.values()])];
        for (const entry of entries) entry.slots.clear();
        ownedSlots.clear();
        await Promise.all(slots.map((slot) => slot.close(closeOptions.timeoutMs)));
      })();
      const { signal } = closeOptions;
      if (signal === undefined) return closing;
      return new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        if (signal.aborted) return resolve();
        signal.addEventListener('abort', onAbort, { once: true });
        closing?.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
  };
}

/** Reads `signal.aborted` through a call, so the compiler does not keep a narrowing from before an `await`. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

function isPerRequest(spec: McpServerSpec): boolean {
  return spec.transport === 'stdio' && spec.isolation === 'per_request';
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new AuraError('CONFIG_INVALID', `MCP pool option ${name} must be a positive number, got ${value}`);
  }
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new AuraError('CONFIG_INVALID', `MCP pool option ${name} must be zero or positive, got ${value}`);
  }
  return value;
}
