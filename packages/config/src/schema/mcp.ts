import * as z from 'zod';
import { stringMap } from './scalars.js';
import { scratchpadThresholdSchema } from './scratchpad.js';

/** MCP transports `[mcp.servers.<name>].transport` accepts. */
export const MCP_TRANSPORTS = ['http_streamable', 'sse', 'stdio'] as const;

const description = z.string().optional().describe('What this server offers (shown to the model and in /aura/info).');
const scratchpad = z
  .record(z.string(), scratchpadThresholdSchema)
  .default({})
  .describe(
    'Per-tool scratchpad thresholds: `"<tool glob>" = { min_tokens = 512 }` (simple globs; longest pattern wins).',
  );

/** Aura extensions shared by every transport (the reference has no equivalent). */
const supervisorKeys = {
  call_timeout_secs: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      "Aura extension: per-call timeout in seconds for this server's tools (0 or absent = none). A timed-out call is cancelled on the server and reported to the model as an error.",
    ),
  prefix_tools: z
    .boolean()
    .default(false)
    .describe("Aura extension: expose this server's tools as `<server>__<tool>` (avoids name collisions)."),
};

const httpKeys = {
  url: z.string().describe('Server URL, e.g. `http://localhost:8081/mcp`.'),
  headers: stringMap().default({}).describe('Static headers sent with every request (values may use `{{ env.X }}`).'),
  headers_from_request: stringMap()
    .default({})
    .describe('Forwarded headers: outgoing header name = incoming request header name.'),
  description,
  scratchpad,
  ...supervisorKeys,
};

const httpStreamableServer = z
  .object({ transport: z.literal('http_streamable'), ...httpKeys })
  .describe('MCP over Streamable HTTP (recommended).');

const sseServer = z
  .object({ transport: z.literal('sse'), ...httpKeys })
  .describe('MCP over the legacy HTTP+SSE transport.');

const stdioServer = z
  .object({
    transport: z.literal('stdio'),
    cmd: z
      .array(z.string())
      .min(1)
      .describe('Command: `cmd[0]` is the executable, the rest are its leading arguments.'),
    args: z.array(z.string()).default([]).describe('Arguments appended after `cmd`.'),
    env: stringMap().default({}).describe('Environment variables added to the inherited environment.'),
    description,
    scratchpad,
    ...supervisorKeys,
    isolation: z
      .enum(['shared', 'per_request'])
      .default('shared')
      .describe(
        'Aura extension: `shared` keeps one long-lived child process for all requests; `per_request` spawns a child per request, as the reference does.',
      ),
  })
  .describe('MCP server spawned as a local child process (one per agent instance).');

/** `[mcp.servers.<name>]`, tagged by `transport`. Unknown keys are ignored (with a warning). */
export const mcpServerSchema = z
  .discriminatedUnion('transport', [httpStreamableServer, sseServer, stdioServer])
  .describe('One MCP server, tagged by `transport`.');

/** `[mcp]`. `servers` is required when the table is present (an empty `[mcp.servers]` is fine). */
export const mcpSchema = z
  .object({
    sanitize_schemas: z
      .boolean()
      .default(true)
      .describe('Rewrite tool schemas for OpenAI strict function calling (safe to leave on).'),
    connect: z
      .enum(['eager', 'lazy'])
      .default('eager')
      .describe(
        'Aura extension: `eager` connects every server when the server starts (failures are retried on demand); `lazy` connects on first use.',
      ),
    servers: z.record(z.string(), mcpServerSchema).describe('MCP servers by name: `[mcp.servers.<name>]`.'),
  })
  .describe('MCP tool servers.');
