import type { McpConfig } from '@aura/config';
import { createMcpPool, type McpPool, type McpPoolOptions } from './mcp-pool.js';
import type { McpServerSpec } from './mcp-types.js';

/**
 * A pool for the validated `[mcp]` table (no table → a pool with no servers). Each server table is used as
 * its spec, supervisor keys (`isolation`, `call_timeout_secs`, `prefix_tools`) included; `[mcp].connect`
 * becomes the pool's `connect` unless `extra.connect` overrides it. `[mcp].sanitize_schemas` is not a pool
 * concern: pass it to `createMcpTools`. Same errors as {@link createMcpPool}; does no I/O.
 */
export function createMcpPoolFromConfig(
  mcp: McpConfig | undefined,
  extra: Omit<McpPoolOptions, 'servers'> = {},
): McpPool {
  const servers: Record<string, McpServerSpec> = {};
  for (const [name, server] of Object.entries(mcp?.servers ?? {})) servers[name] = server;
  const connect = extra.connect ?? mcp?.connect;
  return createMcpPool({ ...extra, servers, ...(connect === undefined ? {} : { connect }) });
}
