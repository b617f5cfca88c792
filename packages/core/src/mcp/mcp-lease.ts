import { AuraError, type McpServerStatus } from '@aura/events';
import type { McpServerSlot } from './mcp-server-slot.js';
import type {
  McpCallOptions,
  McpCallToolResult,
  McpServerSpec,
  McpToolDefinition,
  McpTransportName,
} from './mcp-types.js';

/** One configured server as a lease sees it. */
export interface McpLeaseServer {
  readonly name: string;
  readonly transport: McpTransportName;
  /** The server's configuration (for `prefix_tools`, `description`, …). */
  readonly spec: McpServerSpec;
  /** This lease's connection outcome (§4.1 shape). */
  readonly status: McpServerStatus;
  /**
   * The tools the server listed (every page) on its last successful connection, refreshed on
   * `tools/list_changed`; `[]` when it never connected and after `release()`. Use only with `status`
   * `connected` (as `createMcpTools` does).
   */
  readonly tools: readonly McpToolDefinition[];
  /** The stdio child's pid while it runs (diagnostics, tests). */
  readonly pid: number | undefined;
  /**
   * Calls a tool by its ORIGINAL MCP name (quirk Q5). Reconnects if needed; retries once when the server
   * cannot have run the call (expired session, undelivered request). Rejects with an `AuraError`:
   * `RUN_ABORTED` (signal fired; `notifications/cancelled` was sent), `TOOL_TIMEOUT`, `MCP_CONNECT_FAILED`
   * (no connection; message = status reason), `MCP_CALL_FAILED` (stream lost, lease released), or with the
   * SDK's error for JSON-RPC/transport failures.
   */
  call(toolName: string, args: Readonly<Record<string, unknown>>, options?: McpCallOptions): Promise<McpCallToolResult>;
}

/** The MCP connections of one run (one request); see `McpPool.acquire`. */
export interface McpLease {
  /** One status per configured server, sorted by server name (the `aura.mcp_status` payload). */
  readonly statuses: readonly McpServerStatus[];
  /** Every configured server (failed ones included, with no tools), sorted by server name. */
  readonly servers: readonly McpLeaseServer[];
  /**
   * Gives the connections back: shared ones stay pooled, `per_request` stdio children are killed (awaited,
   * bounded). Idempotent; calls made after it reject with `MCP_CALL_FAILED`. Never rejects.
   */
  release(): Promise<void>;
}

/** One server of a lease under construction: the slot serving it and whether the lease owns it. */
export interface LeaseSlot {
  readonly name: string;
  readonly spec: McpServerSpec;
  readonly slot: McpServerSlot;
  /** `per_request` isolation: the slot belongs to this lease and is closed on release. */
  readonly owned: boolean;
}

/** Builds the lease object over slots that were already held (`hold(1)`) and connected (or failed). */
export function createLease(
  slots: readonly LeaseSlot[],
  onRelease: (slots: readonly LeaseSlot[]) => Promise<void>,
): McpLease {
  let released: Promise<void> | undefined;
  const servers = slots.map(({ name, spec, slot }): McpLeaseServer => {
    const status = slot.status;
    return {
      name,
      transport: spec.transport,
      spec,
      status,
      get tools() {
        return released === undefined ? slot.tools : [];
      },
      get pid() {
        return slot.pid;
      },
      call: (toolName, args, options) => {
        if (released !== undefined) {
          return Promise.reject(
            new AuraError('MCP_CALL_FAILED', `MCP tool '${toolName}' on server '${name}': the lease was released`, {
              data: { serverName: name, tool: toolName },
            }),
          );
        }
        return slot.call(toolName, args, options);
      },
    };
  });
  return {
    statuses: servers.map((server) => server.status),
    servers,
    release: () => {
      released ??= onRelease(slots);
      return released;
    },
  };
}
