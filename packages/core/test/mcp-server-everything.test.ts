import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createMcpPool, createMcpTools, type McpPool, type McpServerSpec } from '@aura/core';
import { afterEach, describe, expect, it } from 'vitest';
import { httpSpec, recordingContext, unusedPort } from './mcp-test-helpers.js';

const EVERYTHING = fileURLToPath(
  new URL('../../../node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url),
);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts `server-everything streamableHttp` on a free port; resolves once it reports that it listens. */
async function startEverythingHttp(): Promise<string> {
  // It prints the configured PORT, so it cannot report an ephemeral one: pick a free port first.
  const port = await unusedPort();
  const child: ChildProcess = spawn(process.execPath, [EVERYTHING, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('listening on port')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code}): ${stderr}`)));
  });
  return `http://127.0.0.1:${port}/mcp`;
}

function pool(servers: Record<string, McpServerSpec>): McpPool {
  const created = createMcpPool({ servers, connectTimeoutMs: 15_000, healthCheckIntervalMs: 0 });
  cleanups.push(() => created.close());
  return created;
}

describe('MCP pool against @modelcontextprotocol/server-everything', () => {
  it.each(['stdio', 'http_streamable'] as const)(
    'discovers, echoes and streams progress over %s',
    async (transport) => {
      const spec: McpServerSpec =
        transport === 'stdio'
          ? { transport: 'stdio', cmd: [process.execPath, EVERYTHING, 'stdio'], args: [], env: {}, scratchpad: {} }
          : httpSpec('http_streamable', await startEverythingHttp());
      const mcp = pool({ everything: spec });
      const lease = await mcp.acquire();
      cleanups.push(() => lease.release());

      expect(lease.statuses[0]).toMatchObject({ serverName: 'everything', transport, status: 'connected' });
      const { tools } = createMcpTools(lease, { sanitizeSchemas: true });
      const byName = new Map(tools.map((tool) => [tool.originalName, tool]));
      expect([...byName.keys()]).toEqual(expect.arrayContaining(['echo', 'trigger-long-running-operation']));

      const echoed = await byName.get('echo')?.execute({ message: 'hello everything' }, recordingContext());
      expect(echoed?.isError).toBe(false);
      expect(echoed?.text).toContain('hello everything');

      const context = recordingContext();
      const finished = await byName
        .get('trigger-long-running-operation')
        ?.execute({ duration: 0.6, steps: 3 }, context);
      expect(finished?.isError).toBe(false);
      expect(finished?.text).toContain('Long running operation completed');
      expect(context.starts).toHaveLength(1);
      expect(context.progress.map((update) => [update.progressToken, update.progress, update.total])).toEqual([
        [context.starts[0], 1, 3],
        [context.starts[0], 2, 3],
        [context.starts[0], 3, 3],
      ]);
    },
  );
});
