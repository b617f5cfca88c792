/**
 * Start-up advisories about timeouts that contradict each other (server-spec §1 step 2, orchestration-spec
 * §6.2): warnings only, they never fail start-up.
 */
import type { AuraConfig } from '@aura/config';
import type { ServerOptions } from '../server-options.js';

/** One loaded agent as the advisories see it. */
export interface AdvisoryAgent {
  readonly id: string;
  readonly config: AuraConfig;
}

/**
 * The warnings for `agents` under `options`:
 * - an orchestrated agent whose `per_call_timeout_secs` is at least `STREAMING_TIMEOUT_SECS` (a task cannot
 *   finish inside the request budget);
 * - `STREAM_INACTIVITY_TIMEOUT_SECS` set for an orchestrated agent (the server window does not exempt worker
 *   tool execution), especially when it is not above the orchestration inactivity window;
 * - a HITL route timeout at least as long as the server inactivity window (a parked approval trips it).
 */
export function timeoutAdvisories(agents: readonly AdvisoryAgent[], options: ServerOptions): string[] {
  const warnings: string[] = [];
  const total = options.streamingTimeoutSecs;
  const inactivity = options.streamInactivityTimeoutSecs;
  for (const { id, config } of agents) {
    const orchestration = config.orchestration;
    if (orchestration?.enabled === true) {
      const perCall = orchestration.timeouts?.per_call_timeout_secs ?? 0;
      if (total > 0 && perCall > 0 && perCall >= total) {
        warnings.push(
          `Agent '${id}': [orchestration.timeouts].per_call_timeout_secs (${perCall} s) >= STREAMING_TIMEOUT_SECS (${total} s); a task cannot finish inside the request budget`,
        );
      }
      if (inactivity > 0) {
        const inner = orchestration.timeouts?.stream_inactivity_timeout_secs ?? 0;
        const detail =
          inner > 0 && inactivity <= inner
            ? `, and it is not above [orchestration.timeouts].stream_inactivity_timeout_secs (${inner} s)`
            : '';
        warnings.push(
          `Agent '${id}' is orchestrated and STREAM_INACTIVITY_TIMEOUT_SECS is ${inactivity} s${detail}; long planning or worker phases without streamed output may trip it`,
        );
      }
    }
    const route = config.hitl?.route;
    if (route !== undefined && inactivity > 0 && route.timeout_secs >= inactivity) {
      warnings.push(
        `Agent '${id}': [hitl.route].timeout_secs (${route.timeout_secs} s) >= STREAM_INACTIVITY_TIMEOUT_SECS (${inactivity} s); a call waiting for approval may time the stream out first`,
      );
    }
  }
  return warnings;
}
