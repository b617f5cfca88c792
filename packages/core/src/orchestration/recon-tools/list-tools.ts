/** `list_tools`, a coordinator reconnaissance tool (orchestration-spec §2.8; only with `tools_in_planning = "none"`). */
import type { Tool } from '../../tools/tool.js';
import { jsonToolOutput } from '../routing/tool-arguments.js';

/**
 * Creates `list_tools` (kind `'orchestration'`, no parameters): returns `{"count": n, "tools": "<names joined
 * by \n>"}` for the given MCP tool names, in the given order. Ignores any arguments; never throws.
 */
export function createListToolsTool(names: readonly string[]): Tool {
  const snapshot = [...names];
  return {
    name: 'list_tools',
    originalName: 'list_tools',
    description:
      "List the names of every MCP tool the workers can use. Only call it when the planning prompt does not already list the workers' tools.",
    inputSchema: { type: 'object', properties: {}, required: [] },
    kind: 'orchestration',
    execute: async () => jsonToolOutput({ count: snapshot.length, tools: snapshot.join('\n') }),
  };
}
