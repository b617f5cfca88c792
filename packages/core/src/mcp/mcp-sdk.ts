/**
 * The MCP SDK, loaded with the first MCP connection rather than at start-up: the client, its transports and the
 * protocol's schemas are megabytes of heap beyond the zod the rest of Aura loads anyway — heap every full
 * collection marks again, in a process that may have no MCP server configured at all (docs/performance.md).
 * Only a loaded SDK can have thrown an SDK error, so error classifiers ask {@link loadedMcpSdk} and treat
 * `undefined` as "not an SDK error".
 */
import type * as ClientModule from '@modelcontextprotocol/client';
import type * as StdioModule from '@modelcontextprotocol/client/stdio';
import { LoadOnce } from '../util/load-once.js';

/** The SDK's two entry points Aura uses. */
export interface McpSdk {
  readonly client: typeof ClientModule;
  readonly stdio: typeof StdioModule;
}

const sdk = new LoadOnce<McpSdk>(async () => {
  const [client, stdio] = await Promise.all([
    import('@modelcontextprotocol/client'),
    import('@modelcontextprotocol/client/stdio'),
  ]);
  return { client, stdio };
});

/** Loads the SDK once; later calls get the same modules (a failed load is tried again by the next connection). */
export function loadMcpSdk(): Promise<McpSdk> {
  return sdk.load();
}

/** The SDK if it has been loaded. */
export function loadedMcpSdk(): McpSdk | undefined {
  return sdk.value;
}

/**
 * The SDK, for code that only runs once a connection loaded it.
 * @throws Error when it has not been loaded (a bug: call {@link loadMcpSdk} first).
 */
export function mcpSdk(): McpSdk {
  const loaded = sdk.value;
  if (loaded === undefined) throw new Error('the MCP SDK is used before loadMcpSdk() loaded it');
  return loaded;
}
