import { lastUserText, slowFirstToken, text, toolCall, turn } from '@aura/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  agentConfig,
  auraEventsOf,
  chunksOf,
  contentOf,
  mcpTable,
  postChat,
  readSse,
  TestHarness,
} from './server-fixtures.js';

const harness = new TestHarness();
afterEach(() => harness.cleanup());

describe('concurrent requests are isolated', () => {
  it('five parallel streams: distinct completion ids, each chunk carries its own, each ends with [DONE] (case 30)', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    harness.mock?.setRules({ reply: (view) => turn(text(`echo ${lastUserText(view) ?? ''}`), slowFirstToken(50)) });
    const captures = await Promise.all(
      [0, 1, 2, 3, 4].map(async (index) =>
        readSse(
          await postChat(server.url, {
            messages: [{ role: 'user', content: `request ${index}` }],
            stream: true,
            metadata: { chat_session_id: `session-${index}` },
          }),
        ),
      ),
    );
    const ids = captures.map((capture) => {
      const chunkIds = new Set(chunksOf(capture).map((chunk) => chunk.id));
      expect(chunkIds.size).toBe(1);
      expect(capture.raw.endsWith('data: [DONE]\n\n')).toBe(true);
      return [...chunkIds][0];
    });
    expect(new Set(ids).size).toBe(5);
    expect(captures.map(contentOf)).toEqual([0, 1, 2, 3, 4].map((index) => `echo request ${index}`));

    for (let index = 0; index < 10; index += 1) {
      const completion = await server.client().chat.completions.create({
        model: 'a',
        messages: [{ role: 'user', content: `sequential ${index}` }],
      });
      expect(completion.choices[0]?.message.content).toBe(`echo sequential ${index}`);
    }
  });

  it('two concurrent streams with different forwarded headers each reach the MCP server with their own', async () => {
    const mcp = await harness.startMcp();
    const server = await harness.serve(
      [
        {
          id: 'a',
          config: agentConfig(
            { name: 'a' },
            { mcp: mcpTable(mcp, 'test', { headers_from_request: { 'X-Caller': 'x-caller' } }) },
          ),
        },
      ],
      { customEvents: true },
    );
    harness.mock?.setRules(
      { match: { lastRole: 'user' }, reply: turn(toolCall('whoami', { header: 'x-caller' }), slowFirstToken(100)) },
      { match: { lastRole: 'tool' }, reply: turn(text('done')) },
    );
    const run = async (caller: string) =>
      readSse(
        await postChat(
          server.url,
          { messages: [{ role: 'user', content: `I am ${caller}` }], stream: true },
          { headers: { 'x-caller': caller } },
        ),
      );
    const [alice, bob] = await Promise.all([run('alice'), run('bob')]);
    const resultOf = (capture: Awaited<ReturnType<typeof run>>) =>
      String(auraEventsOf(capture).find((event) => event.event === 'aura.tool_complete')?.data.result);
    expect(JSON.parse(resultOf(alice))).toEqual({ headers: { 'x-caller': 'alice' } });
    expect(JSON.parse(resultOf(bob))).toEqual({ headers: { 'x-caller': 'bob' } });
    expect(mcp.log.ofType('call')).toHaveLength(2);
  });
});
