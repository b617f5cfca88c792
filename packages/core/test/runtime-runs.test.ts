import type { RuntimeEvent } from '@aura/events';
import {
  type MockProviderServer,
  startMockProvider,
  startTestMcpHttpServer,
  type TestMcpHttpServer,
  text,
  toolCall,
  toolNames,
  turn,
  usage,
} from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, first, mockRuntime } from './runtime-fixtures.js';

const OPENAI = { provider: 'openai', api_key: 'sk-test', model: 'gpt-4o' } as const;

describe('runtime runs', () => {
  let mock: MockProviderServer;
  const servers: TestMcpHttpServer[] = [];
  beforeEach(async () => {
    mock = await startMockProvider();
  });
  afterEach(async () => {
    await mock.close();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const mcpServer = async (options: Parameters<typeof startTestMcpHttpServer>[0]): Promise<TestMcpHttpServer> => {
    const server = await startTestMcpHttpServer(options);
    servers.push(server);
    return server;
  };

  it('aborting a run mid-tool cancels the MCP call on the server and starts no further provider call', async () => {
    const mcp = await mcpServer({ transport: 'streamable-http' });
    mock.enqueue(turn(toolCall('sleep', { ms: 10_000, steps: 10 })), turn(text('never reached')));
    const runtime = mockRuntime(mock, [
      {
        id: 'a',
        config: {
          agent: { name: 'a', system_prompt: 'S', llm: OPENAI },
          mcp: { servers: { t: { transport: 'http_streamable', url: mcp.url } } },
        },
      },
    ]);
    const controller = new AbortController();
    const events: RuntimeEvent[] = [];
    try {
      for await (const event of runtime.run({ agentId: 'a', query: 'sleep', signal: controller.signal })) {
        events.push(event);
        if (event.type === 'tool-progress') controller.abort();
      }
      await mcp.log.waitForType('cancelled');
      expect(events.at(-1)).toMatchObject({ type: 'run-error', error: { code: 'RUN_ABORTED' } });
      expect(first(events, 'tool-result')).toMatchObject({ toolName: 'sleep', success: false });
      expect(mock.chatRequests).toHaveLength(1);
      expect(await mcp.log.waitForType('call-finished')).toMatchObject({ tool: 'sleep', outcome: 'aborted' });
    } finally {
      await runtime.close();
    }
  });

  it('forwarded headers never cross between two concurrent runs', async () => {
    const mcp = await mcpServer({ transport: 'streamable-http' });
    mock.setRules(
      { match: { lastRole: 'user' }, reply: turn(toolCall('whoami', {})) },
      { match: { lastRole: 'tool' }, reply: (view) => turn(text(JSON.stringify(view.messages.at(-1)))) },
    );
    const runtime = mockRuntime(mock, [
      {
        id: 'a',
        config: {
          agent: { name: 'a', system_prompt: 'S', llm: OPENAI },
          mcp: {
            servers: {
              t: {
                transport: 'http_streamable',
                url: mcp.url,
                headers_from_request: { Authorization: 'x-caller-token' },
              },
            },
          },
        },
      },
    ]);
    try {
      const run = (token: string) =>
        collect(runtime, { agentId: 'a', query: `who am I (${token})`, forwardedHeaders: { 'x-caller-token': token } });
      const [alice, bob] = await Promise.all([run('Bearer alice'), run('Bearer bob')]);
      expect(first(alice, 'tool-result').output).toContain('Bearer alice');
      expect(first(alice, 'tool-result').output).not.toContain('Bearer bob');
      expect(first(bob, 'tool-result').output).toContain('Bearer bob');
      expect(first(bob, 'tool-result').output).not.toContain('Bearer alice');
    } finally {
      await runtime.close();
    }
  });

  it('a server killed and restarted between two runs: the second run succeeds on a fresh connection', async () => {
    const mcp = await mcpServer({ transport: 'streamable-http' });
    const port = mcp.port;
    mock.setRules(
      { match: { lastRole: 'user' }, reply: turn(toolCall('echo', { message: 'ping' })) },
      { match: { lastRole: 'tool' }, reply: turn(text('pong')) },
    );
    const runtime = mockRuntime(mock, [
      {
        id: 'a',
        config: {
          agent: { name: 'a', system_prompt: 'S', llm: OPENAI },
          mcp: { servers: { t: { transport: 'http_streamable', url: mcp.url } } },
        },
      },
    ]);
    try {
      expect(first(await collect(runtime, { agentId: 'a', query: 'one' }), 'tool-result').success).toBe(true);
      await mcp.close();
      servers.pop();
      const restarted = await mcpServer({ transport: 'streamable-http', port });
      const second = await collect(runtime, { agentId: 'a', query: 'two' });
      expect(first(second, 'mcp-status').servers[0]).toMatchObject({ status: 'connected' });
      expect(first(second, 'tool-result')).toMatchObject({ success: true });
      expect(first(second, 'tool-result').output).toContain('ping');
      expect(restarted.log.ofType('call')).toHaveLength(1);
    } finally {
      await runtime.close();
    }
  });

  it('client tools are offered only when enabled, filtered, and end the run waiting for the client', async () => {
    mock.enqueue(turn(toolCall('get_weather', { city: 'Oslo' }), usage(10, 2)));
    const runtime = mockRuntime(mock, [
      {
        id: 'a',
        config: {
          agent: {
            name: 'a',
            system_prompt: 'S',
            llm: OPENAI,
            enable_client_tools: true,
            client_tool_filter: ['get_*'],
          },
        },
      },
      { id: 'b', config: { agent: { name: 'b', system_prompt: 'S', llm: OPENAI } } },
    ]);
    const clientTools = [
      { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      { name: 'delete_everything' },
    ];
    try {
      const events = await collect(runtime, { agentId: 'a', query: 'weather?', clientTools });
      const offered = mock.chatRequests[0];
      expect(offered === undefined ? [] : toolNames(offered)).toEqual(['get_weather']);
      expect(first(events, 'client-tool-calls').calls).toEqual([
        { id: expect.any(String), name: 'get_weather', arguments: '{"city":"Oslo"}' },
      ]);
      expect(first(events, 'run-finish').finishReason).toBe('tool_calls');

      mock.enqueue(turn(text('no tools for me')));
      await collect(runtime, { agentId: 'b', query: 'weather?', clientTools });
      const second = mock.chatRequests[1];
      expect(second === undefined ? ['missing'] : toolNames(second)).toEqual([]);
    } finally {
      await runtime.close();
    }
  });

  it('the client-tool follow-up continues from the tool result the client sent', async () => {
    mock.enqueue(turn(text('It is 72F in Oslo.')));
    const runtime = mockRuntime(mock, [
      { id: 'a', config: { agent: { name: 'a', system_prompt: 'S', llm: OPENAI, enable_client_tools: true } } },
    ]);
    try {
      const events = await collect(runtime, {
        agentId: 'a',
        query: 'weather in Oslo?',
        continuation: [
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
          },
          { role: 'tool', toolCallId: 'call_1', content: '72F' },
        ],
        clientTools: [{ name: 'get_weather' }],
      });
      expect(first(events, 'run-finish').text).toBe('It is 72F in Oslo.');
      const sent = JSON.stringify(mock.chatRequests[0]?.body);
      expect(sent).toContain('72F');
      expect(sent).toContain('call_1');
    } finally {
      await runtime.close();
    }
  });

  it('an unknown agent id is a run-error, not a throw', async () => {
    const runtime = mockRuntime(mock, [{ id: 'a', config: { agent: { name: 'a', system_prompt: 'S', llm: OPENAI } } }]);
    const events = await collect(runtime, { agentId: 'nope', query: 'x' });
    expect(events).toEqual([
      { type: 'run-error', error: { code: 'MODEL_NOT_FOUND', message: "No agent with id 'nope'", retryable: false } },
    ]);
    await runtime.close();
  });

  it('listTools shows sanitised names and schemas as the model sees them, and statuses without connecting', async () => {
    const mcp = await mcpServer({ transport: 'sse' });
    const runtime = mockRuntime(mock, [
      {
        id: 'a',
        config: {
          agent: { name: 'a', system_prompt: 'S', llm: OPENAI },
          mcp: { servers: { t: { transport: 'sse', url: mcp.url } } },
        },
      },
    ]);
    try {
      expect(runtime.mcpStatus('a')).toEqual([expect.objectContaining({ serverName: 't', status: 'not_attempted' })]);
      const [listing] = await runtime.listTools('a');
      expect(listing?.status.status).toBe('connected');
      const awkward = listing?.tools?.find((tool) => tool.name === 'weird_tool_name_v2');
      expect(awkward?.inputSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(runtime.agents[0]).toMatchObject({ id: 'a', label: 'openai/gpt-4o', mode: 'single', ownedBy: 'openai' });
    } finally {
      await runtime.close();
    }
  });
});
