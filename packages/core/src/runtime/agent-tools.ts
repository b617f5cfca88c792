/**
 * Assembles the tools of one run in the reference's registration order (core-spec §3.3), with one
 * collision-safe name registry, and converts every schema to the provider's dialect — a tool that cannot be
 * made valid is dropped by name with a warning instead of failing mid-conversation.
 */
import type { AuraConfig } from '@aura/config';
import { type ClientToolDefinition, createClientTools } from '../agent/client-tools.js';
import { checkToolSchema } from '../llm/dialects/check-tool-schema.js';
import { createMcpTools } from '../mcp/create-mcp-tools.js';
import type { McpLease } from '../mcp/mcp-lease.js';
import { createFilesystemTools } from '../tools/filesystem-tools.js';
import type { Tool } from '../tools/tool.js';
import type { ToolNameProvider } from '../tools/tool-name.js';
import { createToolNameMap } from '../tools/tool-name-registry.js';
import type { RuntimeLogger } from './runtime-logger.js';

/** Input of {@link buildAgentTools}. */
export interface BuildAgentToolsOptions {
  readonly config: AuraConfig;
  readonly provider: ToolNameProvider;
  readonly lease: McpLease | undefined;
  readonly clientTools: readonly ClientToolDefinition[] | undefined;
  readonly cwd: string;
  readonly logger: RuntimeLogger;
}

/** The tools offered to the model, and what had to be renamed or dropped. */
export interface AgentTools {
  readonly tools: readonly Tool[];
  readonly warnings: readonly string[];
}

/** Builds the tool set of a single-agent run (client → MCP HTTP/SSE → filesystem → MCP stdio). */
export function buildAgentTools(options: BuildAgentToolsOptions): AgentTools {
  const { config, provider, lease, logger } = options;
  const names = createToolNameMap({ provider });
  const warnings: string[] = [];
  const collected: Tool[] = [];

  if (config.agent.enable_client_tools && options.clientTools !== undefined) {
    for (const tool of createClientTools(options.clientTools, config.agent.client_tool_filter)) {
      names.register(tool.name);
      collected.push(tool);
    }
  }
  const mcpTools = (transports: readonly ('http_streamable' | 'sse' | 'stdio')[]): void => {
    if (lease === undefined) return;
    const result = createMcpTools(lease, {
      names,
      provider,
      sanitizeSchemas: config.mcp?.sanitize_schemas ?? true,
      transports,
      logger,
      ...(config.agent.mcp_filter === undefined ? {} : { filter: config.agent.mcp_filter }),
    });
    collected.push(...result.tools);
    warnings.push(...result.warnings);
  };
  mcpTools(['http_streamable', 'sse']);
  if (config.tools?.filesystem === true) {
    for (const tool of createFilesystemTools({ cwd: options.cwd })) {
      const entry = names.register(tool.name, 'filesystem');
      collected.push(entry.name === tool.name ? tool : renamed(tool, entry.name));
    }
  }
  mcpTools(['stdio']);

  const tools: Tool[] = [];
  for (const tool of collected) {
    const check = checkToolSchema(tool, provider);
    if (!check.ok) {
      const reasons = check.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
      const message = `Tool '${tool.name}' dropped: its schema cannot be made valid for ${provider} (${reasons.join('; ')})`;
      warnings.push(message);
      logger.warn(message);
      continue;
    }
    tools.push(check.schema === tool.inputSchema ? tool : withSchema(tool, check.schema));
  }
  for (const warning of names.warnings) if (!warnings.includes(warning)) warnings.push(warning);
  return { tools, warnings };
}

function renamed(tool: Tool, name: string): Tool {
  return {
    name,
    originalName: tool.originalName,
    description: tool.description,
    inputSchema: tool.inputSchema,
    kind: tool.kind,
    ...(tool.source === undefined ? {} : { source: tool.source }),
    execute: (args, context) => tool.execute(args, context),
  };
}

function withSchema(tool: Tool, inputSchema: Tool['inputSchema']): Tool {
  return {
    name: tool.name,
    originalName: tool.originalName,
    description: tool.description,
    inputSchema,
    kind: tool.kind,
    ...(tool.source === undefined ? {} : { source: tool.source }),
    execute: (args, context) => tool.execute(args, context),
  };
}
