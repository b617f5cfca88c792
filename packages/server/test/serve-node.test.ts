import { connect, type Socket } from 'node:net';
import { AuraError } from '@aura/events';
import { afterEach, describe, expect, it } from 'vitest';
import { type NodeServer, serveNode } from '../src/index.js';

const app = { fetch: () => new Response('ok') };
const servers: NodeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close({ graceMs: 0 });
});

async function serve(options: Partial<Parameters<typeof serveNode>[1]> = {}): Promise<NodeServer> {
  const server = await serveNode(app, { host: '127.0.0.1', port: 0, ...options });
  servers.push(server);
  return server;
}

/** A raw keep-alive HTTP/1.1 connection: sends GETs and reports each response and when the server closes it. */
class RawConnection {
  readonly socket: Socket;
  #buffer = '';
  #waiter: (() => void) | undefined;
  closedAt: number | undefined;
  readonly closed: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.#buffer += chunk;
      this.#waiter?.();
    });
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      this.socket.on('close', () => {
        this.closedAt = performance.now();
        resolve();
      }),
    );
  }

  /** Sends one GET and resolves with the status line of its response. */
  async get(): Promise<string> {
    this.#buffer = '';
    this.socket.write('GET /health HTTP/1.1\r\nhost: x\r\n\r\n');
    while (!this.#buffer.includes('\r\n\r\nok') && !this.#buffer.endsWith('ok')) {
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
      });
    }
    return this.#buffer.split('\r\n')[0] ?? '';
  }
}

describe('serveNode connection settings', () => {
  it('keeps an idle keep-alive connection for keepAliveTimeoutMs, then closes it', async () => {
    const server = await serve({ keepAliveTimeoutMs: 400 });
    const connection = new RawConnection(server.port);
    expect(await connection.get()).toBe('HTTP/1.1 200 OK');
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Still open: the second request reuses the connection.
    expect(await connection.get()).toBe('HTTP/1.1 200 OK');
    const idleSince = performance.now();
    await connection.closed;
    const idleMs = (connection.closedAt ?? 0) - idleSince;
    expect(idleMs).toBeGreaterThanOrEqual(300);
    expect(idleMs).toBeLessThan(3000);
  });

  it('by default outlives Node’s 5 s keep-alive, so clients never reuse a connection the server just closed', async () => {
    const server = await serve();
    const connection = new RawConnection(server.port);
    expect(await connection.get()).toBe('HTTP/1.1 200 OK');
    await new Promise((resolve) => setTimeout(resolve, 5500));
    expect(connection.closedAt).toBeUndefined();
    expect(await connection.get()).toBe('HTTP/1.1 200 OK');
    connection.socket.destroy();
  }, 15_000);

  it('refuses a headers timeout longer than the request timeout, naming both', async () => {
    await expect(serve({ headersTimeoutMs: 10_000, requestTimeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'headersTimeoutMs (10000) must not exceed requestTimeoutMs (5000)',
    });
  });

  it('a port in use is an INTERNAL error naming the address', async () => {
    const first = await serve();
    const error = await serve({ port: first.port }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuraError);
    expect((error as AuraError).code).toBe('INTERNAL');
    expect((error as AuraError).message).toContain(`127.0.0.1:${first.port}`);
    expect((error as AuraError).message).toContain('EADDRINUSE');
  });
});
