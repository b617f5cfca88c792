/**
 * The orchestration driver, loaded when a runtime has an orchestration agent rather than with the package: its
 * plans, routing, prompts, persistence and worker tools are heap a single-agent server never uses and every full
 * collection would mark again (docs/performance.md).
 */
import type { RuntimeEvent } from '@aura/events';
import type {
  OrchestrationAgentOptions,
  OrchestrationRequest,
} from '../orchestration/driver/orchestration-environment.js';
import { LoadOnce } from '../util/load-once.js';
import { eventSequence, type SequenceTail } from './event-sequence.js';

type Driver = typeof import('../orchestration/driver/run-orchestration.js');

const driver = new LoadOnce<Driver>(() => import('../orchestration/driver/run-orchestration.js'));

/** Loads the driver once (a failed load is tried again by the next caller). */
export function loadOrchestration(): Promise<Driver> {
  return driver.load();
}

/** `runOrchestration(agent, request)`: at once when the driver is loaded, else once it is. */
export function runOrchestrationWhenLoaded(
  agent: OrchestrationAgentOptions,
  request: OrchestrationRequest,
): AsyncGenerator<RuntimeEvent, void, undefined> {
  const loaded = driver.value;
  if (loaded !== undefined) return loaded.runOrchestration(agent, request);
  return eventSequence(loadAndStart(agent, request));
}

/** Loads the driver, starts the run and hands it over after its first event (see `eventSequence`). */
async function* loadAndStart(
  agent: OrchestrationAgentOptions,
  request: OrchestrationRequest,
): AsyncGenerator<RuntimeEvent, SequenceTail<RuntimeEvent> | undefined, undefined> {
  const { runOrchestration } = await loadOrchestration();
  const run = runOrchestration(agent, request);
  let handedOver = false;
  try {
    const first = await run.next();
    if (first.done === true) {
      handedOver = true;
      return undefined;
    }
    yield first.value;
    handedOver = true;
    return run;
  } finally {
    // Stopped before the hand-over: the run (already started) is finished here, so its clean-up runs.
    if (!handedOver) await run.return(undefined);
  }
}
