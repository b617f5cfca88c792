/**
 * The canned SRE incident behind Aura's offline demo: a deploy lowered a service's database connection pool, so
 * requests queue for connections, latency and 5xx errors climb and alerts fire. Every text is a pure function
 * of the service name and a reference time, so the demo tools answer deterministically for a given clock.
 * The first line of every output is a one-line headline (the demo scenario quotes it as a finding).
 */

/** What every canned output is computed from. */
export interface DemoDataContext {
  /** The service under investigation, e.g. `checkout-service`. */
  readonly service: string;
  /** The reference time ("now"); the incident started about 22 minutes before it. */
  readonly now: Date;
}

/** The service investigated when a request names none. */
export const DEMO_DEFAULT_SERVICE = 'checkout-service';

const DATABASE = 'payments-db';
const BAD_VERSION = 'v2.14.0';
const GOOD_VERSION = 'v2.13.4';

/** `HH:MM:SSZ` of `now` minus `minutes`. */
function clock(now: Date, minutes: number): string {
  return `${new Date(now.getTime() - minutes * 60_000).toISOString().slice(11, 19)}Z`;
}

/** ISO timestamp (milliseconds) of `now` minus `seconds`. */
function stamp(now: Date, seconds: number): string {
  return new Date(now.getTime() - seconds * 1000).toISOString();
}

/** A short, stable pod name for `service`. */
function pod(service: string, index: number): string {
  const base = service.replace(/-service$/, '');
  return `${base}-7d9f${'abc'.charAt(index % 3)}-x${2 + index}k4`;
}

/** `list_alerts`: firing (and, with `includeResolved`, recently resolved) alerts of the service. */
export function alertsText(context: DemoDataContext, options: { includeResolved?: boolean } = {}): string {
  const { service, now } = context;
  const name = alertPrefix(service);
  const lines = [
    `2 alerts firing for ${service} (1 critical, 1 warning)`,
    `- [critical] ${name}LatencyHigh: p99 latency 2.41 s > 300 ms SLO for 18m (since ${clock(now, 18)}), service=${service}`,
    `- [warning] ${name}ErrorRateElevated: 5xx rate 4.8% > 1% for 12m (since ${clock(now, 12)}), service=${service}`,
  ];
  if (options.includeResolved === true) {
    lines.push(`- [resolved] PaymentsDbReplicaLag: resolved at ${clock(now, 41)} (lasted 3m)`);
  }
  return lines.join('\n');
}

/** `get_incident`: the open incident of the service, with on-call and timeline. */
export function incidentText(context: DemoDataContext): string {
  const { service, now } = context;
  return [
    `Open incident INC-4821 (SEV-2, investigating): ${service} latency above SLO; on-call Dana Kim (payments-sre)`,
    `Opened: ${clock(now, 17)} by alert ${alertPrefix(service)}LatencyHigh; escalates to Ravi Patel at ${clock(now, -13)}`,
    'Impact: about 6% of requests time out with HTTP 503',
    'Timeline:',
    `  ${clock(now, 22)} deploy ${service} ${BAD_VERSION} (change: db.max_connections 50 → 20)`,
    `  ${clock(now, 18)} p99 latency crosses the 300 ms SLO`,
    `  ${clock(now, 17)} INC-4821 opened, Dana Kim paged`,
    `  ${clock(now, 12)} 5xx rate above 1%`,
    `Runbook: runbooks/${service.replace(/-service$/, '')}-latency.md`,
  ].join('\n');
}

/** Which series a metrics query asks for. */
export type DemoMetricKind = 'latency' | 'errors' | 'connections' | 'saturation';

/** Classifies a PromQL-ish query (or plain words) into one of the canned series. */
export function metricKindOf(query: string): DemoMetricKind {
  const lower = query.toLowerCase();
  if (/(5xx|error|status=~?"5|code=~?"5|fail)/.test(lower)) return 'errors';
  if (/(pool|connection|db_|database)/.test(lower)) return 'connections';
  if (/(cpu|memory|mem_|saturation|node_)/.test(lower)) return 'saturation';
  return 'latency';
}

const SERIES: Readonly<Record<DemoMetricKind, readonly number[]>> = {
  latency: [0.18, 0.18, 0.19, 0.18, 0.21, 0.19, 0.18, 0.52, 1.37, 2.41, 2.08, 1.93],
  errors: [0.2, 0.2, 0.3, 0.2, 0.3, 0.2, 0.2, 0.6, 2.1, 4.1, 4.8, 4.8],
  connections: [31, 29, 33, 30, 32, 30, 31, 20, 20, 20, 20, 20],
  saturation: [36, 37, 35, 38, 37, 39, 38, 36, 38, 37, 38, 38],
};

/** `query_metrics`: a one-hour series (5-minute steps) summarised with baseline, peak and current values. */
export function metricsText(context: DemoDataContext, query: string): string {
  const { service, now } = context;
  const kind = metricKindOf(query);
  const series = SERIES[kind];
  const peakIndex = series.indexOf(Math.max(...series));
  const peakAt = clock(now, (series.length - 1 - peakIndex) * 5);
  const values = series.map((value) => String(value)).join(' ');
  const headline: Record<DemoMetricKind, string> = {
    latency: `${service} p99 latency 1.93 s now (peak 2.41 s at ${peakAt}, baseline 182 ms): 6.4x above the 300 ms SLO`,
    errors: `${service} 5xx error rate 4.8% now (peak 4.8% at ${peakAt}, baseline 0.2%): above the 1% alert threshold`,
    connections: `${service} → ${DATABASE} connections pinned at 20/20 since ${clock(now, 22)} (was about 30 of 50 before)`,
    saturation: `${service} CPU 38% and memory 61% across 3 pods: normal, no resource saturation`,
  };
  const unit: Record<DemoMetricKind, string> = {
    latency: 's',
    errors: '%',
    connections: 'connections in use',
    saturation: '% CPU',
  };
  return [
    headline[kind],
    `query: ${query}`,
    `range: ${clock(now, 55)} → ${clock(now, 0)}, step 5m`,
    `series (${unit[kind]}): ${values}`,
  ].join('\n');
}

/** `search_logs`: matching log lines (newest first), capped at `limit`. */
export function logsText(context: DemoDataContext, query: string, limit: number): string {
  const { service, now } = context;
  const lines = [
    `${stamp(now, 31)} ERROR ${service} pod=${pod(service, 0)} msg="timeout acquiring connection from pool" pool=${DATABASE} active=20 max=20 waiting=143 wait_ms=5000`,
    `${stamp(now, 47)} ERROR ${service} pod=${pod(service, 1)} msg="request failed" status=503 path=/api/v1/checkout cause="pool timeout after 5000ms"`,
    `${stamp(now, 64)} ERROR ${service} pod=${pod(service, 2)} msg="timeout acquiring connection from pool" pool=${DATABASE} active=20 max=20 waiting=138 wait_ms=5000`,
    `${stamp(now, 92)} WARN  ${service} pod=${pod(service, 0)} msg="slow request" path=/api/v1/checkout duration_ms=2380`,
    `${stamp(now, 420)} WARN  ${service} pod=${pod(service, 1)} msg="connection pool near capacity" pool=${DATABASE} active=19 max=20`,
    `${stamp(now, 1310)} INFO  ${service} pod=${pod(service, 2)} msg="config loaded" version=${BAD_VERSION} db.max_connections=20`,
  ];
  const shown = lines.slice(0, Math.max(1, Math.min(limit, lines.length)));
  return [
    `143 lines matched "${query}" in ${service} logs (last 1h); top pattern "timeout acquiring connection from pool" (127 lines, since ${clock(now, 21)})`,
    ...shown,
  ].join('\n');
}

/** The checks `run_diagnostics` performs, in order (one progress notification each). */
export const DEMO_DIAGNOSTIC_CHECKS = [
  'DNS and service endpoints',
  'TLS certificates',
  'database connection pool',
  'database health',
  'node resources',
] as const;

/** `run_diagnostics`: the outcome of every check, the likely cause and a suggested fix. */
export function diagnosticsText(context: DemoDataContext): string {
  const { service, now } = context;
  return [
    `Diagnostics for ${service}: 1 failing, 4 passing; ${DATABASE} connection pool exhausted`,
    '✓ DNS resolves, 3 of 3 pods ready',
    '✓ TLS certificate valid for 62 more days',
    `✗ ${DATABASE} connection pool exhausted: 20/20 in use, 143 requests waiting (limit lowered from 50 to 20 in ${BAD_VERSION})`,
    `✓ ${DATABASE} itself is healthy: query p99 41 ms, replication lag 0 s`,
    '✓ Node resources normal: CPU 38%, memory 61%',
    `Likely cause: the ${BAD_VERSION} deploy at ${clock(now, 22)} lowered db.max_connections from 50 to 20, so requests queue for database connections.`,
    `Suggested: roll back ${service} to ${GOOD_VERSION}, or restore db.max_connections = 50 and redeploy.`,
  ].join('\n');
}

/** `CheckoutLatencyHigh`-style alert prefix: the service name in PascalCase without `-service`. */
function alertPrefix(service: string): string {
  return service
    .replace(/-service$/, '')
    .split(/[^a-zA-Z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
