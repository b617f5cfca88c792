import { hang, type MockProviderServer, text, toolCall, turn } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agentConfig, mcpTable, OPENAI_CLIENTS, postChat, readSse, TestHarness } from './server-fixtures.js';

const harness = new TestHarness();
let mock: MockProviderServer;
beforeEach(async () => {
  mock = await harness.startMock();
});
afterEach(() => harness.cleanup());

/** Reads the body until `until` returns true for the text so far. */
async function readUntil(response: Response, until: (text: string) => boolean): Promise<string> {
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error('no body');
  const decoder = new TextDecoder();
  let seen = '';
  while (!until(seen)) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  return seen;
}

for (const [client, llm] of OPENAI_CLIENTS) {
  const config: typeof agentConfig = (agent, rest) => agentConfig({ llm, ...agent }, rest);

  describe(`client disconnect aborts the run (server-spec §11.5) (${client})`, () => {
    it('mid-tool: the MCP server receives notifications/cancelled, the tool never completes, no further model call (case 28)', async () => {
      const mcp = await harness.startMcp();
      const server = await harness.serve([{ id: 'a', config: config({ name: 'a' }, { mcp: mcpTable(mcp) }) }], {
        customEvents: true,
      });
      mock.enqueue(turn(toolCall('sleep', { ms: 10_000, steps: 10 })), turn(text('never')));
      const client = new AbortController();
      const response = await postChat(
        server.url,
        { messages: [{ role: 'user', content: 'sleep' }], stream: true },
        {
          signal: client.signal,
        },
      );
      await readUntil(response, (seen) => seen.includes('event: aura.progress'));
      expect(server.controller.activeRuns).toBe(1);
      client.abort();
      const cancelled = await mcp.log.waitForType('cancelled');
      expect(cancelled.tool).toBe('sleep');
      expect(await mcp.log.waitForType('call-finished')).toMatchObject({ tool: 'sleep', outcome: 'aborted' });
      await vi.waitFor(() => expect(server.controller.activeRuns).toBe(0));
      expect(mock.chatRequests).toHaveLength(1);
      expect(mcp.log.ofType('progress').length).toBeLessThan(10);
    });

    it('control: a stream consumed to the end lets the tool complete', async () => {
      const mcp = await harness.startMcp();
      const server = await harness.serve([{ id: 'a', config: config({ name: 'a' }, { mcp: mcpTable(mcp) }) }]);
      mock.enqueue(turn(toolCall('sleep', { ms: 50, steps: 2 })), turn(text('rested')));
      await readSse(await postChat(server.url, { messages: [{ role: 'user', content: 'sleep' }], stream: true }));
      expect(await mcp.log.waitForType('call-finished')).toMatchObject({ tool: 'sleep', outcome: 'ok' });
      expect(mcp.log.ofType('cancelled')).toHaveLength(0);
    });

    it('while the model is answering: the provider request is aborted', async () => {
      const server = await harness.serve([{ id: 'a', config: config({ name: 'a' }) }]);
      mock.enqueue(turn(hang()));
      const client = new AbortController();
      const response = await postChat(
        server.url,
        { messages: [{ role: 'user', content: 'hi' }], stream: true },
        {
          signal: client.signal,
        },
      );
      await readUntil(response, (seen) => seen.includes(': heartbeat'));
      await mock.waitForRequests(1);
      client.abort();
      await mock.waitForAborts(1);
      await vi.waitFor(() => expect(server.controller.activeRuns).toBe(0));
    });

    it('non-streaming too (the reference kept working for nobody): the provider request is aborted', async () => {
      const server = await harness.serve([{ id: 'a', config: config({ name: 'a' }) }]);
      mock.enqueue(turn(hang()));
      const client = new AbortController();
      const pending = postChat(server.url, { messages: [{ role: 'user', content: 'hi' }] }, { signal: client.signal });
      await mock.waitForRequests(1);
      client.abort();
      await expect(pending).rejects.toThrow();
      await mock.waitForAborts(1);
      await vi.waitFor(() => expect(server.controller.activeRuns).toBe(0));
    });
  });
}
