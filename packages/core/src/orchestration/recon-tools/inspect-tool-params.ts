/**
 * `inspect_tool_params`, a coordinator reconnaissance tool (orchestration-spec §2.8; only with
 * `tools_in_planning = "none"`).
 */
import * as z from 'zod';
import type { JsonSchema, Tool } from '../../tools/tool.js';
import { stableStringify } from '../../util/stable-stringify.js';
import { jsonToolOutput, parseToolArguments } from '../routing/tool-arguments.js';

/** A tool whose parameters can be inspected. */
export interface InspectableTool {
  readonly name: string;
  readonly inputSchema: JsonSchema;
}

const argsSchema = z.object({ tool_name: z.string() });

/**
 * Creates `inspect_tool_params` (kind `'orchestration'`). For a known `tool_name` returns `{"found": true,
 * "tool_name", "schema": "<input schema as pretty JSON, keys sorted>"}`. Otherwise `{"found": false,
 * "tool_name", "schema": "Tool not found. <hint>"}` where the hint is `Did you mean: a, b, c?` (the first three
 * names that contain the requested name or are contained in it, case-insensitively), else `Available tools:
 * <all names>`, or `No tools are available.` when there are none. A missing `tool_name` is a `JsonError: `
 * tool error. Never throws.
 */
export function createInspectToolParamsTool(tools: readonly InspectableTool[]): Tool {
  const snapshot = [...tools];
  return {
    name: 'inspect_tool_params',
    originalName: 'inspect_tool_params',
    description:
      'Show the parameter schema of one tool. Only use it when you need exact parameter details and the tool name alone is not enough to plan.',
    inputSchema: {
      type: 'object',
      properties: { tool_name: { type: 'string', description: 'Name of the tool to inspect' } },
      required: ['tool_name'],
    },
    kind: 'orchestration',
    execute: async (args) => {
      const parsed = parseToolArguments(argsSchema, args, 'inspect_tool_params');
      if (!parsed.ok) return parsed.output;
      const { tool_name } = parsed.value;
      const tool = snapshot.find((candidate) => candidate.name === tool_name);
      if (tool !== undefined) {
        return jsonToolOutput({ found: true, tool_name, schema: stableStringify(tool.inputSchema, { pretty: true }) });
      }
      return jsonToolOutput({
        found: false,
        tool_name,
        schema: `Tool not found. ${notFoundHint(snapshot, tool_name)}`,
      });
    },
  };
}

function notFoundHint(tools: readonly InspectableTool[], requested: string): string {
  if (tools.length === 0) return 'No tools are available.';
  const wanted = requested.toLowerCase();
  const similar = tools
    .map((tool) => tool.name)
    .filter((name) => {
      const lower = name.toLowerCase();
      return lower.includes(wanted) || wanted.includes(lower);
    })
    .slice(0, 3);
  return similar.length > 0
    ? `Did you mean: ${similar.join(', ')}?`
    : `Available tools: ${tools.map((tool) => tool.name).join(', ')}`;
}
