/**
 * Client (passthrough) tools (core-spec §3.8, server-spec §12.1): tool definitions supplied by the request.
 * The loop never runs them: when the model calls one, the run ends with the pending calls for the client.
 */
import { AuraError } from '@aura/events';
import type { JsonSchema, Tool } from '../tools/tool.js';
import { clientToolFilterAllows } from '../util/simple-glob.js';
import { CLIENT_TOOL_PENDING_MARKER } from './tool-call-result.js';

/** One request-supplied tool (the OpenAI `function` shape: name, description, JSON Schema parameters). */
export interface ClientToolDefinition {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: JsonSchema;
}

/** Parameters of a client tool that declares none: an empty object schema (valid for every provider). */
const EMPTY_PARAMETERS: JsonSchema = Object.freeze({ type: 'object', properties: {} });

/**
 * Creates the client tools allowed by `filter` (`client_tool_filter`: simple globs; `undefined` or empty
 * allows all), in request order. Names are used verbatim (`name` = `originalName`); kind `client`. Their
 * `execute` only returns the reference's pending marker — the agent loop never calls it.
 * @throws AuraError `REQUEST_INVALID` for an empty name or a name given twice.
 */
export function createClientTools(
  definitions: readonly ClientToolDefinition[],
  filter: readonly string[] | undefined,
): Tool[] {
  const seen = new Set<string>();
  const tools: Tool[] = [];
  for (const definition of definitions) {
    const name = definition.name;
    if (name.trim() === '') throw new AuraError('REQUEST_INVALID', 'client tool definition has an empty name');
    if (seen.has(name)) throw new AuraError('REQUEST_INVALID', `client tool '${name}' is defined more than once`);
    seen.add(name);
    if (!clientToolFilterAllows(filter, name)) continue;
    tools.push({
      name,
      originalName: name,
      description: definition.description ?? '',
      inputSchema: definition.parameters ?? EMPTY_PARAMETERS,
      kind: 'client',
      source: 'client',
      execute: async () => ({ text: CLIENT_TOOL_PENDING_MARKER, isError: false }),
    });
  }
  return tools;
}
