/**
 * `GET /aura/info` (server-spec §6): a credential-free view of the agents — models, workers, MCP servers
 * (URLs reduced to their origin; never headers, env or args) and, with `detail=tools|tools:summary`, the
 * tools each server offers, listed with this request's forwarded headers.
 */
import type { AgentDescriptor, AgentRuntime, McpServerToolListing, McpToolDefinition } from '@aura/core';
import { AuraError } from '@aura/events';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { ServerLogger } from '../http/server-logger.js';

/** Tool detail requested by `detail`. */
export type InfoToolDetail = 'none' | 'summary' | 'full';

/**
 * Parses `detail`: comma-separated tokens, trimmed, empties ignored; `tools` wins over `tools:summary`.
 *
 * @throws {AuraError} `REQUEST_INVALID` (400) `unknown detail '<token>'; expected 'tools' or 'tools:summary'`.
 */
export function parseInfoDetail(detail: string | undefined): InfoToolDetail {
  let result: InfoToolDetail = 'none';
  for (const raw of (detail ?? '').split(',')) {
    const token = raw.trim();
    if (token === '') continue;
    if (token === 'tools') result = 'full';
    else if (token === 'tools:summary') result = result === 'full' ? 'full' : 'summary';
    else throw new AuraError('REQUEST_INVALID', `unknown detail '${token}'; expected 'tools' or 'tools:summary'`);
  }
  return result;
}

type ToolObject = Readonly<Record<string, unknown>>;

function toolObject(tool: McpToolDefinition, detail: InfoToolDetail): ToolObject {
  const description = tool.description === undefined ? {} : { description: tool.description };
  if (detail === 'summary') return { name: tool.name, ...description };
  return {
    name: tool.name,
    ...(tool.title === undefined ? {} : { title: tool.title }),
    ...description,
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema === undefined ? {} : { outputSchema: tool.outputSchema }),
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
  };
}

function agentInfo(
  agent: AgentDescriptor,
  listings: readonly McpServerToolListing[] | undefined,
  detail: InfoToolDetail,
): Record<string, unknown> {
  const servers: Record<string, unknown> = {};
  for (const server of agent.mcpServers) {
    const tools = listings?.find((listing) => listing.name === server.name)?.tools;
    servers[server.name] = {
      transport: server.transport,
      ...(server.url === undefined ? {} : { url: server.url }),
      ...(server.command === undefined ? {} : { command: server.command }),
      ...(server.description === undefined ? {} : { description: server.description }),
      ...(tools === undefined || detail === 'none' ? {} : { tools: tools.map((tool) => toolObject(tool, detail)) }),
    };
  }
  return {
    id: agent.id,
    ...(agent.description === undefined ? {} : { description: agent.description }),
    model: agent.model,
    ...(agent.workers.length === 0 ? {} : { workers: agent.workers }),
    mcp_servers: servers,
  };
}

/** Options of {@link mountInfoRoute}. */
export interface InfoRouteOptions {
  readonly runtime: AgentRuntime;
  readonly defaultAgent: string | undefined;
  /** Bound on listing one agent's tools, in seconds. */
  readonly toolsTimeoutSecs: number;
  readonly forwardedHeaders: (headers: Headers) => Headers;
  readonly logger: ServerLogger;
}

/**
 * Mounts `GET /aura/info`. With tool detail, every visible agent's servers are listed concurrently, each
 * agent bounded by `toolsTimeoutSecs` and by the request (a client that leaves cancels the listing); a server
 * that did not connect in time simply has no `tools` key (still 200).
 */
export function mountInfoRoute(app: Hono<AppEnv>, options: InfoRouteOptions): void {
  const visible = options.runtime.agents.filter((agent) => !agent.hidden);
  app.get('/aura/info', async (c) => {
    const detail = parseInfoDetail(c.req.query('detail'));
    let listings: (readonly McpServerToolListing[] | undefined)[] = visible.map(() => undefined);
    if (detail !== 'none') {
      const headers = options.forwardedHeaders(c.req.raw.headers);
      listings = await Promise.all(
        visible.map(async (agent) => {
          if (agent.mcpServers.length === 0) return [];
          const signal = AbortSignal.any([AbortSignal.timeout(options.toolsTimeoutSecs * 1000), c.req.raw.signal]);
          try {
            return await options.runtime.listTools(agent.id, { forwardedHeaders: headers, signal });
          } catch (error) {
            options.logger.warn(`Listing the MCP tools of agent '${agent.id}' failed`, { error });
            return undefined;
          }
        }),
      );
    }
    return c.json({
      ...(options.defaultAgent === undefined ? {} : { default_agent: options.defaultAgent }),
      agents: visible.map((agent, index) => agentInfo(agent, listings[index], detail)),
    });
  });
}
