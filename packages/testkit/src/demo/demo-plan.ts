/**
 * The demo coordinator's plan: one parallel wave that gathers evidence (alerts and incident, metrics, logs) with
 * the workers the planning prompt lists, then one sequential diagnostics task that confirms the cause from the
 * wave's results (orchestration-spec §1.4 step schema).
 */
import type { PromptWorker } from './demo-prompt-parsing.js';
import { type DemoRole, roleOfWorker } from './demo-roles.js';

/** A leaf step of `create_plan`. */
export interface DemoTaskStep {
  readonly type: 'task';
  readonly task: string;
  readonly worker?: string;
}

/** A parallel group of `create_plan`. */
export interface DemoParallelStep {
  readonly type: 'parallel';
  readonly items: readonly DemoTaskStep[];
}

/** The arguments of the demo's `create_plan` call. */
export interface DemoPlanArguments {
  readonly goal: string;
  readonly steps: readonly (DemoTaskStep | DemoParallelStep)[];
  readonly routing_rationale: string;
  readonly planning_summary: string;
}

const EVIDENCE_ROLES: readonly DemoRole[] = ['incident', 'metrics', 'logs'];

/** `HH:MM:SSZ`. */
function clock(date: Date): string {
  return `${date.toISOString().slice(11, 19)}Z`;
}

/** The task text of `role` for `service` (the last hour before `now`). */
export function taskTextForRole(role: DemoRole, service: string, now: Date): string {
  const range = `from ${clock(new Date(now.getTime() - 3_600_000))} to ${clock(now)} UTC`;
  switch (role) {
    case 'incident':
      return `List the firing alerts and fetch the open incident for ${service}: severity, start time, on-call owner and timeline.`;
    case 'metrics':
      return `Query p99 latency and the 5xx error rate of ${service} ${range} with PromQL; report baseline, peak and current values.`;
    case 'logs':
      return `Search the ${service} logs ${range} for errors and timeouts; report the most frequent error pattern with timestamps and counts.`;
    case 'diagnostics':
      return `Run diagnostics on ${service} and its dependencies to confirm the most likely cause that the alert, metric and log findings above point to, and recommend a fix.`;
  }
}

/**
 * Plans the investigation of `service` for the user's `query`. Each evidence role goes to the first worker whose
 * name (else description) matches it; with fewer than two matches, the remaining roles go to the other workers
 * in order (or, with no workers configured, to the generic worker). The diagnostics task goes to a
 * diagnostics-role worker, else the incident worker, else the first worker.
 */
export function demoPlan(options: {
  readonly query: string;
  readonly service: string;
  readonly workers: readonly PromptWorker[];
  readonly now: Date;
}): DemoPlanArguments {
  const { service, workers, now } = options;
  const roles = new Map(workers.map((worker) => [worker.name, roleOfWorker(worker)]));
  const byRole = (role: DemoRole): string | undefined =>
    workers.find((worker) => roles.get(worker.name) === role)?.name;
  const assignments: { role: DemoRole; worker: string | undefined }[] = [];
  for (const role of EVIDENCE_ROLES) {
    const worker = byRole(role);
    if (worker !== undefined) assignments.push({ role, worker });
  }
  if (assignments.length < 2) {
    const spare = workers.map((worker) => worker.name).filter((name) => !assignments.some((a) => a.worker === name));
    for (const role of EVIDENCE_ROLES) {
      if (assignments.length >= 2) break;
      if (assignments.some((assignment) => assignment.role === role)) continue;
      assignments.push({ role, worker: spare.shift() ?? workers[0]?.name });
    }
  }
  const evidence = EVIDENCE_ROLES.flatMap((role) => assignments.filter((assignment) => assignment.role === role));
  const diagnosticsWorker = byRole('diagnostics') ?? byRole('incident') ?? workers[0]?.name;
  const step = (role: DemoRole, worker: string | undefined): DemoTaskStep =>
    worker === undefined
      ? { type: 'task', task: taskTextForRole(role, service, now) }
      : { type: 'task', task: taskTextForRole(role, service, now), worker };
  const who = evidence.map((assignment) => assignment.worker ?? 'a worker').join(', ');
  return {
    goal: `Find out why ${service} is unhealthy and what to do about it (user asked: "${oneLine(options.query)}")`,
    steps: [
      { type: 'parallel', items: evidence.map((assignment) => step(assignment.role, assignment.worker)) },
      step('diagnostics', diagnosticsWorker),
    ],
    routing_rationale: `Answering needs live data from several systems: ${who} can gather it in parallel, and a diagnostics run can then confirm the cause.`,
    planning_summary: `Gather alerts, metrics and logs for ${service} in parallel, then run diagnostics on the leading hypothesis.`,
  };
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
