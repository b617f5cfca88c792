import { hang, type MockProviderServer, slowChunks, slowFirstToken, text, toolCall, turn } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerOptionsInput } from '../src/server-options.js';
import { agentConfig, chunksOf, contentOf, mcpTable, postChat, readSse, TestHarness } from './server-fixtures.js';

const harness = new TestHarness();
let mock: MockProviderServer;
beforeEach(async () => {
  mock = await harness.startMock();
});
afterEach(() => harness.cleanup());

async function serveWithMcp(options: ServerOptionsInput) {
  const mcp = await harness.startMcp();
  const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }, { mcp: mcpTable(mcp) }) }], {
    heartbeatIntervalSecs: 0,
    ...options,
  });
  return { server, mcp };
}

async function timedStream(url: string, body: Record<string, unknown> = {}) {
  const started = performance.now();
  const response = await postChat(url, { messages: [{ role: 'user', content: 'go' }], stream: true, ...body });
  const capture = await readSse(response);
  return { capture, elapsedMs: performance.now() - started };
}

describe('streaming timeouts (server-spec §11.4)', () => {
  it('first chunk: a model that never answers ends the stream with a note, stop and [DONE], and the call is aborted (case 27)', async () => {
    const { server } = await serveWithMcp({ firstChunkTimeoutSecs: 0.3 });
    mock.enqueue(turn(hang()));
    const { capture, elapsedMs } = await timedStream(server.url);
    expect(elapsedMs).toBeLessThan(3000);
    expect(contentOf(capture)).toBe('[Aura: the request timed out after 0.3 s and was stopped.]');
    const final = chunksOf(capture).at(-1);
    expect(final?.choices[0]?.finish_reason).toBe('stop');
    expect(final?.usage).toBeUndefined();
    expect(capture.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    await mock.waitForAborts(1);
  });

  it('total: cancels a long tool call on the MCP server and ends the stream at the deadline', async () => {
    const { server, mcp } = await serveWithMcp({ streamingTimeoutSecs: 0.5 });
    mock.enqueue(turn(toolCall('sleep', { ms: 20_000, steps: 20 })), turn(text('never')));
    const { capture, elapsedMs } = await timedStream(server.url);
    expect(elapsedMs).toBeLessThan(3000);
    expect(contentOf(capture)).toContain('[Aura: the request timed out after 0.5 s and was stopped.]');
    expect(capture.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    await mcp.log.waitForType('cancelled');
    expect(mock.chatRequests).toHaveLength(1);
  });

  it('inactivity: silence between chunks ends the stream; a silent tool run does not count (tools exempt)', async () => {
    const { server } = await serveWithMcp({ streamInactivityTimeoutSecs: 0.3 });
    mock.enqueue(turn(text('one two three four'), slowChunks(800)));
    const silent = await timedStream(server.url);
    expect(silent.elapsedMs).toBeLessThan(3000);
    expect(contentOf(silent.capture)).toMatch(/^one.*\[Aura: the request timed out after 0\.3 s and was stopped\.\]$/s);
    await mock.waitForAborts(1);

    mock.enqueue(turn(toolCall('sleep', { ms: 700, steps: 1 })), turn(text('after the tool')));
    const withTool = await timedStream(server.url);
    expect(contentOf(withTool.capture)).toBe('\n\nafter the tool');
  });

  it('0 disables every timeout (the reference timed out at once with STREAMING_TIMEOUT_SECS=0: Q1 fixed)', async () => {
    const { server } = await serveWithMcp({
      streamingTimeoutSecs: 0,
      firstChunkTimeoutSecs: 0,
      streamInactivityTimeoutSecs: 0,
    });
    mock.enqueue(turn(text('slow but fine'), slowFirstToken(300)));
    const { capture } = await timedStream(server.url);
    expect(contentOf(capture)).toBe('slow but fine');
  });
});

describe('non-streaming timeout', () => {
  it('STREAMING_TIMEOUT_SECS bounds a JSON completion too: 200 with the note, and the provider call is aborted', async () => {
    const { server } = await serveWithMcp({ streamingTimeoutSecs: 0.3 });
    mock.enqueue(turn(hang()));
    const started = performance.now();
    const completion = await server.client().chat.completions.create({
      model: 'a',
      messages: [{ role: 'user', content: 'go' }],
    });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(completion.choices[0]?.message.content).toBe('[Aura: the request timed out after 0.3 s and was stopped.]');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    await mock.waitForAborts(1);
  });
});
