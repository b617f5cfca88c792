import { type MockProviderServer, text, toolCall, turn } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentConfig, mcpTable, postChat, recordingLogger, TestHarness } from './server-fixtures.js';

const KEY_ONE = 'sk-aura-first-0123456789';
const KEY_TWO = 'sk-aura-second-9876543210';
const WRONG = 'sk-aura-wrong-5555555555';

const harness = new TestHarness();
let mock: MockProviderServer;
beforeEach(async () => {
  mock = await harness.startMock();
  mock.setRules({ reply: turn(text('authorised answer')) });
});
afterEach(() => harness.cleanup());

describe('API keys (AURA_API_KEYS)', () => {
  it('every route but /health needs a valid bearer key; failures are OpenAI-shaped 401s', async () => {
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }], {
      apiKeys: [KEY_ONE, KEY_TWO],
    });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    const missing = await fetch(`${server.url}/v1/models`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(await missing.json()).toEqual({
      error: { message: 'Missing API key: send it as "Authorization: Bearer <key>"', type: 'unauthorized' },
    });
    const wrong = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${WRONG}` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { message: 'Invalid API key', type: 'unauthorized' } });
    const basic = await fetch(`${server.url}/aura/info`, { headers: { authorization: `Basic ${KEY_ONE}` } });
    expect(basic.status).toBe(401);
    const unknownRoute = await fetch(`${server.url}/v1/secret-route`);
    expect(unknownRoute.status).toBe(401);

    for (const key of [KEY_ONE, KEY_TWO]) {
      const ok = await fetch(`${server.url}/v1/models`, { headers: { authorization: `bearer ${key}` } });
      expect(ok.status).toBe(200);
    }
    const completion = await server.client({ apiKey: KEY_TWO }).chat.completions.create({
      model: 'a',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('authorised answer');
    await expect(
      server
        .client({ apiKey: WRONG })
        .chat.completions.create({ model: 'a', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('keys never appear in logs, and the Aura key is never forwarded to MCP servers', async () => {
    const mcp = await harness.startMcp();
    const logger = recordingLogger();
    const server = await harness.serve(
      [
        {
          id: 'a',
          config: agentConfig(
            { name: 'a' },
            {
              mcp: mcpTable(mcp, 'test', {
                headers: { Authorization: 'Bearer static-config-token' },
                headers_from_request: { Authorization: 'authorization', 'X-Test-Header1': 'x-test-header1' },
              }),
            },
          ),
        },
      ],
      { apiKeys: [KEY_ONE] },
      logger,
    );
    mock.setRules(
      { match: { lastRole: 'user' }, reply: turn(toolCall('whoami', {})) },
      { match: { lastRole: 'tool' }, reply: (view) => turn(text(view.messages.at(-1)?.text ?? '')) },
    );
    await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${WRONG}` } });
    const completion = await server
      .client({ apiKey: KEY_ONE, defaultHeaders: { 'x-test-header1': 'forwarded' } })
      .chat.completions.create({
        model: 'a',
        messages: [{ role: 'user', content: 'who am I' }],
      });
    const seen = JSON.parse(completion.choices[0]?.message.content ?? '{}') as { headers: Record<string, string> };
    expect(seen.headers.authorization).toBe('Bearer static-config-token');
    expect(seen.headers['x-test-header1']).toBe('forwarded');
    expect(logger.lines.length).toBeGreaterThan(0);
    const logText = logger.lines.join('\n');
    expect(logText).not.toContain(KEY_ONE);
    expect(logText).not.toContain(WRONG);
  });

  it('without keys, no authentication is required and Authorization is forwarded (header forwarding, case 29)', async () => {
    const mcp = await harness.startMcp();
    const server = await harness.serve([
      {
        id: 'a',
        config: agentConfig(
          { name: 'a' },
          {
            mcp: mcpTable(mcp, 'test', {
              headers: { Authorization: 'Bearer static-config-token', 'x-static-header': 'static-value-from-config' },
              headers_from_request: { Authorization: 'authorization' },
            }),
          },
        ),
      },
    ]);
    mock.setRules(
      { match: { lastRole: 'user' }, reply: turn(toolCall('whoami', {})) },
      { match: { lastRole: 'tool' }, reply: (view) => turn(text(view.messages.at(-1)?.text ?? '')) },
    );
    const ask = async (headers: Record<string, string>) => {
      const response = await postChat(server.url, { messages: [{ role: 'user', content: 'who' }] }, { headers });
      const body = (await response.json()) as { choices: { message: { content: string } }[] };
      return (JSON.parse(body.choices[0]?.message.content ?? '{}') as { headers: Record<string, string> }).headers;
    };
    const fallback = await ask({});
    expect(fallback.authorization).toContain('static-config-token');
    expect(fallback['x-static-header']).toBe('static-value-from-config');
    const forwarded = await ask({ authorization: 'Token pd_test_token_12345' });
    expect(forwarded.authorization).toBe('Token pd_test_token_12345');
  });
});
