import { AuraError } from '@aura/events';
import type { Client } from '@modelcontextprotocol/client';
import { z } from 'zod';
import type { JsonSchema } from '../tools/tool.js';
import { isJsonObject } from '../util/json-value.js';
import type { McpLogger, McpToolDefinition } from './mcp-types.js';

/** Upper bound on `tools/list` pages followed, against a server whose cursor never ends. */
export const MAX_TOOL_LIST_PAGES = 1000;

// Deliberately lenient: the SDK's own `tools/list` schema rejects the WHOLE listing when one tool has a
// non-object root schema (or none), while the reference drops just that tool (§4.3). Tools are checked
// one by one below instead.
const listPageSchema = z.looseObject({
  tools: z.array(z.unknown()),
  nextCursor: z.string().optional(),
});

/** Options of {@link listAllTools}. */
export interface ListAllToolsOptions {
  readonly serverName: string;
  readonly signal?: AbortSignal | undefined;
  /** Per-page request timeout in milliseconds. */
  readonly timeoutMs: number;
  readonly logger?: McpLogger | undefined;
}

/**
 * Every tool a connected server lists, following `nextCursor` across pages (quirk Q6: the reference reads
 * only the first page) until a page has no cursor, a cursor repeats, or {@link MAX_TOOL_LIST_PAGES} pages
 * were read. Entries without a string `name` are skipped with a warning; an `inputSchema` that is not a
 * JSON object is replaced by `{}` with a warning. Duplicate names keep the first entry.
 *
 * Rejects with the SDK's error when a page request fails, and with an `AuraError` `MCP_CALL_FAILED` when the
 * page cap is hit. Honours `signal` (the SDK cancels the pending page request).
 */
export async function listAllTools(client: Client, options: ListAllToolsOptions): Promise<McpToolDefinition[]> {
  const { serverName, signal, timeoutMs, logger } = options;
  const tools = new Map<string, McpToolDefinition>();
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TOOL_LIST_PAGES; page += 1) {
    const result = await client.request(
      { method: 'tools/list', params: cursor === undefined ? {} : { cursor } },
      listPageSchema,
      signal === undefined ? { timeout: timeoutMs } : { timeout: timeoutMs, signal },
    );
    for (const entry of result.tools) {
      const tool = toToolDefinition(serverName, entry, logger);
      if (tool !== undefined && !tools.has(tool.name)) tools.set(tool.name, tool);
    }
    cursor = result.nextCursor;
    if (cursor === undefined || cursor === '' || seenCursors.has(cursor)) return [...tools.values()];
    seenCursors.add(cursor);
  }
  throw new AuraError(
    'MCP_CALL_FAILED',
    `MCP server '${serverName}' kept returning tools/list pages (stopped after ${MAX_TOOL_LIST_PAGES})`,
    { data: { serverName } },
  );
}

function toToolDefinition(
  serverName: string,
  entry: unknown,
  logger: McpLogger | undefined,
): McpToolDefinition | undefined {
  if (!isJsonObject(entry) || typeof entry.name !== 'string' || entry.name === '') {
    logger?.warn(`MCP server '${serverName}' listed a tool without a name; skipped`, { serverName });
    return undefined;
  }
  const name = entry.name;
  let inputSchema: JsonSchema;
  if (isJsonObject(entry.inputSchema)) {
    inputSchema = entry.inputSchema;
  } else {
    logger?.warn(`MCP server '${serverName}': tool '${name}' has no JSON object inputSchema; using {}`, {
      serverName,
      tool: name,
    });
    inputSchema = {};
  }
  return {
    name,
    inputSchema,
    ...(typeof entry.title === 'string' ? { title: entry.title } : {}),
    ...(typeof entry.description === 'string' ? { description: entry.description } : {}),
    ...(isJsonObject(entry.outputSchema) ? { outputSchema: entry.outputSchema } : {}),
    ...(isJsonObject(entry.annotations) ? { annotations: entry.annotations } : {}),
  };
}
