import { isAuraError } from '@aura/events';
import { sanitizeToolSchema } from '../tools/schema-sanitize.js';
import type { JsonSchema, Tool, ToolCallContext, ToolOutput } from '../tools/tool.js';
import { formatToolCallError, TOOL_CALL_ERROR_PREFIX } from '../tools/tool-error-detection.js';
import { sanitizeToolName, type ToolNameProvider } from '../tools/tool-name.js';
import { createToolNameMap, type ToolNameRegistry } from '../tools/tool-name-registry.js';
import { isJsonObject } from '../util/json-value.js';
import { matchesToolFilter } from '../util/simple-glob.js';
import { describeMcpError } from './mcp-error-classify.js';
import type { McpLeaseServer } from './mcp-lease.js';
import type { McpLogger, McpToolDefinition, McpTransportName } from './mcp-types.js';
import { boundErrorContent, extractToolResultText } from './tool-result-text.js';

/** Options of {@link createMcpTools}. */
export interface CreateMcpToolsOptions {
  /** Where names are registered (collision-safe, provider-valid). Default: a fresh registry for `provider`. */
  readonly names?: ToolNameRegistry;
  /** Naming rules for the default registry (ignored when `names` is given). */
  readonly provider?: ToolNameProvider;
  /**
   * `mcp_filter`: simple globs matched against the §5.5-sanitised MCP tool name (like the reference) and,
   * for `prefix_tools` servers, also against `<server>__<name>`. `undefined` = all tools; `[]` = none.
   */
  readonly filter?: readonly string[];
  /** `[mcp].sanitize_schemas`: sanitise input schemas (§5) and drop tools whose root is not an object. */
  readonly sanitizeSchemas: boolean;
  /**
   * Transports to include, e.g. `['http_streamable', 'sse']` and later `['stdio']` to follow the
   * registration order of core-spec §3.3. Default: all three.
   */
  readonly transports?: readonly McpTransportName[];
  readonly logger?: McpLogger;
}

/** What {@link createMcpTools} produced. */
export interface McpToolsResult {
  readonly tools: Tool[];
  /** Dropped tools and name collisions, in order (also logged as warnings). */
  readonly warnings: string[];
}

const TRANSPORT_ORDER: readonly McpTransportName[] = ['http_streamable', 'sse', 'stdio'];
const EXECUTION_FAILED_PREFIX = 'Tool execution failed: ';

/**
 * Turns a lease's MCP tools into runtime {@link Tool}s (kind `mcp`, `source` = server name, `name` = the
 * registered provider-valid name, `originalName` = the MCP name, which is what gets called — quirk Q5), in
 * the reference's order: `http_streamable` servers, then `sse`, then `stdio`; servers by name within a
 * transport; tools in listing order. Connected servers only (failed ones list no tools).
 *
 * `execute` calls the tool with the context's signal, `onStart` and `onProgress`, and renders the result
 * with `extractToolResultText` (§4.5). Failures become the text the model sees, prefixed once:
 * `ToolCallError: Tool execution failed: <bounded message>` for transport/JSON-RPC/connection failures and
 * `ToolCallError: Tool execution failed: timed out after <n> ms` for a timeout. An abort rethrows the
 * `RUN_ABORTED` `AuraError` (the agent loop writes the synthetic result).
 */
export function createMcpTools(
  lease: { readonly servers: readonly McpLeaseServer[] },
  options: CreateMcpToolsOptions,
): McpToolsResult {
  const names =
    options.names ?? createToolNameMap(options.provider === undefined ? {} : { provider: options.provider });
  const transports = options.transports ?? TRANSPORT_ORDER;
  const warningsBefore = names.warnings.length;
  const warnings: string[] = [];
  const tools: Tool[] = [];
  const servers = [...lease.servers]
    .filter((server) => transports.includes(server.transport))
    .sort(
      (a, b) => TRANSPORT_ORDER.indexOf(a.transport) - TRANSPORT_ORDER.indexOf(b.transport) || compare(a.name, b.name),
    );
  for (const server of servers) {
    if (server.status.status !== 'connected') continue;
    const prefixed = server.spec.prefix_tools === true;
    for (const definition of server.tools) {
      const sanitizedName = sanitizeToolName(definition.name);
      const exposedName = prefixed ? `${server.name}__${definition.name}` : definition.name;
      const allowed =
        matchesToolFilter(options.filter, sanitizedName) ||
        (prefixed && matchesToolFilter(options.filter, sanitizeToolName(exposedName)));
      if (!allowed) continue;
      let inputSchema: JsonSchema = definition.inputSchema;
      if (options.sanitizeSchemas) {
        const sanitized = sanitizeToolSchema(definition.inputSchema);
        if (!sanitized.ok) {
          warnings.push(`MCP server '${server.name}': skipping tool '${definition.name}': ${sanitized.reason}`);
          continue;
        }
        inputSchema = sanitized.schema;
      }
      const entry = names.register(exposedName, server.name);
      tools.push(mcpTool(server, definition, entry.name, inputSchema));
    }
  }
  warnings.push(...names.warnings.slice(warningsBefore));
  for (const warning of warnings) options.logger?.warn(warning);
  return { tools, warnings };
}

function mcpTool(server: McpLeaseServer, definition: McpToolDefinition, name: string, inputSchema: JsonSchema): Tool {
  return {
    name,
    originalName: definition.name,
    description: definition.description ?? '',
    inputSchema,
    kind: 'mcp',
    source: server.name,
    execute: (args: Record<string, unknown>, context: ToolCallContext): Promise<ToolOutput> =>
      executeMcpTool(server, definition.name, args, context),
  };
}

async function executeMcpTool(
  server: McpLeaseServer,
  toolName: string,
  args: unknown,
  context: ToolCallContext,
): Promise<ToolOutput> {
  try {
    const result = await server.call(toolName, isJsonObject(args) ? args : {}, {
      signal: context.signal,
      ...(context.onStart === undefined ? {} : { onStart: context.onStart }),
      ...(context.onProgress === undefined ? {} : { onProgress: context.onProgress }),
    });
    return extractToolResultText(result);
  } catch (error) {
    if (isAuraError(error, 'RUN_ABORTED')) throw error;
    if (isAuraError(error, 'TOOL_TIMEOUT')) {
      const timeoutMs = isJsonObject(error.data) ? error.data.timeoutMs : undefined;
      return { isError: true, text: formatToolCallError(`${EXECUTION_FAILED_PREFIX}timed out after ${timeoutMs} ms`) };
    }
    // Bounded like the reference (8 KiB, head and tail kept), not cut short by describeMcpError.
    const message = boundErrorContent(stripFailurePrefixes(describeMcpError(error, Number.POSITIVE_INFINITY)));
    return { isError: true, text: formatToolCallError(`${EXECUTION_FAILED_PREFIX}${message}`) };
  }
}

/** Removes leading `ToolCallError: ` / `Tool execution failed: ` so the final text carries each once (§3.7). */
function stripFailurePrefixes(message: string): string {
  let text = message;
  for (;;) {
    if (text.startsWith(TOOL_CALL_ERROR_PREFIX)) text = text.slice(TOOL_CALL_ERROR_PREFIX.length);
    else if (text.startsWith(EXECUTION_FAILED_PREFIX)) text = text.slice(EXECUTION_FAILED_PREFIX.length);
    else return text;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
