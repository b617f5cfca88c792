import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

// Later tests run the reference server the same way: `node <its bin> stdio`.
const packageJsonPath = createRequire(import.meta.url).resolve('@modelcontextprotocol/server-everything/package.json');
const packageJson = z
  .object({ bin: z.record(z.string(), z.string()) })
  .parse(JSON.parse(readFileSync(packageJsonPath, 'utf8')));
const entry = join(dirname(packageJsonPath), packageJson.bin['mcp-server-everything'] ?? 'dist/index.js');

describe('@modelcontextprotocol/server-everything over stdio', () => {
  const client = new Client({ name: 'testkit-server-everything', version: '0.0.0' });

  afterAll(async () => {
    await client.close();
  });

  it('starts, lists its tools and answers echo through the v2 client', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [entry, 'stdio'],
      env: getDefaultEnvironment(),
      stderr: 'pipe',
    });
    let stderr = '';
    (transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    await client.connect(transport).catch((error: unknown) => {
      throw new Error(`server-everything failed to start: ${String(error)}\n${stderr}`);
    });
    expect(client.getServerVersion()?.name).toBeTruthy();
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain('echo');
    expect(names.length).toBeGreaterThan(3);
    const echoed = await client.callTool({ name: 'echo', arguments: { message: 'ping' } });
    expect(JSON.stringify(echoed.content)).toContain('ping');
  });
});
