/**
 * The load generator of the server benchmark (runs in the bench process, never inside a party): streaming
 * chat requests over `node:http` keep-alive sockets, SSE parsed just enough to timestamp the first content
 * delta, count content deltas and see `[DONE]`.
 */
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

/** The request body every measured stream sends (the same for both parties). */
export function chatBody(userText: string): string {
  return JSON.stringify({
    model: 'bench',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: userText }],
  });
}

/** One finished (or failed) stream. */
export interface StreamOutcome {
  /** Request start → first content delta, ms (NaN when none arrived). */
  readonly ttftMs: number;
  /** Request start → end of the response, ms. */
  readonly totalMs: number;
  /** Content deltas received. */
  readonly tokens: number;
  /** Undefined when the stream was complete: status 200, the expected tokens, `[DONE]`. */
  readonly error: string | undefined;
}

// A content delta carries `"content":"<at least one character>`; the role chunk's `"content":""` does not count.
const CONTENT = /"content":"[^"]/;

/** Sends one streaming request on `agent` and reads it to the end. Never rejects. */
export function streamOnce(agent: Agent, port: number, body: string, expectedTokens: number): Promise<StreamOutcome> {
  const started = performance.now();
  return new Promise<StreamOutcome>((resolve) => {
    let first = Number.NaN;
    let tokens = 0;
    let done = false;
    let settled = false;
    const finish = (error: string | undefined): void => {
      if (settled) return;
      settled = true;
      resolve({ ttftMs: first - started, totalMs: performance.now() - started, tokens, error });
    };
    const request = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          response.once('end', () => finish(`HTTP ${response.statusCode}`));
          return;
        }
        response.setEncoding('utf8');
        let buffer = '';
        response.on('data', (data: string) => {
          buffer += data;
          let at = buffer.indexOf('\n\n');
          while (at >= 0) {
            const frame = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            if (frame.startsWith('data: ')) {
              if (frame === 'data: [DONE]') done = true;
              else if (CONTENT.test(frame)) {
                if (tokens === 0) first = performance.now();
                tokens += 1;
              }
            }
            at = buffer.indexOf('\n\n');
          }
        });
        response.once('end', () => {
          if (!done) finish('stream ended without [DONE]');
          else if (tokens !== expectedTokens) finish(`${tokens} content deltas, expected ${expectedTokens}`);
          else finish(undefined);
        });
        response.once('error', (error) => finish(error.message));
        response.once('close', () => finish('connection closed before the end of the stream'));
      },
    );
    request.once('error', (error) => finish(error.message));
    request.end(body);
  });
}

/** Options of {@link runLevel}. */
export interface RunLevelOptions {
  readonly port: number;
  readonly concurrency: number;
  /** Measured requests (after one unmeasured request per worker that opens the keep-alive sockets). */
  readonly requests: number;
  readonly body: string;
  readonly expectedTokens: number;
  /** Worker i starts at i × staggerMs / concurrency, so the streams run out of phase (steady load). */
  readonly staggerMs: number;
  /** Called when the warm-up round is over and the measured part begins. */
  readonly onMeasuredStart?: () => void;
}

/** What one level measured. */
export interface LevelOutcome {
  readonly outcomes: readonly StreamOutcome[];
  /** First measured request start → last measured stream end, ms. */
  readonly wallMs: number;
}

/**
 * Runs `concurrency` closed-loop workers until `requests` streams have completed. A warm-up round (one request
 * per worker, unmeasured, started with the same stagger) first opens every keep-alive socket, so the figures
 * exclude TCP connection set-up as long as the server keeps up.
 */
export async function runLevel(options: RunLevelOptions): Promise<LevelOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const staggered = async (index: number): Promise<void> => {
      const delay = (index * options.staggerMs) / options.concurrency;
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    };
    await Promise.all(
      Array.from({ length: options.concurrency }, async (_, index) => {
        await staggered(index);
        await streamOnce(agent, options.port, options.body, options.expectedTokens);
      }),
    );
    const outcomes: StreamOutcome[] = [];
    let issued = 0;
    options.onMeasuredStart?.();
    const started = performance.now();
    const worker = async (index: number): Promise<void> => {
      await staggered(index);
      while (issued < options.requests) {
        issued += 1;
        outcomes.push(await streamOnce(agent, options.port, options.body, options.expectedTokens));
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
    return { outcomes, wallMs: performance.now() - started };
  } finally {
    agent.destroy();
  }
}

/** Streams held open by {@link openIdleStreams}. */
export interface IdleStreams {
  /** Streams whose response head arrived. */
  readonly opened: number;
  /** Streams that failed or ended while they should have stayed open. */
  readonly broken: number;
  /** The first few failure messages. */
  readonly errors: readonly string[];
  /** Destroys every socket and resolves once all are closed. */
  abortAll(): Promise<void>;
}

/**
 * Opens `count` streaming requests whose upstream answer stalls and keeps them open, `batch` at a time (each
 * batch waits for its response heads, so the server's accept backlog never overflows). Bytes that arrive
 * (heartbeats) are read and dropped.
 */
export async function openIdleStreams(port: number, count: number, body: string, batch: number): Promise<IdleStreams> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const sockets: { destroy(): void }[] = [];
  let opened = 0;
  let broken = 0;
  const errors: string[] = [];
  let closing = false;
  const fail = (message: string): void => {
    if (closing) return;
    broken += 1;
    if (errors.length < 5) errors.push(message);
  };
  const openOne = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const request = httpRequest(
        {
          agent,
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/chat/completions',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          let over = false;
          const ended = (message: string): void => {
            if (over) return;
            over = true;
            fail(message);
          };
          if (response.statusCode === 200) opened += 1;
          else ended(`HTTP ${response.statusCode}`);
          response.on('data', () => undefined);
          response.once('end', () => ended('stream ended while it should idle'));
          response.once('close', () => ended('connection closed while the stream should idle'));
          response.once('error', () => undefined);
          resolve();
        },
      );
      sockets.push(request);
      request.once('error', (error) => {
        fail(error.message);
        resolve();
      });
      request.end(body);
    });
  for (let start = 0; start < count; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - start) }, openOne));
  }
  return {
    get opened() {
      return opened;
    },
    get broken() {
      return broken;
    },
    errors,
    abortAll: async () => {
      closing = true;
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
