/** The connection status of one MCP server, as the runtime reports it and as `aura.mcp_status` carries it. */

/** MCP transport of a configured server. */
export type McpTransportKind = 'http_streamable' | 'sse' | 'stdio';

/** Outcome of connecting to a server: `not_attempted` when the run never tried (e.g. aborted first). */
export type McpConnectionStatus = 'connected' | 'failed' | 'not_attempted';

/** Runtime view of one configured MCP server after connecting. */
export interface McpServerStatus {
  readonly serverName: string;
  readonly transport: McpTransportKind;
  readonly status: McpConnectionStatus;
  /** Tools discovered (0 unless connected). */
  readonly toolsCount: number;
  /** Why it failed; set only when `status` is `failed`. */
  readonly reason?: string;
}

/** One entry of `aura.mcp_status.servers` (server-spec §9.2), keys in wire order. */
export interface AuraMcpServerData {
  readonly server_name: string;
  readonly transport: McpTransportKind;
  readonly status: McpConnectionStatus;
  readonly tools_count: number;
  /** Failed servers only. */
  readonly reason?: string;
}

/** Maps a runtime {@link McpServerStatus} to its wire entry (keys in wire order, `reason` omitted when absent). */
export function mcpServerStatusData(server: McpServerStatus): AuraMcpServerData {
  return {
    server_name: server.serverName,
    transport: server.transport,
    status: server.status,
    tools_count: server.toolsCount,
    ...(server.reason === undefined ? {} : { reason: server.reason }),
  };
}
