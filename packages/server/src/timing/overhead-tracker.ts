/**
 * The harness's own overhead (like LiteLLM's `x-litellm-overhead-duration-ms`): request handling time minus
 * the wall-clock time spent waiting for model calls and tool executions, measured from runtime events.
 */
import type { RuntimeEvent } from '@aura/events';

/** Response header carrying the overhead in milliseconds (three decimals). */
export const OVERHEAD_HEADER = 'x-aura-overhead-duration-ms';

/** Formats a duration for {@link OVERHEAD_HEADER}: milliseconds with three decimals, never negative. */
export function formatOverheadMs(milliseconds: number): string {
  return Math.max(0, milliseconds).toFixed(3);
}

/** Measures time spent outside Aura during one run. */
export interface OverheadTracker {
  /** Feed every runtime event as it arrives; `now` is `performance.now()` by default. */
  onEvent(event: RuntimeEvent, now?: number): void;
  /**
   * Milliseconds covered by model calls (`step-start` → `step-finish`, open calls counted up to `until`) or
   * tool executions (`tool-result.durationMs` back from its arrival). Overlaps (parallel tools, workers)
   * count once.
   */
  externalMs(until?: number): number;
}

/** Creates a tracker for one run. */
export function createOverheadTracker(): OverheadTracker {
  const openSteps = new Map<string, number>();
  const intervals: [number, number][] = [];
  const stepKey = (event: Extract<RuntimeEvent, { type: 'step-start' | 'step-finish' }>): string =>
    `${event.agent.agentId}\u0000${event.agent.taskId ?? ''}\u0000${event.step}`;
  return {
    onEvent(event, now = performance.now()) {
      switch (event.type) {
        case 'step-start':
          openSteps.set(stepKey(event), now);
          return;
        case 'step-finish': {
          const key = stepKey(event);
          const started = openSteps.get(key);
          if (started !== undefined) intervals.push([started, now]);
          openSteps.delete(key);
          return;
        }
        case 'tool-result':
          if (event.durationMs > 0) intervals.push([now - event.durationMs, now]);
          return;
        default:
          return;
      }
    },
    externalMs(until = performance.now()) {
      const all: [number, number][] = [
        ...intervals,
        ...[...openSteps.values()].map((start): [number, number] => [start, until]),
      ];
      return unionLength(all);
    },
  };
}

function unionLength(intervals: readonly [number, number][]): number {
  const sorted = [...intervals].filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = Number.NEGATIVE_INFINITY;
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    if (start > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else if (end > currentEnd) {
      currentEnd = end;
    }
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}
