import { AuraError } from '@aura/events';
import type { FetchLike, Transport } from '@modelcontextprotocol/client';
import { mcpSdk } from './mcp-sdk.js';
import type { McpLogger, McpServerSpec, McpTransportName } from './mcp-types.js';
import { StderrTail } from './stderr-tail.js';

/** An HTTP response that was not 2xx. */
export interface HttpFailure {
  readonly status: number;
  readonly statusText: string;
}

/** A transport built by {@link createMcpTransport} plus what the supervisor needs to observe it. */
export interface McpTransportHandle {
  readonly transport: Transport;
  readonly kind: McpTransportName;
  /** The first non-2xx HTTP response this transport received (HTTP transports), for connect-failure reasons. */
  firstHttpFailure(): HttpFailure | undefined;
  /** Whether any response was `401 Unauthorized`. */
  sawUnauthorized(): boolean;
  /** The last lines the stdio child wrote to stderr (`''` for HTTP). */
  stderrTail(): string;
  /** The stdio child's pid while it runs. */
  pid(): number | undefined;
  /** Ends the HTTP session with `DELETE` (streamable HTTP with a session only; 405 counts as done). */
  terminateSession(): Promise<void>;
}

/** Options of {@link createMcpTransport}. */
export interface CreateMcpTransportOptions {
  readonly serverName: string;
  readonly spec: McpServerSpec;
  /** Resolved outbound headers (HTTP transports; see `resolveOutboundHeaders`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly logger?: McpLogger | undefined;
}

// Short, bounded resumption of broken streamable-HTTP streams: a dead server must surface within ~1 s, not
// the SDK default's 1 s + 1.5 s of silence per stream.
const STREAMABLE_RECONNECTION = {
  initialReconnectionDelay: 200,
  maxReconnectionDelay: 1000,
  reconnectionDelayGrowFactor: 2,
  maxRetries: 2,
} as const;

/**
 * Builds the official MCP SDK client transport for one server (not started; `Client.connect` starts it):
 *
 * - `http_streamable` → `StreamableHTTPClientTransport`, `sse` → `SSEClientTransport`, both sending the
 *   resolved headers on every request (invalid header names/values are skipped with a warning, §4.2) and
 *   recording the first failing HTTP status;
 * - `stdio` → `StdioClientTransport` spawning `cmd[0]` with `cmd[1..] ++ args`, environment = this process's
 *   environment plus `env` (the SDK alone would pass only a safe subset), no shell, stderr piped into a small
 *   tail buffer instead of being inherited.
 *
 * Throws an `AuraError` `MCP_CONNECT_FAILED` for an empty `cmd` or an invalid URL. Does no I/O.
 */
export function createMcpTransport(options: CreateMcpTransportOptions): McpTransportHandle {
  const { serverName, spec, headers, logger } = options;
  if (spec.transport === 'stdio') return createStdioTransport(serverName, spec);

  let url: URL;
  try {
    url = new URL(spec.url);
  } catch (error) {
    throw new AuraError('MCP_CONNECT_FAILED', `Invalid URL for MCP server '${serverName}': ${spec.url}`, {
      cause: error,
      data: { serverName },
    });
  }
  let firstFailure: HttpFailure | undefined;
  let unauthorized = false;
  const recordingFetch: FetchLike = async (input, init) => {
    const response = await fetchDetachingSignal(input, init);
    if (!response.ok) {
      firstFailure ??= { status: response.status, statusText: response.statusText };
      if (response.status === 401) unauthorized = true;
    }
    return response;
  };
  const requestInit: RequestInit = { headers: validHeaders(serverName, headers, logger) };
  const base = {
    firstHttpFailure: () => firstFailure,
    sawUnauthorized: () => unauthorized,
    stderrTail: () => '',
    pid: () => undefined,
  };
  if (spec.transport === 'sse') {
    const transport = new (mcpSdk().client.SSEClientTransport)(url, { requestInit, fetch: recordingFetch });
    return { ...base, transport, kind: 'sse', terminateSession: async () => {} };
  }
  const transport = new (mcpSdk().client.StreamableHTTPClientTransport)(url, {
    requestInit,
    fetch: recordingFetch,
    reconnectionOptions: STREAMABLE_RECONNECTION,
  });
  return {
    ...base,
    transport,
    kind: 'http_streamable',
    terminateSession: () => (transport.sessionId === undefined ? Promise.resolve() : transport.terminateSession()),
  };
}

function createStdioTransport(
  serverName: string,
  spec: Extract<McpServerSpec, { transport: 'stdio' }>,
): McpTransportHandle {
  const [command, ...leading] = spec.cmd;
  if (command === undefined || command === '') {
    throw new AuraError('MCP_CONNECT_FAILED', 'MCP initialization error: Empty command for STDIO server', {
      data: { serverName },
    });
  }
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  Object.assign(env, spec.env);
  const transport = new (mcpSdk().stdio.StdioClientTransport)({
    command,
    args: [...leading, ...spec.args],
    env,
    stderr: 'pipe',
  });
  const tail = new StderrTail();
  // The SDK hands out a PassThrough before start(), so nothing written early is lost; reading it also keeps a
  // chatty child from blocking on a full pipe.
  transport.stderr?.on('data', (chunk: unknown) => tail.push(chunk));
  return {
    transport,
    kind: 'stdio',
    firstHttpFailure: () => undefined,
    sawUnauthorized: () => false,
    stderrTail: () => tail.text(),
    pid: () => transport.pid ?? undefined,
    terminateSession: async () => {},
  };
}

function validHeaders(
  serverName: string,
  headers: Readonly<Record<string, string>>,
  logger: McpLogger | undefined,
): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    try {
      result.set(name, value);
    } catch {
      logger?.warn(`MCP server '${serverName}': skipping invalid header '${name}'`, { serverName, header: name });
    }
  }
  return result;
}

/**
 * `fetch` with the caller's long-lived signal (the SDK passes its transport-wide one to every request)
 * replaced by a per-request signal that follows it and is unlinked as soon as the response body is done.
 * undici only drops its abort listener from a request's signal when the request is garbage-collected, so
 * on a pooled connection thousands of stale listeners pile up on the transport's signal (and Node warns,
 * MaxListenersExceededWarning) until a major GC. Aborting the original signal still aborts the request
 * and its body stream.
 */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

async function fetchDetachingSignal(input: string | URL, init: RequestInit | undefined): Promise<Response> {
  const parent = init?.signal;
  if (parent === undefined || parent === null) return fetch(input, init);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent.reason);
  let attached = false;
  const detach = (): void => {
    if (attached) parent.removeEventListener('abort', onAbort);
    attached = false;
  };
  if (parent.aborted) {
    controller.abort(parent.reason);
  } else {
    parent.addEventListener('abort', onAbort, { once: true });
    attached = true;
  }
  let response: Response;
  try {
    response = await fetch(input, { ...init, signal: controller.signal });
  } catch (error) {
    detach();
    throw error;
  }
  const source = response.body;
  if (source === null || NULL_BODY_STATUSES.has(response.status)) {
    detach();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(stream) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          detach();
          stream.close();
        } else {
          stream.enqueue(value);
        }
      } catch (error) {
        detach();
        stream.error(error);
      }
    },
    cancel(reason) {
      detach();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
