import { slowFirstToken, text, toolCall, turn } from '@aura/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { agentConfig, contentOf, mcpTable, postChat, readSse, TestHarness } from './server-fixtures.js';

const harness = new TestHarness();
afterEach(() => harness.cleanup());

describe('GET /health', () => {
  it('reports healthy with the memory session store, the A2A version and an RFC 3339 timestamp (case 1)', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 'healthy',
      a2a_server: { version: '1.0' },
      session_store: { backend: 'memory', ping: { ok: true, latency_ms: 0 } },
      aura_version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00$/);
    expect(Math.abs(Date.parse(String(body.timestamp)) - Date.now())).toBeLessThan(60_000);
  });
});

describe('GET /v1/models', () => {
  it('lists visible agents by alias (else name) in load order; hidden agents are left out (case 2)', async () => {
    const server = await harness.serve([
      {
        id: 'test-assistant',
        config: agentConfig({ name: 'Test Assistant', alias: 'test-assistant', description: 'Helps with tests' }),
      },
      { id: 'plain', config: agentConfig({ name: 'plain', model_owner: 'acme', created_at: 1_730_000_000_123 }) },
      { id: 'secret', config: agentConfig({ name: 'secret', hidden: true }) },
    ]);
    const response = await fetch(`${server.url}/v1/models`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: Record<string, unknown>[] };
    expect(body.object).toBe('list');
    expect(body.data.map((model) => model.id)).toEqual(['test-assistant', 'plain']);
    expect(body.data[0]).toMatchObject({ object: 'model', owned_by: 'openai', description: 'Helps with tests' });
    expect(body.data[1]).toEqual({ id: 'plain', object: 'model', created: 1_730_000_000, owned_by: 'acme' });
    const models = await server.client().models.list();
    expect(models.data.map((model) => model.id)).toEqual(['test-assistant', 'plain']);
  });
});

describe('GET /aura/info', () => {
  it('without detail: agents, models and MCP servers reduced to their origin, no tools, nothing contacted (case 4)', async () => {
    const mcp = await harness.startMcp();
    const server = await harness.serve(
      [
        {
          id: 'a',
          config: agentConfig(
            { name: 'a', description: 'Agent A' },
            {
              mcp: {
                servers: {
                  test: {
                    transport: 'http_streamable',
                    url: `${mcp.url}?token=secret-query`,
                    headers: { Authorization: 'Bearer static-secret' },
                    description: 'The test server',
                  },
                  local: { transport: 'stdio', cmd: ['/usr/local/bin/my-mcp', '--secret-arg'], env: { KEY: 'v' } },
                },
              },
            },
          ),
        },
        { id: 'hidden', config: agentConfig({ name: 'hidden', hidden: true }) },
      ],
      { defaultAgent: 'a' },
    );
    const response = await fetch(`${server.url}/aura/info`);
    expect(response.status).toBe(200);
    const raw = await response.text();
    expect(raw).not.toContain('secret');
    expect(JSON.parse(raw)).toEqual({
      default_agent: 'a',
      agents: [
        {
          id: 'a',
          description: 'Agent A',
          model: 'gpt-4o',
          mcp_servers: {
            local: { transport: 'stdio', command: 'my-mcp' },
            test: { transport: 'http_streamable', url: new URL(mcp.url).origin, description: 'The test server' },
          },
        },
      ],
    });
    expect(mcp.log.ofType('initialize')).toHaveLength(0);
  });

  it('detail=tools lists the tools with schemas; tools:summary only names and descriptions', async () => {
    const mcp = await harness.startMcp();
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }, { mcp: mcpTable(mcp) }) }]);
    const full = (await (await fetch(`${server.url}/aura/info?detail=tools`)).json()) as {
      agents: { mcp_servers: { test: { tools: Record<string, unknown>[] } } }[];
    };
    const tools = full.agents[0]?.mcp_servers.test.tools ?? [];
    const echo = tools.find((tool) => tool.name === 'echo');
    expect(echo).toMatchObject({ name: 'echo', description: expect.any(String), inputSchema: { type: 'object' } });
    const summary = (await (await fetch(`${server.url}/aura/info?detail=tools:summary,%20`)).json()) as typeof full;
    const summaryEcho = summary.agents[0]?.mcp_servers.test.tools.find((tool) => tool.name === 'echo');
    expect(summaryEcho).toEqual({ name: 'echo', description: echo?.description });
    const both = (await (await fetch(`${server.url}/aura/info?detail=tools:summary,tools`)).json()) as typeof full;
    expect(both.agents[0]?.mcp_servers.test.tools.find((tool) => tool.name === 'echo')).toHaveProperty('inputSchema');
  });

  it('detail with an unknown token is 400 naming the allowed tokens (case 3)', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    const response = await fetch(`${server.url}/aura/info?detail=bogus`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "unknown detail 'bogus'; expected 'tools' or 'tools:summary'",
        type: 'invalid_request_error',
      },
    });
  });
});

describe('agent selection (server-spec §7.3)', () => {
  it('several agents: unknown model is 404 model_not_found, a missing model 400, DEFAULT_AGENT serves (case 7)', async () => {
    const agents = [
      { id: 'a', config: agentConfig({ name: 'Agent A', alias: 'a', system_prompt: 'I am A' }) },
      { id: 'b', config: agentConfig({ name: 'Agent B', alias: 'b', system_prompt: 'I am B' }) },
    ];
    const server = await harness.serve(agents);
    const unknown = await postChat(server.url, { model: 'gpt-5', messages: [{ role: 'user', content: 'hi' }] });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        message: 'The model `gpt-5` does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
    const byName = await postChat(server.url, { model: 'Agent A', messages: [{ role: 'user', content: 'hi' }] });
    expect(byName.status).toBe(404);
    const missing = await postChat(server.url, { messages: [{ role: 'user', content: 'hi' }] });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: { message: 'you must provide a model parameter', type: 'invalid_request_error' },
    });

    const withDefault = await harness.serve(agents, { defaultAgent: 'b' });
    harness.mock?.setRules({ reply: (view) => turn(text(`system: ${view.system ?? ''}`)) });
    const served = await postChat(withDefault.url, { messages: [{ role: 'user', content: 'hi' }] });
    expect(served.status).toBe(200);
    expect(JSON.stringify(await served.json())).toContain('I am B');
    const explicit = await withDefault.client().chat.completions.create({
      model: 'a',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(explicit.choices[0]?.message.content).toContain('I am A');
  });

  it('one agent: any model and no model are both served (case 8)', async () => {
    const server = await harness.serve([{ id: 'only', config: agentConfig({ name: 'only' }) }]);
    harness.mock?.setRules({ reply: turn(text('ok')) });
    for (const model of ['anything', undefined]) {
      const response = await postChat(server.url, { model, messages: [{ role: 'user', content: 'hi' }] });
      expect(response.status).toBe(200);
    }
  });
});

describe('chat session id (server-spec §7.4)', () => {
  it('generated as cs_<32 hex>, taken from X-Chat-Session-Id, metadata wins (case 13)', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    harness.mock?.setRules({ reply: turn(text('ok')) });
    const messages = [{ role: 'user', content: 'hi' }];
    const generated = await postChat(server.url, { messages, stream: true });
    expect(generated.headers.get('x-chat-session-id')).toMatch(/^cs_[0-9a-f]{32}$/);
    await generated.body?.cancel();
    const fromHeader = await postChat(
      server.url,
      { messages, stream: true },
      { headers: { 'X-Chat-Session-Id': 'abc' } },
    );
    expect(fromHeader.headers.get('x-chat-session-id')).toBe('abc');
    await readSse(fromHeader);
    const fromMetadata = await postChat(
      server.url,
      { messages, stream: true, metadata: { chat_session_id: 'meta-1' } },
      { headers: { 'X-Chat-Session-Id': 'abc' } },
    );
    expect(fromMetadata.headers.get('x-chat-session-id')).toBe('meta-1');
    await readSse(fromMetadata);
  });
});

describe('HTTP conventions', () => {
  it('unknown paths are 404 and wrong methods 405 with Allow, both OpenAI-shaped', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    const missing = await fetch(`${server.url}/v1/embeddings`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { message: 'No route for POST /v1/embeddings', type: 'not_found' },
    });
    const wrongMethod = await fetch(`${server.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(await wrongMethod.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const deleteModels = await fetch(`${server.url}/v1/models`, { method: 'DELETE' });
    expect(deleteModels.status).toBe(405);
    expect(deleteModels.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${server.url}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('every response carries x-request-id (generated, or a valid incoming one echoed) and the overhead header', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    const generated = await fetch(`${server.url}/v1/models`);
    expect(generated.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(generated.headers.get('x-aura-overhead-duration-ms')).toMatch(/^\d+\.\d{3}$/);
    const echoed = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'trace-123.abc' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123.abc');
    const replaced = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    const failed = await fetch(`${server.url}/nope`);
    expect(failed.headers.get('x-request-id')).toMatch(/^req_/);
    expect(failed.headers.get('x-aura-overhead-duration-ms')).not.toBeNull();
  });

  it('a stream written straight to the socket carries the same headers as any other response', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }]);
    harness.mock?.enqueue(turn(text('streamed')));
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-stream.1' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-request-id')).toBe('trace-stream.1');
    expect(response.headers.get('x-aura-overhead-duration-ms')).toMatch(/^\d+\.\d{3}$/);
    // The adapter's marker header never leaks to the client.
    expect(response.headers.get('x-hono-already-sent')).toBeNull();
    expect(contentOf(await readSse(response))).toBe('streamed');
  });

  it('x-aura-overhead-duration-ms of a JSON completion excludes the time spent in model calls and tools', async () => {
    const mcp = await harness.startMcp();
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }, { mcp: mcpTable(mcp) }) }]);
    harness.mock?.enqueue(turn(toolCall('sleep', { ms: 250, steps: 1 }), slowFirstToken(250)), turn(text('ok')));
    const started = performance.now();
    const response = await postChat(server.url, { messages: [{ role: 'user', content: 'hi' }] });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(200);
    const overhead = Number(response.headers.get('x-aura-overhead-duration-ms'));
    expect(elapsed).toBeGreaterThan(500);
    expect(overhead).toBeGreaterThan(0);
    expect(overhead).toBeLessThan(elapsed - 450);
  });
});
