import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServerSpec, ToolCallContext } from '@aura/core';
import type { TestMcpHttpServer, TestMcpStdioCommand } from '@aura/testkit';

/** A streamable-HTTP or SSE server spec for `url` (defaults for every table key). */
export function httpSpec(
  transport: 'http_streamable' | 'sse',
  url: string,
  extra: {
    headers?: Record<string, string>;
    headers_from_request?: Record<string, string>;
    call_timeout_secs?: number;
  } = {},
): McpServerSpec {
  return {
    transport,
    url,
    headers: extra.headers ?? {},
    headers_from_request: extra.headers_from_request ?? {},
    scratchpad: {},
    ...(extra.call_timeout_secs === undefined ? {} : { call_timeout_secs: extra.call_timeout_secs }),
  };
}

/** The pool transport name of a test server. */
export function poolTransport(server: TestMcpHttpServer): 'http_streamable' | 'sse' {
  return server.transport === 'sse' ? 'sse' : 'http_streamable';
}

/** A stdio server spec running `command` (e.g. `testMcpStdioCommand()`). */
export function stdioSpec(
  command: TestMcpStdioCommand,
  extra: { env?: Record<string, string>; isolation?: 'shared' | 'per_request'; call_timeout_secs?: number } = {},
): McpServerSpec {
  return {
    transport: 'stdio',
    cmd: [command.command, ...command.args],
    args: [],
    env: extra.env ?? {},
    scratchpad: {},
    ...(extra.isolation === undefined ? {} : { isolation: extra.isolation }),
    ...(extra.call_timeout_secs === undefined ? {} : { call_timeout_secs: extra.call_timeout_secs }),
  };
}

/** A tool-call context with a fresh signal (or the given one) that records start and progress callbacks. */
export function recordingContext(signal: AbortSignal = new AbortController().signal): ToolCallContext & {
  readonly starts: Array<string | number | undefined>;
  readonly progress: Array<{ progressToken: string | number; progress: number; total?: number; message?: string }>;
} {
  const starts: Array<string | number | undefined> = [];
  const progress: Array<{ progressToken: string | number; progress: number; total?: number; message?: string }> = [];
  return {
    toolCallId: 'call_1',
    signal,
    starts,
    progress,
    onStart: (info) => starts.push(info.progressToken),
    onProgress: (update) => progress.push({ ...update }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An HTTP server answering every request with `401 Unauthorized`. */
export async function startUnauthorizedServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('unauthorized');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The pid, or a thrown error: never let `undefined ?? 0` turn a kill into one for the whole process group. */
export function requirePid(pid: number | undefined): number {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) throw new Error(`no child process (pid ${pid})`);
  return pid;
}

/** Whether a process with this pid is still alive (signal 0 probes without killing). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `pid` is gone (polling `kill(pid, 0)`), or rejects after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still alive after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
