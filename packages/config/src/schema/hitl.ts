import * as z from 'zod';
import { globSyntaxError } from '../glob-syntax.js';
import { stringMap, uint } from './scalars.js';

/** HITL routes `[hitl.route].mode` accepts. */
export const HITL_ROUTE_MODES = ['conversational', 'webhook'] as const;

/** Transport headers an approver may never override (`tool_headers_from_response`). */
export const RESERVED_TOOL_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'accept',
  'mcp-session-id',
  'host',
  'content-length',
  'transfer-encoding',
]);

/** RFC 9110 token characters, lower-case only (names are lowercased first). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

const conversationalRoute = z
  .object({
    mode: z.literal('conversational'),
    timeout_secs: uint().default(60).describe('How long a parked call waits for a decision (seconds).'),
  })
  .describe('Ask the user over the open SSE stream; decisions arrive via POST /v1/approvals/{id}.');

const toolHeadersFromResponse = stringMap()
  .default({})
  .transform((map, ctx) => {
    const out: Record<string, string> = {};
    for (const [rawName, rawValue] of Object.entries(map)) {
      const name = rawName.toLowerCase();
      const value = rawValue.toLowerCase();
      const problem = !HEADER_NAME.test(name)
        ? `tool header override is not a valid http header name: ${rawName}`
        : RESERVED_TOOL_HEADERS.has(name)
          ? `reserved transport header cannot be overridden: ${name}`
          : Object.hasOwn(out, name)
            ? `duplicate tool header override name after lowercasing: ${name}`
            : !HEADER_NAME.test(value)
              ? `tool header override is not a valid http header name: ${rawValue}`
              : undefined;
      if (problem !== undefined) {
        ctx.issues.push({ code: 'custom', message: problem, input: rawName, path: [rawName] });
        continue;
      }
      out[name] = value;
    }
    return out;
  })
  .describe('Approver response headers captured as tool headers: `"<override name>" = "<response header>"`.');

const webhookRoute = z
  .object({
    mode: z.literal('webhook'),
    url: z
      .string()
      .refine((url) => url.startsWith('http://') || url.startsWith('https://'), {
        error: 'webhook url must start with http:// or https://',
      })
      .describe('Approver service endpoint (http:// or https://).'),
    timeout_secs: uint().default(300).describe('How long to wait for the approver (seconds).'),
    headers: stringMap().default({}).describe('Static headers sent to the approver.'),
    headers_from_request: stringMap()
      .default({})
      .describe('Forwarded headers: outgoing header name = incoming request header name.'),
    tool_headers_from_response: toolHeadersFromResponse,
  })
  .describe('POST each approval request to an approver service and wait for its answer.');

/** `[hitl.route]`, tagged by `mode`. */
export const hitlRouteSchema = z
  .discriminatedUnion('mode', [conversationalRoute, webhookRoute])
  .describe('How approval decisions are obtained, tagged by `mode`.');

/** `[hitl]`. Its presence enables human-in-the-loop approvals; `[hitl.route]` is then required. */
export const hitlSchema = z
  .object({
    require_approval: z
      .array(
        z.string().check((ctx) => {
          const problem = globSyntaxError(ctx.value);
          if (problem !== undefined) {
            ctx.issues.push({
              code: 'custom',
              message: `invalid glob pattern: ${problem}`,
              input: ctx.value,
              params: { auraCode: 'invalid_value' },
            });
          }
        }),
      )
      .default([])
      .describe('MCP tools needing approval: full globs (`*`, `?`, `[a-z]`, `{a,b}`); any match gates the call.'),
    route: hitlRouteSchema,
  })
  .describe('Human-in-the-loop approvals for tool calls.');
