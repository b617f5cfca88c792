/**
 * Entry point of the stdio test MCP server: serves `createTestMcpServer` over stdin/stdout and writes
 * nothing but protocol to stdout. Start it with `testMcpStdioCommand()`. Configured by environment:
 *
 * - `AURA_TEST_MCP_LOG`: append log events to this file as JSON lines (read it with `followTestMcpLogFile`).
 * - `AURA_TEST_MCP_PAGE_SIZE`: serve `tools/list` in pages of this many tools.
 * - `AURA_TEST_MCP_TOOLS`: comma-separated subset of the built-in tools.
 * - `AURA_TEST_MCP_NAME`: the server name (`serverInfo.name`, and `server` in log events).
 *
 * Exits when stdin ends (the client closed) and on SIGTERM/SIGINT.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import {
  createTestMcpServer,
  TEST_MCP_BUILTIN_TOOL_NAMES,
  type TestMcpServerOptions,
} from './create-test-mcp-server.js';
import { TestMcpLog } from './test-mcp-log.js';

const toolNamesSchema = z.array(z.enum(TEST_MCP_BUILTIN_TOOL_NAMES));

function optionsFromEnv(env: NodeJS.ProcessEnv): TestMcpServerOptions {
  const logPath = env.AURA_TEST_MCP_LOG;
  const pageSize = env.AURA_TEST_MCP_PAGE_SIZE;
  const tools = env.AURA_TEST_MCP_TOOLS;
  const name = env.AURA_TEST_MCP_NAME;
  return {
    log: new TestMcpLog(logPath === undefined || logPath === '' ? {} : { path: logPath }),
    ...(pageSize === undefined || pageSize === '' ? {} : { pageSize: Number(pageSize) }),
    ...(tools === undefined || tools === ''
      ? {}
      : {
          tools: toolNamesSchema.parse(
            tools
              .split(',')
              .map((tool) => tool.trim())
              .filter((tool) => tool !== ''),
          ),
        }),
    ...(name === undefined || name === '' ? {} : { name }),
  };
}

async function main(): Promise<void> {
  const server = createTestMcpServer(optionsFromEnv(process.env));
  const transport = new StdioServerTransport();
  const shutdown = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.stdin.once('end', shutdown);
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await server.connect(transport);
}

main().catch((error: unknown) => {
  // stderr only: stdout belongs to the protocol.
  process.stderr.write(`aura test MCP stdio server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
