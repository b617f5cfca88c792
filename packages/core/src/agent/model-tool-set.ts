/**
 * Aura's tools as provider-level function tool definitions (`LanguageModelV3FunctionTool`): the model only sees
 * their name, description and input schema; Aura runs every tool itself, so it owns ordering, events, nudges and
 * cancellation.
 */
import type { JSONSchema7, LanguageModelV3FunctionTool } from '@ai-sdk/provider';
import type { Tool } from '../tools/tool.js';

/** The tools of one run, by the name the model uses. */
export interface RunTools {
  readonly byName: ReadonlyMap<string, Tool>;
  /** The definitions sent with every call, in `byName` order; `undefined` when there are no tools. */
  readonly modelTools: readonly LanguageModelV3FunctionTool[] | undefined;
}

/** Definitions are immutable per tool object, so they are built once and shared by every run that uses it. */
const definitions = new WeakMap<Tool, LanguageModelV3FunctionTool>();

/** The tools of a run without any: one shared value (read-only by its type), not a map per run. */
const NO_TOOLS: RunTools = { byName: new Map(), modelTools: undefined };

/** Builds the run's tool map and definitions. A later tool with the same `name` replaces an earlier one. */
export function createRunTools(tools: readonly Tool[]): RunTools {
  if (tools.length === 0) return NO_TOOLS;
  const byName = new Map<string, Tool>();
  for (const tool of tools) byName.set(tool.name, tool);
  if (byName.size === 0) return { byName, modelTools: undefined };
  const modelTools: LanguageModelV3FunctionTool[] = [];
  for (const tool of byName.values()) modelTools.push(definitionOf(tool));
  return { byName, modelTools };
}

function definitionOf(tool: Tool): LanguageModelV3FunctionTool {
  let definition = definitions.get(tool);
  if (definition === undefined) {
    // Tool schemas are JSON Schema objects by contract (sanitised upstream); they are forwarded verbatim.
    definition = {
      type: 'function',
      name: tool.name,
      description: tool.description,
      inputSchema: tool.inputSchema as JSONSchema7,
    };
    definitions.set(tool, definition);
  }
  return definition;
}
