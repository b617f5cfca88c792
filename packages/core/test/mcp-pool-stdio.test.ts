import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMcpPool,
  createMcpTools,
  type McpLease,
  type McpPool,
  type McpPoolOptions,
  type McpServerSpec,
} from '@aura/core';
import { isAuraError } from '@aura/events';
import { AWKWARD_TOOL_NAME, followTestMcpLogFile, type TestMcpLog, testMcpStdioCommand } from '@aura/testkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { processAlive, recordingContext, requirePid, stdioSpec, waitForExit } from './mcp-test-helpers.js';

const directory = mkdtempSync(join(tmpdir(), 'aura-mcp-stdio-'));
const command = testMcpStdioCommand();
const cleanups: Array<() => Promise<void> | void> = [];
let logCount = 0;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A stdio spec whose child appends its log to a fresh file, plus a live view of that log. */
function loggedSpec(
  extra: { env?: Record<string, string>; isolation?: 'shared' | 'per_request'; call_timeout_secs?: number } = {},
): { spec: McpServerSpec; log: TestMcpLog } {
  logCount += 1;
  const path = join(directory, `log-${logCount}.jsonl`);
  const follower = followTestMcpLogFile(path, { intervalMs: 5 });
  cleanups.push(() => follower.close());
  return { spec: stdioSpec(command, { ...extra, env: { AURA_TEST_MCP_LOG: path, ...extra.env } }), log: follower.log };
}

function pool(options: McpPoolOptions): McpPool {
  const created = createMcpPool({ connectTimeoutMs: 10_000, healthCheckIntervalMs: 0, ...options });
  cleanups.push(() => created.close());
  return created;
}

async function acquire(target: McpPool): Promise<McpLease> {
  const lease = await target.acquire();
  cleanups.push(() => lease.release());
  return lease;
}

function first(lease: McpLease) {
  const server = lease.servers[0];
  if (server === undefined) throw new Error('lease has no server');
  return server;
}

describe('MCP pool over stdio', () => {
  it('inherits the environment, follows every tools/list page and calls the awkward tool by its original name', async () => {
    const previousName = process.env.AURA_TEST_MCP_NAME;
    process.env.AURA_TEST_MCP_NAME = 'from-parent-env';
    cleanups.push(() => {
      if (previousName === undefined) delete process.env.AURA_TEST_MCP_NAME;
      else process.env.AURA_TEST_MCP_NAME = previousName;
    });
    const { spec, log } = loggedSpec({ env: { AURA_TEST_MCP_PAGE_SIZE: '4' } });
    const lease = await acquire(pool({ servers: { local: spec } }));

    expect(lease.statuses).toEqual([{ serverName: 'local', transport: 'stdio', status: 'connected', toolsCount: 10 }]);
    const pages = await log.waitForType('list-tools', (event) => event.nextCursor === undefined);
    expect(pages.server).toBe('from-parent-env');
    expect(log.ofType('list-tools')).toHaveLength(3);
    const awkward = createMcpTools(lease, { sanitizeSchemas: true }).tools.find(
      (tool) => tool.originalName === AWKWARD_TOOL_NAME,
    );
    expect(awkward?.name).toBe('weird_tool_name_v2');
    expect(await awkward?.execute({ query: 'q' }, recordingContext())).toEqual({
      isError: false,
      text: JSON.stringify({ received: { query: 'q' } }, null, 2),
    });
    expect((await log.waitForType('call')).tool).toBe(AWKWARD_TOOL_NAME);
  });

  it('renders results and failures, and reports progress with its token', async () => {
    const { spec } = loggedSpec();
    const lease = await acquire(pool({ servers: { local: spec } }));
    const tools = new Map(createMcpTools(lease, { sanitizeSchemas: true }).tools.map((tool) => [tool.name, tool]));
    const run = (name: string, args: Record<string, unknown>, context = recordingContext()) =>
      tools.get(name)?.execute(args, context);

    expect(await run('echo', { message: 'hi' })).toEqual({ isError: false, text: 'hi' });
    expect(await run('add', { a: 1, b: 1 })).toEqual({ isError: false, text: '{\n  "sum": 2\n}' });
    expect(await run('fail', { message: 'nope' })).toEqual({ isError: true, text: 'Tool returned an error: nope' });
    expect(await run('crash', { message: 'Tool execution failed: boom' })).toEqual({
      isError: true,
      text: 'ToolCallError: Tool execution failed: MCP error -32603: Tool execution failed: boom',
    });
    const context = recordingContext();
    expect(await run('sleep', { ms: 150, steps: 3 }, context)).toEqual({
      isError: false,
      text: 'slept 150 ms in 3 steps',
    });
    expect(context.starts).toHaveLength(1);
    expect(context.progress.map((update) => [update.progressToken, update.progress])).toEqual([
      [context.starts[0], 1],
      [context.starts[0], 2],
      [context.starts[0], 3],
    ]);
  });

  it('sends notifications/cancelled on abort and rejects promptly; times calls out', async () => {
    const { spec, log } = loggedSpec({ call_timeout_secs: 30 });
    const lease = await acquire(pool({ servers: { local: spec } }));
    const controller = new AbortController();
    const outcome = first(lease)
      .call('sleep', { ms: 20_000 }, { signal: controller.signal })
      .catch((error: unknown) => error);
    const call = await log.waitForType('call');
    const startedAt = Date.now();
    controller.abort('user pressed stop');
    const error = await outcome;
    expect(Date.now() - startedAt).toBeLessThan(500);
    expect(isAuraError(error, 'RUN_ABORTED')).toBe(true);
    expect((error as Error).cause).toBe('user pressed stop');
    expect(await log.waitForType('cancelled')).toMatchObject({ requestId: call.requestId, tool: 'sleep' });

    const timedOut = await first(lease)
      .call('sleep', { ms: 20_000 }, { timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    expect(isAuraError(timedOut, 'TOOL_TIMEOUT')).toBe(true);
    await log.waitForType('cancelled', (event) => event.requestId !== call.requestId);
  });

  it('respawns a killed child for the next run and reaps every child on close', async () => {
    const { spec } = loggedSpec();
    const mcp = pool({ servers: { local: spec } });
    const lease1 = await acquire(mcp);
    const pid1 = requirePid(first(lease1).pid);
    await lease1.release();
    process.kill(pid1, 'SIGKILL');
    await waitForExit(pid1);

    const lease2 = await acquire(mcp);
    const pid2 = requirePid(first(lease2).pid);
    expect(pid2).not.toBe(pid1);
    expect((await first(lease2).call('echo', { message: 'back' })).content).toEqual([{ type: 'text', text: 'back' }]);

    await mcp.close();
    expect(processAlive(pid2)).toBe(false);
  });

  it('fails a call promptly when the child dies mid-call', async () => {
    const { spec, log } = loggedSpec();
    const lease = await acquire(pool({ servers: { local: spec } }));
    const outcome = first(lease)
      .call('sleep', { ms: 20_000 })
      .then(
        () => 'resolved',
        (error: unknown) => error,
      );
    await log.waitForType('call');
    const startedAt = Date.now();
    process.kill(requirePid(first(lease).pid), 'SIGKILL');
    const error = await outcome;
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(error).toBeInstanceOf(Error);
  });

  it('gives every lease its own child with per_request isolation and kills it on release', async () => {
    const { spec } = loggedSpec({ isolation: 'per_request' });
    const mcp = pool({ servers: { local: spec } });
    const [a, b] = await Promise.all([acquire(mcp), acquire(mcp)]);
    const pidA = requirePid(first(a).pid);
    const pidB = requirePid(first(b).pid);
    expect(pidA).not.toBe(pidB);
    expect((await first(a).call('echo', { message: 'a' })).content).toEqual([{ type: 'text', text: 'a' }]);

    await a.release();
    expect(processAlive(pidA)).toBe(false);
    expect(processAlive(pidB)).toBe(true);
    await b.release();
    expect(processAlive(pidB)).toBe(false);
  });

  it('reaps a child whose handshake timed out when the pool closes', async () => {
    const pidFile = join(directory, 'silent.pid');
    const silent: McpServerSpec = {
      transport: 'stdio',
      cmd: [process.execPath, '-e'],
      args: [
        'require("node:fs").writeFileSync(process.env.PID_FILE, String(process.pid)); setInterval(() => {}, 1000);',
      ],
      env: { PID_FILE: pidFile },
      scratchpad: {},
    };
    const mcp = pool({ connectTimeoutMs: 300, servers: { silent } });
    const lease = await acquire(mcp);
    expect(lease.statuses[0]).toMatchObject({ status: 'failed', reason: 'Connection failed: timed out after 300 ms' });
    const pid = requirePid(Number(readFileSync(pidFile, 'utf8')));
    await lease.release();
    await mcp.close();
    expect(processAlive(pid)).toBe(false);
  });

  it('reports a child that exits at once with its stderr, fast, without failing the lease', async () => {
    const crashing: McpServerSpec = {
      transport: 'stdio',
      cmd: [process.execPath, '-e'],
      args: ['process.stderr.write("fatal: MEZMO_API_KEY is not set\\n"); process.exit(3)'],
      env: {},
      scratchpad: {},
    };
    const missing: McpServerSpec = { ...crashing, cmd: [join(directory, 'no-such-mcp-server')], args: [] };
    const startedAt = Date.now();
    const lease = await acquire(pool({ servers: { crashing, missing } }));
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(lease.statuses).toEqual([
      {
        serverName: 'crashing',
        transport: 'stdio',
        status: 'failed',
        toolsCount: 0,
        reason:
          'Connection failed: MCP server process exited before completing the MCP handshake; ' +
          'stderr: fatal: MEZMO_API_KEY is not set',
      },
      expect.objectContaining({ serverName: 'missing', status: 'failed' }),
    ]);
    expect(lease.statuses[1]?.reason).toMatch(/^Connection failed: Failed to spawn MCP server process: .*ENOENT/);
  });
});
