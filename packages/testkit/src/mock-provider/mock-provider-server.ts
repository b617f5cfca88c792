/**
 * The mock provider server: a real HTTP server on loopback that speaks each provider's wire format, plays
 * scripted turns (queue first, then rules), injects faults, records every request and notices client aborts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuraError } from '@aura/events';
import { DEFAULT_EMBEDDING_DIMENSIONS } from '../embeddings/deterministic-embedding.js';
import type { ModelTurn } from '../script/model-turn.js';
import type { MockRule } from '../script/rules.js';
import { TurnScript } from '../script/turn-script.js';
import type { TestkitLogger } from '../util/logger.js';
import type { MutableRecordedRequest, RecordedRequest } from './recorded-request.js';
import { createRequestHandler } from './request-handler.js';
import { type ProviderBaseUrls, providerBaseUrls } from './routes.js';

/** Options of {@link startMockProvider}. */
export interface MockProviderOptions {
  /** Turns answered in order, one per chat request. */
  readonly turns?: readonly ModelTurn[];
  /** Consulted when the queue is empty; restored by `reset()`. */
  readonly rules?: readonly MockRule[];
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0 (an ephemeral port). */
  readonly port?: number;
  /** Embedding size when the request names none. Default 64. */
  readonly embeddingDimensions?: number;
  /** Receives internal failures; the server never logs to the console. */
  readonly logger?: TestkitLogger;
}

/** Options of the `waitFor…` methods. */
export interface WaitOptions {
  readonly signal?: AbortSignal;
  /** Default 5000. */
  readonly timeoutMs?: number;
}

/** A running mock provider server. */
export interface MockProviderServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Base URL to give each provider package. */
  readonly urls: ProviderBaseUrls;
  /** Every request since start or the last `reset()`, oldest first (a live array). */
  readonly requests: readonly RecordedRequest[];
  /** Chat requests only (what the model was asked). */
  readonly chatRequests: readonly RecordedRequest[];
  /** The most recent request. */
  readonly lastRequest: RecordedRequest | undefined;
  /** Requests the client abandoned before the answer was complete. */
  readonly abortCount: number;
  /** Queued chat turns not yet played. */
  readonly pendingTurns: number;
  /** Queues chat turns. */
  enqueue(...turns: ModelTurn[]): void;
  /** Queues embeddings answers; only their `fault` and `timing` apply (with none queued, embeddings answer at once). */
  enqueueEmbeddings(...turns: ModelTurn[]): void;
  /** Replaces the rules. */
  setRules(...rules: MockRule[]): void;
  /** Clears queues, recorded requests and abort counts, and restores the rules given at start. */
  reset(): void;
  /**
   * Resolves with the requests once at least `count` have been recorded since start/reset (race-free: counts
   * what already happened). Honours `signal`.
   * @throws AuraError `RUN_TIMEOUT` after `timeoutMs`.
   */
  waitForRequests(count?: number, options?: WaitOptions): Promise<readonly RecordedRequest[]>;
  /**
   * Resolves with the aborted requests once at least `count` requests were abandoned by their client since
   * start/reset. Honours `signal`.
   * @throws AuraError `RUN_TIMEOUT` after `timeoutMs`.
   */
  waitForAborts(count?: number, options?: WaitOptions): Promise<readonly RecordedRequest[]>;
  /** Stops listening and destroys open connections (hanging requests included). */
  close(): Promise<void>;
}

/**
 * Starts a mock provider server on loopback.
 * @throws AuraError `INTERNAL` when the port cannot be bound.
 */
export async function startMockProvider(options: MockProviderOptions = {}): Promise<MockProviderServer> {
  const server = new MockProvider(options);
  await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  return server;
}

// Kept unexported: callers depend on the MockProviderServer interface, not on this class.
class MockProvider implements MockProviderServer {
  url = '';
  urls: ProviderBaseUrls = providerBaseUrls('');
  readonly #records: MutableRecordedRequest[] = [];
  readonly #script: TurnScript;
  readonly #initialRules: readonly MockRule[];
  readonly #embeddingTurns: ModelTurn[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #server: Server;
  #toolCallCount = 0;

  constructor(options: MockProviderOptions) {
    this.#initialRules = options.rules ?? [];
    this.#script = new TurnScript(options.turns, this.#initialRules);
    this.#server = createServer(
      createRequestHandler({
        script: this.#script,
        embeddingTurns: this.#embeddingTurns,
        embeddingDimensions: options.embeddingDimensions ?? DEFAULT_EMBEDDING_DIMENSIONS,
        logger: options.logger,
        record: (request) => {
          const record = { ...request, index: this.#records.length };
          this.#records.push(record);
          this.#changed();
          return record;
        },
        changed: () => this.#changed(),
        nextToolCallId: (prefix) => `${prefix}${++this.#toolCallCount}`,
      }),
    );
  }

  async listen(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) =>
        reject(
          new AuraError('INTERNAL', `mock provider: cannot listen on ${host}:${port}: ${error.message}`, {
            cause: error,
          }),
        );
      this.#server.once('error', onError);
      this.#server.listen(port, host, () => {
        this.#server.off('error', onError);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.url = `http://${hostPart}:${address.port}`;
    this.urls = providerBaseUrls(this.url);
  }

  get requests(): readonly RecordedRequest[] {
    return this.#records;
  }

  get chatRequests(): readonly RecordedRequest[] {
    return this.#records.filter((record) => record.kind === 'chat');
  }

  get lastRequest(): RecordedRequest | undefined {
    return this.#records.at(-1);
  }

  get abortCount(): number {
    return this.#records.filter((record) => record.aborted).length;
  }

  get pendingTurns(): number {
    return this.#script.pending;
  }

  enqueue(...turns: ModelTurn[]): void {
    this.#script.enqueue(...turns);
  }

  enqueueEmbeddings(...turns: ModelTurn[]): void {
    this.#embeddingTurns.push(...turns);
  }

  setRules(...rules: MockRule[]): void {
    this.#script.setRules(rules);
  }

  reset(): void {
    this.#script.reset(this.#initialRules);
    this.#embeddingTurns.length = 0;
    this.#records.length = 0;
  }

  waitForRequests(count = 1, options: WaitOptions = {}): Promise<readonly RecordedRequest[]> {
    return this.#waitFor(
      () => (this.#records.length >= count ? this.#records : undefined),
      `${count} request(s)`,
      options,
    );
  }

  waitForAborts(count = 1, options: WaitOptions = {}): Promise<readonly RecordedRequest[]> {
    return this.#waitFor(
      () => {
        const aborted = this.#records.filter((record) => record.aborted);
        return aborted.length >= count ? aborted : undefined;
      },
      `${count} aborted request(s)`,
      options,
    );
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeAllConnections();
    await closed;
  }

  #changed(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  async #waitFor<T>(check: () => T | undefined, what: string, options: WaitOptions): Promise<T> {
    const ready = check();
    if (ready !== undefined) return ready;
    const timeoutMs = options.timeoutMs ?? 5000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    let waiter: (() => void) | undefined;
    let onAbort: (() => void) | undefined;
    try {
      return await new Promise<T>((resolve, reject) => {
        waiter = () => {
          const value = check();
          if (value !== undefined) resolve(value);
        };
        onAbort = () =>
          reject(
            timeout.aborted
              ? new AuraError(
                  'RUN_TIMEOUT',
                  `mock provider: no ${what} within ${timeoutMs} ms (${this.#records.length} request(s) seen)`,
                )
              : signal.reason,
          );
        this.#waiters.add(waiter);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    } finally {
      if (waiter !== undefined) this.#waiters.delete(waiter);
      if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
    }
  }
}
