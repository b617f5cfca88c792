import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestMcpServer, TEST_MCP_BUILTIN_TOOL_NAMES } from '../src/mcp/create-test-mcp-server.js';
import { followTestMcpLogFile, readTestMcpLogFile } from '../src/mcp/follow-test-mcp-log-file.js';
import { LARGE_OUTPUT_MIN_JSON_BYTES, largeOutputText } from '../src/mcp/large-output.js';
import { TestMcpLog } from '../src/mcp/test-mcp-log.js';
import { testMcpStdioCommand } from '../src/mcp/test-mcp-stdio-command.js';
import { defineTestMcpTool, mcpTextResult } from '../src/mcp/test-mcp-tool.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aura-test-mcp-unit-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, name);
}

describe('TestMcpLog', () => {
  it('waitFor resolves with past and future events', async () => {
    const log = new TestMcpLog();
    log.record({ type: 'session-closed', server: 's', sessionId: 'a' });
    await expect(log.waitForType('session-closed')).resolves.toMatchObject({ sessionId: 'a' });
    const later = log.waitForType('cancelled', (event) => event.requestId === 7);
    log.record({ type: 'cancelled', server: 's', requestId: 6 });
    log.record({ type: 'cancelled', server: 's', requestId: 7, reason: 'stop', at: 123 });
    await expect(later).resolves.toEqual({ type: 'cancelled', server: 's', requestId: 7, reason: 'stop', at: 123 });
    expect(log.ofType('cancelled').map((event) => event.requestId)).toEqual([6, 7]);
  });

  it('waitFor times out with RUN_TIMEOUT naming what it saw, and honours its signal', async () => {
    const log = new TestMcpLog();
    log.record({ type: 'stream-opened', server: 's' });
    await expect(log.waitForType('initialize', undefined, { timeoutMs: 20 })).rejects.toMatchObject({
      code: 'RUN_TIMEOUT',
      message: expect.stringContaining('stream-opened'),
    });
    const controller = new AbortController();
    const waiting = log.waitFor(() => false, { signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });

  it('appends JSON lines to its file, which a follower and readTestMcpLogFile read back', async () => {
    const path = tempFile('log.jsonl');
    const follower = followTestMcpLogFile(path);
    cleanups.push(() => follower.close());
    const log = new TestMcpLog({ path });
    log.record({ type: 'call', server: 's', requestId: 1, tool: 'echo', args: { message: 'hi' } });
    const seen = await follower.log.waitForType('call');
    expect(seen).toEqual(log.events[0]);
    appendFileSync(path, 'not json\n');
    log.record({ type: 'session-closed', server: 's' });
    await follower.log.waitForType('session-closed');
    follower.poll();
    expect(follower.invalidLines).toEqual(['not json']);
    expect(readTestMcpLogFile(path).map((event) => event.type)).toEqual(['call', 'session-closed']);
    expect(readTestMcpLogFile(join(path, '..', 'missing.jsonl'))).toEqual([]);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
  });
});

describe('largeOutputText', () => {
  it('produces exactly the requested number of ASCII characters, deterministically', () => {
    for (const bytes of [0, 1, 47, 48, 49, 100_000]) {
      const text = largeOutputText(bytes);
      expect(text).toHaveLength(bytes);
      expect(Buffer.byteLength(text)).toBe(bytes);
      expect(text).toBe(largeOutputText(bytes, 'text'));
    }
    expect(largeOutputText(60)).toMatch(/^line 000001 abc.*\nline 000002/s);
  });

  it('produces valid JSON of exactly max(bytes, minimum) characters', () => {
    for (const bytes of [0, LARGE_OUTPUT_MIN_JSON_BYTES, 50, 1000, 65_537]) {
      const text = largeOutputText(bytes, 'json');
      expect(text).toHaveLength(Math.max(bytes, LARGE_OUTPUT_MIN_JSON_BYTES));
      expect(JSON.parse(text)).toMatchObject({ lines: expect.any(Array), pad: expect.any(String) });
    }
  });
});

describe('testMcpStdioCommand', () => {
  it('runs an existing entry file with the current node binary, independent of the working directory', () => {
    const { command, args } = testMcpStdioCommand();
    expect(command).toBe(process.execPath);
    const entry = args.at(-1) ?? '';
    expect(entry).toMatch(/stdio-main\.(ts|js)$/);
    expect(existsSync(entry)).toBe(true);
    if (entry.endsWith('.ts')) expect(args).toContainEqual(expect.stringMatching(/^file:.*tsx.*loader\.mjs$/));
  });

  it('starts a server configured by env from any working directory; it logs to the file and exits on close', async () => {
    const { command, args } = testMcpStdioCommand();
    const logPath = tempFile('stdio.jsonl');
    const follower = followTestMcpLogFile(logPath);
    cleanups.push(() => follower.close());
    const env = {
      ...getDefaultEnvironment(),
      AURA_TEST_MCP_LOG: logPath,
      AURA_TEST_MCP_TOOLS: 'add, echo',
      AURA_TEST_MCP_NAME: 'from-env',
    };
    const transport = new StdioClientTransport({ command, args, env, cwd: tmpdir(), stderr: 'pipe' });
    const client = new Client({ name: 'stdio-cwd', version: '0.0.0' });
    await client.connect(transport);
    expect(client.getServerVersion()?.name).toBe('from-env');
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['add', 'echo']);
    const result = await client.callTool({ name: 'echo', arguments: { message: 'from elsewhere' } });
    expect(result.content).toEqual([{ type: 'text', text: 'from elsewhere' }]);
    // The client waits up to 2 s for the child to exit by itself before it sends SIGTERM.
    const closing = Date.now();
    await client.close();
    expect(Date.now() - closing).toBeLessThan(1500);
    await follower.log.waitForType('session-closed', (event) => event.server === 'from-env');
    expect(follower.log.events.map((event) => event.type)).toEqual([
      'initialize',
      'list-tools',
      'call',
      'call-finished',
      'session-closed',
    ]);
  });
});

describe('createTestMcpServer', () => {
  async function connectInMemory(server: ReturnType<typeof createTestMcpServer>): Promise<Client> {
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await server.connect(serverTransport);
    const client = new Client({ name: 'in-memory', version: '0.0.0' });
    await client.connect(clientTransport);
    cleanups.push(() => client.close());
    return client;
  }

  it('rejects a bad pageSize and unknown built-in tool names with CONFIG_INVALID', () => {
    expect(() => createTestMcpServer({ pageSize: 1.5 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    // @ts-expect-error 'nope' is not a built-in tool; JavaScript callers are checked at run time.
    expect(() => createTestMcpServer({ tools: ['echo', 'nope'] })).toThrow(/unknown built-in tool "nope"/);
  });

  it('serves a subset of built-ins plus extra tools (an extra replaces a built-in of the same name)', async () => {
    const log = new TestMcpLog();
    const server = createTestMcpServer({
      name: 'subset',
      log,
      tools: ['add', 'echo'],
      extraTools: [
        defineTestMcpTool({
          name: 'echo',
          input: z.object({ message: z.string() }),
          call: () => mcpTextResult('mine'),
        }),
        defineTestMcpTool({ name: 'extra', input: z.object({}), call: () => mcpTextResult('extra') }),
      ],
    });
    const client = await connectInMemory(server);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['add', 'echo', 'extra']);
    const echoed = await client.callTool({ name: 'echo', arguments: { message: 'x' } });
    expect(echoed.content).toEqual([{ type: 'text', text: 'mine' }]);
    await expect(client.callTool({ name: 'sleep', arguments: { ms: 1 } })).rejects.toMatchObject({ code: -32602 });
    await log.waitForType('initialize', (event) => event.server === 'subset' && event.clientName === 'in-memory');
    expect(log.ofType('call').map((event) => [event.tool, event.headers])).toEqual([
      ['echo', undefined],
      ['sleep', undefined],
    ]);
  });

  it('does not log a cancellation when the connection closes under a running call', async () => {
    const log = new TestMcpLog();
    const client = await connectInMemory(createTestMcpServer({ log }));
    const call = client.callTool({ name: 'sleep', arguments: { ms: 10_000, steps: 1000 } }, { onprogress: () => {} });
    await log.waitForType('progress');
    await client.close();
    await expect(call).rejects.toThrow();
    await log.waitForType('session-closed');
    expect((await log.waitForType('call-finished')).outcome).toBe('aborted');
    expect(log.ofType('cancelled')).toEqual([]);
    expect(TEST_MCP_BUILTIN_TOOL_NAMES).toContain('sleep');
  });
});
