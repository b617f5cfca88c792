/**
 * The demo MCP server's tools: SRE look-ups (`list_alerts`, `get_incident`, `query_metrics`, `search_logs`) that
 * answer at once with canned data, and `run_diagnostics`, which takes a while and reports progress, so the demo
 * shows tool progress events.
 */
import { z } from 'zod';
import type { TestMcpTool } from '../mcp/test-mcp-tool.js';
import { defineTestMcpTool, mcpTextResult } from '../mcp/test-mcp-tool.js';
import { abortableDelay } from '../util/abortable-delay.js';
import {
  alertsText,
  DEMO_DEFAULT_SERVICE,
  DEMO_DIAGNOSTIC_CHECKS,
  type DemoDataContext,
  diagnosticsText,
  incidentText,
  logsText,
  metricsText,
} from './demo-data.js';

/** Names of the demo tools, in listing order. */
export const DEMO_TOOL_NAMES = [
  'list_alerts',
  'get_incident',
  'query_metrics',
  'search_logs',
  'run_diagnostics',
] as const;

/** One demo tool name. */
export type DemoToolName = (typeof DEMO_TOOL_NAMES)[number];

/** Options of {@link createDemoMcpTools}. */
export interface DemoMcpToolsOptions {
  /** The reference time of the canned data. Default: the real clock, read at each call. */
  readonly now?: () => Date;
  /** How long `run_diagnostics` takes, in milliseconds (spread over one progress step per check). Default 1500. */
  readonly diagnosticsMs?: number;
}

const service = z.string().optional().describe(`Service name, e.g. "${DEMO_DEFAULT_SERVICE}" (default)`);

/**
 * Builds the demo tools. Every output is a pure function of the arguments and `now()`; `run_diagnostics` sends
 * one `notifications/progress` per check (when the caller asked for progress) and stops at once when the call is
 * cancelled.
 */
export function createDemoMcpTools(options: DemoMcpToolsOptions = {}): TestMcpTool[] {
  const now = options.now ?? (() => new Date());
  const diagnosticsMs = Math.max(0, options.diagnosticsMs ?? 1500);
  const context = (name: string | undefined): DemoDataContext => ({
    service: name === undefined || name.trim() === '' ? DEMO_DEFAULT_SERVICE : name.trim(),
    now: now(),
  });
  return [
    defineTestMcpTool({
      name: 'list_alerts',
      description: 'List alerts of a service from the alerting system (demo data).',
      input: z.object({
        service,
        state: z.enum(['firing', 'all']).optional().describe('"firing" (default) or "all" (includes resolved)'),
      }),
      annotations: { readOnlyHint: true },
      call: (args) => mcpTextResult(alertsText(context(args.service), { includeResolved: args.state === 'all' })),
    }),
    defineTestMcpTool({
      name: 'get_incident',
      description: 'Get the open incident of a service: severity, on-call, impact, timeline (demo data).',
      input: z.object({ service, id: z.string().optional().describe('Incident id, e.g. "INC-4821"') }),
      annotations: { readOnlyHint: true },
      call: (args) => mcpTextResult(incidentText(context(args.service))),
    }),
    defineTestMcpTool({
      name: 'query_metrics',
      description: 'Run a PromQL query over the last hour and summarise the series (demo data).',
      input: z.object({
        query: z.string().min(1).describe('PromQL, e.g. histogram_quantile(0.99, ...)'),
        service,
      }),
      annotations: { readOnlyHint: true },
      call: (args) => mcpTextResult(metricsText(context(args.service), args.query)),
    }),
    defineTestMcpTool({
      name: 'search_logs',
      description: 'Search the logs of a service over the last hour; returns matching lines, newest first (demo data).',
      input: z.object({
        query: z.string().min(1).describe('Search terms, e.g. "error OR timeout"'),
        service,
        limit: z.number().int().min(1).max(50).optional().describe('Lines to return (default 5)'),
      }),
      annotations: { readOnlyHint: true },
      call: (args) => mcpTextResult(logsText(context(args.service), args.query, args.limit ?? 5)),
    }),
    defineTestMcpTool({
      name: 'run_diagnostics',
      description:
        'Run health checks against a service and its dependencies (DNS, TLS, connection pools, database, nodes); ' +
        'takes a moment and reports progress (demo data).',
      input: z.object({ service }),
      annotations: { readOnlyHint: true },
      call: async (args, call) => {
        const total = DEMO_DIAGNOSTIC_CHECKS.length;
        for (const [index, check] of DEMO_DIAGNOSTIC_CHECKS.entries()) {
          await abortableDelay(diagnosticsMs / total, call.signal);
          await call.sendProgress({ progress: index + 1, total, message: `checked ${check}` });
        }
        return mcpTextResult(diagnosticsText(context(args.service)));
      },
    }),
  ];
}
