/**
 * The MCP SDK, loaded with the first MCP connection rather than at start-up: the client, its transports and the
 * protocol's schemas take about 5 MB of heap beyond the zod the rest of Aura loads anyway — a heap every full
 * collection marks again, in a process that may have no MCP server configured at all (docs/performance.md).
 * Only a loaded SDK can have thrown an SDK error, so error classifiers ask {@link loadedMcpSdk} and treat
 * `undefined` as "not an SDK error".
 */
import type * as ClientModule from '@modelcontextprotocol/client';
import type * as StdioModule from '@modelcontextprotocol/client/stdio';

/** The SDK's two entry points Aura uses. */
export interface McpSdk {
  readonly client: typeof ClientModule;
  readonly stdio: typeof StdioModule;
}

let loaded: McpSdk | undefined;
let loading: Promise<McpSdk> | undefined;

/** Loads the SDK once; later calls get the same modules. */
export function loadMcpSdk(): Promise<McpSdk> {
  if (loaded !== undefined) return Promise.resolve(loaded);
  loading ??= Promise.all([import('@modelcontextprotocol/client'), import('@modelcontextprotocol/client/stdio')]).then(
    ([client, stdio]) => {
      loaded = { client, stdio };
      return loaded;
    },
    (error: unknown) => {
      // A later connection may try again (the failure is reported as that server's connect failure).
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The SDK if it has been loaded. */
export function loadedMcpSdk(): McpSdk | undefined {
  return loaded;
}

/**
 * The SDK, for code that only runs once a connection loaded it.
 * @throws Error when it has not been loaded (a bug: call {@link loadMcpSdk} first).
 */
export function mcpSdk(): McpSdk {
  if (loaded === undefined) throw new Error('the MCP SDK is used before loadMcpSdk() loaded it');
  return loaded;
}
