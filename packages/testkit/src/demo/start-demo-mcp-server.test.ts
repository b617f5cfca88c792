import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestMcpHttpServer } from '../mcp/start-test-mcp-http-server.js';
import { DEMO_TOOL_NAMES } from './demo-mcp-tools.js';
import { DEMO_MCP_SERVER_NAME, startDemoMcpServer } from './start-demo-mcp-server.js';

const NOW = new Date('2025-06-03T14:00:00Z');

let server: TestMcpHttpServer;
let client: Client;

beforeEach(async () => {
  server = await startDemoMcpServer({ now: () => NOW, diagnosticsMs: 50 });
  client = new Client({ name: 'demo-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
});
afterEach(async () => {
  await client.close();
  await server.close();
});

function textOf(result: { content?: readonly { type: string }[] | undefined }): string {
  return (result.content ?? [])
    .map((item) => ('text' in item && typeof item.text === 'string' ? item.text : ''))
    .join('');
}

describe('startDemoMcpServer', () => {
  it('serves only the demo SRE tools over streamable HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect(client.getServerVersion()?.name).toBe(DEMO_MCP_SERVER_NAME);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([...DEMO_TOOL_NAMES]);
    for (const tool of tools) expect(tool.description).toContain('demo data');
  });

  it('answers with canned data for the requested service, relative to its clock, deterministically', async () => {
    const alerts = textOf(await client.callTool({ name: 'list_alerts', arguments: { service: 'cart-service' } }));
    expect(alerts.split('\n')[0]).toBe('2 alerts firing for cart-service (1 critical, 1 warning)');
    expect(alerts).toContain('CartLatencyHigh: p99 latency 2.41 s > 300 ms SLO for 18m (since 13:42:00Z)');
    expect(alerts).not.toContain('resolved');
    const all = textOf(await client.callTool({ name: 'list_alerts', arguments: { state: 'all' } }));
    expect(all).toContain('checkout-service');
    expect(all).toContain('[resolved] PaymentsDbReplicaLag');

    const incident = textOf(await client.callTool({ name: 'get_incident', arguments: {} }));
    expect(incident).toContain('INC-4821 (SEV-2, investigating)');
    expect(incident).toContain('13:38:00Z deploy checkout-service v2.14.0 (change: db.max_connections 50 → 20)');

    const errors = textOf(
      await client.callTool({
        name: 'query_metrics',
        arguments: { query: 'sum(rate(http_requests_total{code=~"5.."}[5m]))' },
      }),
    );
    expect(errors.split('\n')[0]).toContain('5xx error rate 4.8% now');
    expect(errors).toContain('query: sum(rate(http_requests_total{code=~"5.."}[5m]))');
    const latency = await client.callTool({ name: 'query_metrics', arguments: { query: 'p99 latency' } });
    expect(textOf(latency).split('\n')[0]).toContain('p99 latency 1.93 s now (peak 2.41 s at 13:50:00Z');
    expect(textOf(await client.callTool({ name: 'query_metrics', arguments: { query: 'p99 latency' } }))).toBe(
      textOf(latency),
    );

    const logs = textOf(await client.callTool({ name: 'search_logs', arguments: { query: 'timeout', limit: 2 } }));
    const lines = logs.split('\n');
    expect(lines[0]).toContain('143 lines matched "timeout" in checkout-service logs');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2025-06-03T13:59:29\.000Z ERROR checkout-service .*timeout acquiring connection/);
  });

  it('rejects bad arguments as tool errors', async () => {
    const result = await client.callTool({ name: 'query_metrics', arguments: { query: '' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('Invalid arguments for tool query_metrics');
  });

  it('run_diagnostics takes its time and reports one progress step per check', async () => {
    const progress: { progress: number; total?: number | undefined; message?: string | undefined }[] = [];
    const started = Date.now();
    const result = await client.callTool(
      { name: 'run_diagnostics', arguments: { service: 'checkout-service' } },
      { onprogress: (update) => progress.push(update) },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const text = textOf(result);
    expect(text.split('\n')[0]).toBe(
      'Diagnostics for checkout-service: 1 failing, 4 passing; payments-db connection pool exhausted',
    );
    expect(text).toContain('Likely cause: the v2.14.0 deploy at 13:38:00Z lowered db.max_connections');
    expect(text).toContain('Suggested: roll back checkout-service to v2.13.4');
    // The server sent all five (the client may drop the last one when it arrives with the result).
    const call = await server.log.waitForType('call', (event) => event.tool === 'run_diagnostics');
    await server.log.waitFor(
      (event) => event.type === 'progress' && event.requestId === call.requestId && event.progress === 5,
    );
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress[0]).toEqual({ progress: 1, total: 5, message: 'checked DNS and service endpoints' });
  });
});
