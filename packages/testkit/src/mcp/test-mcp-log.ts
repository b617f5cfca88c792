import { appendFileSync } from 'node:fs';
import { AuraError } from '@aura/events';
import { z } from 'zod';

const requestIdSchema = z.union([z.string(), z.number()]);

/** Fields every event carries: when (epoch ms), which server (its `serverInfo.name`) and which session. */
const common = {
  at: z.number(),
  server: z.string(),
  sessionId: z.string().optional(),
};

/**
 * The zod schema of one {@link TestMcpLogEvent}; used to parse JSON lines written by another process.
 *
 * Event types:
 * - `initialize`: the client finished the handshake (`notifications/initialized`).
 * - `list-tools`: a `tools/list` page was served (`cursor` asked for, `names` returned, `nextCursor` given).
 * - `call`: a `tools/call` arrived; `headers` are the inbound HTTP request headers (lower-case names), absent
 *   over stdio and in-memory transports.
 * - `progress`: a `notifications/progress` was sent for an in-flight call.
 * - `cancelled`: a `notifications/cancelled` reached the server; `tool` is set when it named an in-flight call.
 * - `call-finished`: a call's handler settled: `ok`, `tool-error` (result with `isError`), `error` (JSON-RPC
 *   error) or `aborted` (the request's signal fired first; no response is sent).
 * - `session-closed`: the server's transport closed (stdin ended, DELETE, SSE stream gone, server closed).
 * - `session-expired`: an HTTP test server forgot a session (`expireSessions()` or its idle TTL).
 * - `session-rejected`: an HTTP test server answered a request naming an unknown session id with `status`.
 * - `stream-opened`: an HTTP test server opened the session's server-to-client SSE stream (streamable HTTP: the
 *   standalone GET stream; legacy SSE: the event stream), so notifications such as `tools/list_changed` sent
 *   from now on reach the client.
 * - `error`: the SDK or the HTTP layer reported an error (kept for diagnosis; tests rarely assert on it).
 */
export const testMcpLogEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('initialize'),
    ...common,
    clientName: z.string().optional(),
    clientVersion: z.string().optional(),
  }),
  z.object({
    type: z.literal('list-tools'),
    ...common,
    cursor: z.string().optional(),
    names: z.array(z.string()),
    nextCursor: z.string().optional(),
  }),
  z.object({
    type: z.literal('call'),
    ...common,
    requestId: requestIdSchema,
    tool: z.string(),
    args: z.unknown(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.object({
    type: z.literal('progress'),
    ...common,
    requestId: requestIdSchema,
    tool: z.string(),
    progressToken: requestIdSchema,
    progress: z.number(),
    total: z.number().optional(),
    message: z.string().optional(),
  }),
  z.object({
    type: z.literal('cancelled'),
    ...common,
    requestId: requestIdSchema,
    tool: z.string().optional(),
    reason: z.string().optional(),
  }),
  z.object({
    type: z.literal('call-finished'),
    ...common,
    requestId: requestIdSchema,
    tool: z.string(),
    outcome: z.enum(['ok', 'tool-error', 'error', 'aborted']),
  }),
  z.object({ type: z.literal('session-closed'), ...common }),
  z.object({ type: z.literal('session-expired'), ...common, cause: z.enum(['expire-sessions', 'ttl']) }),
  z.object({ type: z.literal('session-rejected'), ...common, method: z.string(), status: z.number() }),
  z.object({ type: z.literal('stream-opened'), ...common }),
  z.object({ type: z.literal('error'), ...common, message: z.string() }),
]);

/** One thing a test MCP server did or saw. See {@link testMcpLogEventSchema} for the event types. */
export type TestMcpLogEvent = z.infer<typeof testMcpLogEventSchema>;

/** The `type` discriminator of {@link TestMcpLogEvent}. */
export type TestMcpLogEventType = TestMcpLogEvent['type'];

/** An event before it is recorded: `at` is optional and defaults to `Date.now()`. */
export type TestMcpLogEventInput = TestMcpLogEvent extends infer E
  ? E extends TestMcpLogEvent
    ? Omit<E, 'at'> & { readonly at?: number }
    : never
  : never;

/** Options of {@link TestMcpLog}. */
export interface TestMcpLogOptions {
  /** Also append every recorded event to this file as one JSON line (synchronously, so nothing is lost on exit). */
  readonly path?: string;
}

/** Options of {@link TestMcpLog.waitFor}. */
export interface TestMcpLogWaitOptions {
  /** Give up after this many milliseconds. Default 5000. */
  readonly timeoutMs?: number;
  /** Stop waiting when this fires; the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

interface Waiter {
  readonly predicate: (event: TestMcpLogEvent) => boolean;
  readonly resolve: (event: TestMcpLogEvent) => void;
}

/**
 * An append-only, in-memory record of what test MCP servers did, shared between the servers and the test.
 * Tests await events with {@link TestMcpLog.waitFor} instead of sleeping. With `path`, every event is also
 * appended to a JSON-lines file, which is how a stdio server in a child process reports to the test (read it
 * back with `followTestMcpLogFile`).
 */
export class TestMcpLog {
  /** The JSON-lines file events are appended to, if any. */
  readonly path: string | undefined;
  readonly #events: TestMcpLogEvent[] = [];
  readonly #waiters = new Set<Waiter>();

  constructor(options: TestMcpLogOptions = {}) {
    this.path = options.path;
  }

  /** Every event recorded so far, oldest first. */
  get events(): readonly TestMcpLogEvent[] {
    return this.#events;
  }

  /**
   * Records one event (stamping `at` when missing), appends it to the file when the log has a `path`, and
   * wakes the waiters it satisfies. Throws when the file cannot be written.
   */
  record(input: TestMcpLogEventInput): TestMcpLogEvent {
    const event = { ...input, at: input.at ?? Date.now() } as TestMcpLogEvent;
    this.#events.push(event);
    if (this.path !== undefined) appendFileSync(this.path, `${JSON.stringify(event)}\n`);
    for (const waiter of this.#waiters) {
      if (waiter.predicate(event)) waiter.resolve(event);
    }
    return event;
  }

  /** The recorded events of one type, oldest first. */
  ofType<T extends TestMcpLogEventType>(type: T): Extract<TestMcpLogEvent, { type: T }>[] {
    return this.#events.filter((event): event is Extract<TestMcpLogEvent, { type: T }> => event.type === type);
  }

  /**
   * Resolves with the first event (already recorded or recorded later) that satisfies `predicate`.
   * Rejects with an `AuraError` `RUN_TIMEOUT` after `timeoutMs` (default 5000) naming the event types seen,
   * or with `signal.reason` when `signal` fires.
   */
  waitFor<T extends TestMcpLogEvent>(
    predicate: (event: TestMcpLogEvent) => event is T,
    options?: TestMcpLogWaitOptions,
  ): Promise<T>;
  waitFor(predicate: (event: TestMcpLogEvent) => boolean, options?: TestMcpLogWaitOptions): Promise<TestMcpLogEvent>;
  waitFor(
    predicate: (event: TestMcpLogEvent) => boolean,
    options: TestMcpLogWaitOptions = {},
  ): Promise<TestMcpLogEvent> {
    const found = this.#events.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    const { signal, timeoutMs = 5000 } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<TestMcpLogEvent>((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#waiters.delete(waiter);
      };
      const waiter: Waiter = {
        predicate,
        resolve: (event) => {
          cleanup();
          resolve(event);
        },
      };
      const onAbort = (): void => {
        cleanup();
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.#events.map((event) => event.type).join(', ') || 'none';
        reject(
          new AuraError('RUN_TIMEOUT', `TestMcpLog: no matching event within ${timeoutMs} ms (events seen: ${seen})`, {
            data: { timeoutMs },
          }),
        );
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  /** Like {@link TestMcpLog.waitFor}, for the first event of `type` that also satisfies `where` (if given). */
  waitForType<T extends TestMcpLogEventType>(
    type: T,
    where: (event: Extract<TestMcpLogEvent, { type: T }>) => boolean = () => true,
    options: TestMcpLogWaitOptions = {},
  ): Promise<Extract<TestMcpLogEvent, { type: T }>> {
    const matches = (event: TestMcpLogEvent): event is Extract<TestMcpLogEvent, { type: T }> =>
      event.type === type && where(event as Extract<TestMcpLogEvent, { type: T }>);
    return this.waitFor(matches, options);
  }

  /** Forgets the in-memory events (the file, if any, is left alone). Pending waiters keep waiting. */
  clear(): void {
    this.#events.length = 0;
  }
}
