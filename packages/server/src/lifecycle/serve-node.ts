/** Binding the app to a Node HTTP server (`@hono/node-server`): the only place that opens the socket. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuraError } from '@aura/events';
import { serve } from '@hono/node-server';

/** What {@link serveNode} needs of the app. */
export interface FetchApp {
  fetch(request: Request, ...rest: never[]): Response | Promise<Response>;
}

/** Options of {@link serveNode}. */
export interface ServeNodeOptions {
  /** Bind address, e.g. `127.0.0.1` or `0.0.0.0`. */
  readonly host: string;
  /** Bind port; 0 picks a free one (see {@link NodeServer.port}). */
  readonly port: number;
}

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
 * Listens on `host:port`.
 *
 * @throws {AuraError} `INTERNAL` naming the address when it cannot be bound (in use, not permitted, unknown).
 */
export async function serveNode(app: FetchApp, options: ServeNodeOptions): Promise<NodeServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve(
      { fetch: (request) => app.fetch(request), hostname: options.host, port: options.port },
      () => {
        created.off('error', onError);
        resolve(created as Server);
      },
    );
    const onError = (error: Error): void => {
      const code = 'code' in error ? ` (${String(error.code)})` : '';
      reject(
        new AuraError('INTERNAL', `Cannot listen on ${options.host}:${options.port}: ${error.message}${code}`, {
          cause: error,
        }),
      );
    };
    created.once('error', onError);
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
