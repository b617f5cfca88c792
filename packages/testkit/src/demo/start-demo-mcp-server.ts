import type { TestMcpHttpServer } from '../mcp/start-test-mcp-http-server.js';
import { startTestMcpHttpServer } from '../mcp/start-test-mcp-http-server.js';
import type { TestMcpLog } from '../mcp/test-mcp-log.js';
import { createDemoMcpTools, type DemoMcpToolsOptions } from './demo-mcp-tools.js';

/** Options of {@link startDemoMcpServer}. */
export interface DemoMcpServerOptions extends DemoMcpToolsOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 0 (an ephemeral port). */
  readonly port?: number;
  /** Shared log (every call and progress notification is recorded). Default: a fresh one, as `server.log`. */
  readonly log?: TestMcpLog;
}

/** `serverInfo.name` of the demo MCP server. */
export const DEMO_MCP_SERVER_NAME = 'aura-demo-sre';

/**
 * Starts the demo MCP server in process: streamable HTTP at `<url>` (`http://127.0.0.1:<port>/mcp`), serving
 * only the demo SRE tools (`list_alerts`, `get_incident`, `query_metrics`, `search_logs`, `run_diagnostics`;
 * none of the test kit's built-ins) with deterministic canned data. Close it with `close()`.
 *
 * @throws AuraError `CONFIG_INVALID` when the port cannot be listened on.
 */
export function startDemoMcpServer(options: DemoMcpServerOptions = {}): Promise<TestMcpHttpServer> {
  const { host, port, log, ...tools } = options;
  return startTestMcpHttpServer({
    transport: 'streamable-http',
    name: DEMO_MCP_SERVER_NAME,
    tools: [],
    extraTools: createDemoMcpTools(tools),
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(log === undefined ? {} : { log }),
  });
}
