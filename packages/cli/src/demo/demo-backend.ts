/**
 * The in-process backend of demo mode: the test kit's mock provider playing the scripted SRE scenario and the
 * demo MCP server with its canned data, both on loopback ephemeral ports. Only this module imports the test kit
 * at run time, and `aura serve` loads it on demand, so other commands do not pay for it.
 */
import {
  DEMO_TOOL_NAMES,
  type DemoTiming,
  demoScenarioRules,
  type MockProviderServer,
  startDemoMcpServer,
  startMockProvider,
  type TestMcpHttpServer,
} from '@aura/testkit';

/** Options of {@link startDemoBackend}. */
export interface DemoBackendOptions {
  /** Streaming pace of the scripted answers. Default: the test kit's demo pace (finishes in a few seconds). */
  readonly timing?: DemoTiming;
  /** How long the demo's `run_diagnostics` tool takes, in milliseconds. Default 1500. */
  readonly diagnosticsMs?: number;
  /** Reference time of the canned data and plans. Default: the real clock. */
  readonly now?: () => Date;
}

/** A running demo backend. */
export interface DemoBackend {
  /** The mock provider (its `urls.openai` is the demo agents' `base_url`). */
  readonly provider: MockProviderServer;
  /** The demo MCP server (streamable HTTP). */
  readonly mcp: TestMcpHttpServer;
  /** The tools the demo MCP server serves. */
  readonly toolNames: readonly string[];
  /** Stops both servers. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the mock provider (rules: `demoScenarioRules`) and the demo MCP server.
 * @throws AuraError when either cannot listen (the other is closed first).
 */
export async function startDemoBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  const now = options.now;
  const provider = await startMockProvider({
    rules: demoScenarioRules({
      ...(options.timing === undefined ? {} : { timing: options.timing }),
      ...(now === undefined ? {} : { now }),
    }),
  });
  let mcp: TestMcpHttpServer;
  try {
    mcp = await startDemoMcpServer({
      ...(options.diagnosticsMs === undefined ? {} : { diagnosticsMs: options.diagnosticsMs }),
      ...(now === undefined ? {} : { now }),
    });
  } catch (error) {
    await provider.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    provider,
    mcp,
    toolNames: DEMO_TOOL_NAMES,
    close: () => {
      closing ??= Promise.all([provider.close(), mcp.close()]).then(() => undefined);
      return closing;
    },
  };
}
