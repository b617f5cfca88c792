/** Binding the app to a Node HTTP server (`@hono/node-server`): the only place that opens the socket. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuraError } from '@aura/events';
import { createAdaptorServer, type Http2Bindings, type HttpBindings } from '@hono/node-server';

/**
 * What {@link serveNode} needs of the app. `env` is `@hono/node-server`'s bindings: the Node request and response
 * (`c.env.incoming` / `c.env.outgoing` in Hono), which the streaming route writes to directly.
 */
export interface FetchApp {
  fetch(request: Request, env: HttpBindings | Http2Bindings): Response | Promise<Response>;
}

/** Options of {@link serveNode}. */
export interface ServeNodeOptions {
  /** Bind address, e.g. `127.0.0.1` or `0.0.0.0`. */
  readonly host: string;
  /** Bind port; 0 picks a free one (see {@link NodeServer.port}). */
  readonly port: number;
  /**
   * Length of the kernel's queue of connections not yet accepted. Default {@link DEFAULT_LISTEN_BACKLOG}
   * (Node's own default, 511, overflowed under 1000 clients connecting at once: dropped SYNs are retried after
   * 1 s, 3 s, 7 s …). Linux caps it at `net.core.somaxconn`.
   */
  readonly backlog?: number;
  /**
   * How long an idle keep-alive connection stays open, in ms. Default {@link DEFAULT_KEEP_ALIVE_TIMEOUT_MS}
   * (65 s): longer than the 60 s idle timeout of common load balancers and proxies (AWS ALB, nginx upstream
   * keep-alive, …), so the server never closes a connection its client is about to reuse (which the client sees
   * as `ECONNRESET`; Node's 5 s default invites that).
   */
  readonly keepAliveTimeoutMs?: number;
  /**
   * Longest wait for a request's complete headers, in ms. Default `keepAliveTimeoutMs` + 1000 (kept above the
   * keep-alive timeout, the usual pairing).
   */
  readonly headersTimeoutMs?: number;
  /**
   * Longest wait for a complete request (headers and body), in ms; 0 disables it. Default
   * {@link DEFAULT_REQUEST_TIMEOUT_MS} (Node's 300 s). It stops at the end of the request, so it never cuts a
   * long response stream.
   */
  readonly requestTimeoutMs?: number;
}

/** Default {@link ServeNodeOptions.backlog}. */
export const DEFAULT_LISTEN_BACKLOG = 4096;
/** Default {@link ServeNodeOptions.keepAliveTimeoutMs}. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Default {@link ServeNodeOptions.requestTimeoutMs}. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

/** A listening server. */
export interface NodeServer {
  /** The bound address and port (the real port when 0 was asked). */
  readonly host: string;
  readonly port: number;
  /** `http://<host>:<port>` of the bound address (IPv6 bracketed). */
  readonly url: string;
  /**
   * Stops accepting connections and closes idle keep-alive ones at once; responses still being written get
   * `graceMs` (default 5000) before every remaining connection is destroyed, so keep-alive sockets never hold
   * shutdown. Idempotent.
   */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

/**
 * Listens on `host:port` with the connection settings of {@link ServeNodeOptions}.
 *
 * @throws {AuraError} `INTERNAL` naming the address when it cannot be bound (in use, not permitted, unknown);
 *   `CONFIG_INVALID` when `headersTimeoutMs` exceeds a non-zero `requestTimeoutMs` (Node refuses that).
 */
export async function serveNode(app: FetchApp, options: ServeNodeOptions): Promise<NodeServer> {
  const keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  const headersTimeout = options.headersTimeoutMs ?? keepAliveTimeout + 1000;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (requestTimeout > 0 && headersTimeout > requestTimeout) {
    throw new AuraError(
      'CONFIG_INVALID',
      `headersTimeoutMs (${headersTimeout}) must not exceed requestTimeoutMs (${requestTimeout})`,
    );
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const created = createAdaptorServer({
      fetch: (request, env) => app.fetch(request, env),
      hostname: options.host,
      serverOptions: { keepAliveTimeout, headersTimeout, requestTimeout },
    }) as Server;
    const onError = (error: Error): void => {
      const code = 'code' in error ? ` (${String(error.code)})` : '';
      reject(
        new AuraError('INTERNAL', `Cannot listen on ${options.host}:${options.port}: ${error.message}${code}`, {
          cause: error,
        }),
      );
    };
    created.once('error', onError);
    created.listen(
      { host: options.host, port: options.port, backlog: options.backlog ?? DEFAULT_LISTEN_BACKLOG },
      () => {
        created.off('error', onError);
        resolve(created);
      },
    );
  });
  const address = server.address() as AddressInfo;
  const host = address.address;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    host,
    port: address.port,
    url,
    close(closeOptions = {}) {
      closing ??= closeServer(server, closeOptions.graceMs ?? 5000);
      return closing;
    },
  };
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
