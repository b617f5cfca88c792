/**
 * Aura's tools as AI SDK tool definitions WITHOUT `execute`: the SDK only describes them to the model and
 * parses the calls; Aura runs every tool itself, so it owns ordering, events, nudges and cancellation.
 */
import type { JSONSchema7 } from '@ai-sdk/provider';
import { jsonSchema, type Tool as ModelTool, type ToolSet } from 'ai';
import type { Tool } from '../tools/tool.js';

/** The tools of one run, by the name the model uses. */
export interface RunTools {
  readonly byName: ReadonlyMap<string, Tool>;
  /** `undefined` when there are no tools (the SDK then sends none). */
  readonly modelTools: ToolSet | undefined;
}

/** Definitions are immutable per tool object, so they are built once and shared by every run that uses it. */
const definitions = new WeakMap<Tool, ModelTool>();

/** Builds the run's tool map and SDK definitions. A later tool with the same `name` replaces an earlier one. */
export function createRunTools(tools: readonly Tool[]): RunTools {
  const byName = new Map<string, Tool>();
  for (const tool of tools) byName.set(tool.name, tool);
  if (byName.size === 0) return { byName, modelTools: undefined };
  const modelTools: ToolSet = {};
  for (const [name, tool] of byName) modelTools[name] = definitionOf(tool);
  return { byName, modelTools };
}

function definitionOf(tool: Tool): ModelTool {
  let definition = definitions.get(tool);
  if (definition === undefined) {
    // Tool schemas are JSON Schema objects by contract (sanitised upstream); the SDK forwards them verbatim.
    definition = { description: tool.description, inputSchema: jsonSchema(tool.inputSchema as JSONSchema7) };
    definitions.set(tool, definition);
  }
  return definition;
}
