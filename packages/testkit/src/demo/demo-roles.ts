/**
 * The four investigation roles of the demo scenario, how it recognises them (in worker names, descriptions, task
 * texts and questions) and which demo tools each role calls with which arguments.
 */
import { DEMO_DEFAULT_SERVICE } from './demo-data.js';
import type { DemoToolName } from './demo-mcp-tools.js';

/** An investigation role. */
export type DemoRole = 'incident' | 'metrics' | 'logs' | 'diagnostics';

const PATTERNS: Readonly<Record<DemoRole, RegExp>> = {
  incident: /incident|alert|on-?call|pager|triage|escalat|respond/i,
  metrics: /metric|promql|prometheus|grafana|monitor|latency|error rate|slow|trend|anomal/i,
  logs: /\blogs?\b|log-|loki|splunk|elastic|kibana|stack ?trace/i,
  diagnostics: /diagnos|\bops\b|ops-|operat|root cause|health|infra|platform|deploy|\bsre\b/i,
};

/** Roles in the order a worker's NAME is tested (names are short and specific). */
const NAME_ORDER: readonly DemoRole[] = ['incident', 'metrics', 'logs', 'diagnostics'];
/** Roles in the order a TASK text is tested (the diagnostics task mentions the other roles' findings). */
const TASK_ORDER: readonly DemoRole[] = ['diagnostics', 'logs', 'metrics', 'incident'];

function firstMatch(text: string, order: readonly DemoRole[]): DemoRole | undefined {
  return order.find((role) => PATTERNS[role].test(text));
}

/** The role a worker plays, from its name, else its description; `undefined` when neither says. */
export function roleOfWorker(worker: { readonly name: string; readonly description: string }): DemoRole | undefined {
  return firstMatch(worker.name, NAME_ORDER) ?? firstMatch(worker.description, NAME_ORDER);
}

/** The role a task (or question) asks for; `undefined` when it names none. */
export function roleOfTask(text: string): DemoRole | undefined {
  return firstMatch(text, TASK_ORDER);
}

/** One tool call a role makes. */
export interface DemoToolCallPlan {
  readonly tool: DemoToolName;
  readonly arguments: Readonly<Record<string, unknown>>;
}

/** The tool calls (made in one turn) of `role` investigating `service`. */
export function toolCallsForRole(role: DemoRole, service: string): DemoToolCallPlan[] {
  switch (role) {
    case 'incident':
      return [
        { tool: 'list_alerts', arguments: { service, state: 'firing' } },
        { tool: 'get_incident', arguments: { service } },
      ];
    case 'metrics':
      return [
        {
          tool: 'query_metrics',
          arguments: {
            service,
            query: `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="${service}"}[5m])))`,
          },
        },
        {
          tool: 'query_metrics',
          arguments: {
            service,
            query: `sum(rate(http_requests_total{service="${service}",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="${service}"}[5m]))`,
          },
        },
      ];
    case 'logs':
      return [{ tool: 'search_logs', arguments: { service, query: 'error OR timeout', limit: 5 } }];
    case 'diagnostics':
      return [{ tool: 'run_diagnostics', arguments: { service } }];
  }
}

/** What a worker of `role` thinks before calling its tools. */
export function roleReasoning(role: DemoRole, service: string): string {
  switch (role) {
    case 'incident':
      return `I'll pull the firing alerts and the open incident for ${service} at the same time.`;
    case 'metrics':
      return `Two PromQL queries cover this: p99 latency from the request-duration histogram, and the share of 5xx responses for ${service}.`;
    case 'logs':
      return `Searching the last hour of ${service} logs for errors and timeouts; I'll group the matches by message.`;
    case 'diagnostics':
      return `The findings point at the database connection path. Running the diagnostics suite on ${service} to confirm.`;
  }
}

const SERVICE_WORDS: Readonly<Record<string, string>> = {
  checkout: 'checkout-service',
  payment: 'payments-service',
  payments: 'payments-service',
  cart: 'cart-service',
  search: 'search-service',
  auth: 'auth-service',
  login: 'auth-service',
  order: 'orders-service',
  orders: 'orders-service',
  inventory: 'inventory-service',
  shipping: 'shipping-service',
  catalog: 'catalog-service',
  api: 'api-gateway',
  gateway: 'api-gateway',
  frontend: 'frontend-service',
};

/**
 * The service a text is about: an explicit `name-service` / `name-api` / `name-gateway` token, else a known word
 * (`checkout` → `checkout-service`), else {@link DEMO_DEFAULT_SERVICE}.
 */
export function serviceOf(text: string): string {
  const explicit = /\b([a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:service|api|gateway))\b/.exec(text);
  if (explicit?.[1] !== undefined) return explicit[1];
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const service = SERVICE_WORDS[word];
    if (service !== undefined) return service;
  }
  return DEMO_DEFAULT_SERVICE;
}
