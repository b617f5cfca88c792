import { hang, text, toolCall, turn } from '@aura/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { createGracefulShutdown } from '../src/index.js';
import {
  agentConfig,
  chunksOf,
  contentOf,
  mcpTable,
  parseSseText,
  postChat,
  readSse,
  TestHarness,
  type TestServer,
} from './server-fixtures.js';

const harness = new TestHarness();
afterEach(() => harness.cleanup());

function shutdownOf(server: TestServer, shutdownTimeoutSecs: number) {
  return createGracefulShutdown({
    controller: server.controller,
    runtime: server.runtime,
    server: server.http,
    shutdownTimeoutSecs,
    closeGraceMs: 1000,
  });
}

/** Reads a streamed response until `until` matches the text so far; returns the reader for the rest. */
async function readUntil(response: Response, until: (text: string) => boolean) {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  let seen = '';
  while (!until(seen)) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
  }
  const rest = async (): Promise<string> => {
    let all = seen;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return all + decoder.decode();
      all += decoder.decode(value, { stream: true });
    }
  };
  return { seen, rest };
}

describe('graceful shutdown (server-spec §11.7)', () => {
  it('gate closes at once (503 on /health), the open stream gets closing + [DONE] at the deadline, MCP calls cancelled, server closed (case 31)', async () => {
    const mcp = await harness.startMcp();
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }, { mcp: mcpTable(mcp) }) }], {
      customEvents: true,
    });
    harness.mock?.enqueue(turn(toolCall('sleep', { ms: 20_000, steps: 20 })), turn(text('never')));
    const response = await postChat(server.url, { messages: [{ role: 'user', content: 'long' }], stream: true });
    const stream = await readUntil(response, (seen) => seen.includes('event: aura.tool_start'));
    const shutdown = shutdownOf(server, 0.4);
    const started = performance.now();
    const finished = shutdown.shutdown('test');

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('connection')).toBe('close');
    expect(await health.json()).toEqual({
      error: { message: 'Server is shutting down', type: 'service_unavailable' },
    });
    const chat = await postChat(server.url, { messages: [{ role: 'user', content: 'hi' }] });
    expect(chat.status).toBe(503);

    const capture = parseSseText(await stream.rest());
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(3000);
    expect(chunksOf(capture).at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(capture.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    await mcp.log.waitForType('cancelled');
    await finished;
    expect(server.controller.activeRuns).toBe(0);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('a stream that finishes within the grace period completes normally; shutdown does not wait longer', async () => {
    const mcp = await harness.startMcp();
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }, { mcp: mcpTable(mcp) }) }], {
      customEvents: true,
    });
    harness.mock?.enqueue(turn(toolCall('sleep', { ms: 300, steps: 1 })), turn(text('rested well')));
    const response = await postChat(server.url, { messages: [{ role: 'user', content: 'short' }], stream: true });
    const stream = await readUntil(response, (seen) => seen.includes('event: aura.tool_start'));
    const started = performance.now();
    const finished = shutdownOf(server, 20).shutdown('test');
    const capture = parseSseText(await stream.rest());
    expect(contentOf(capture)).toBe('\n\nrested well');
    await finished;
    expect(performance.now() - started).toBeLessThan(5000);
    expect(mcp.log.ofType('cancelled')).toHaveLength(0);
  });

  it('a non-streaming request still running at the deadline gets 503 and its provider call is aborted', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    harness.mock?.enqueue(turn(hang()));
    const pending = postChat(server.url, { messages: [{ role: 'user', content: 'hi' }] });
    await harness.mock?.waitForRequests(1);
    const finished = shutdownOf(server, 0.2).shutdown('test');
    const response = await pending;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { message: 'Server is shutting down', type: 'service_unavailable' },
    });
    await harness.mock?.waitForAborts(1);
    await finished;
  });

  it('shutdown is idempotent and `done` resolves once', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    harness.mock?.setRules({ reply: turn(text('ok')) });
    await readSse(await postChat(server.url, { messages: [{ role: 'user', content: 'hi' }], stream: true }));
    const shutdown = shutdownOf(server, 1);
    expect(shutdown.started).toBe(false);
    await Promise.all([shutdown.shutdown('one'), shutdown.shutdown('two'), shutdown.done]);
    expect(shutdown.started).toBe(true);
  });
});
