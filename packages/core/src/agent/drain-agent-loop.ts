/**
 * Push-style consumption of an agent loop, for callers that run many loops at once (orchestration) or only
 * want the result.
 */
import { AuraError, emptyUsage, type RuntimeEvent } from '@aura/events';
import type { AgentLoop, AgentLoopResult } from './agent-loop-types.js';

/**
 * Runs `loop` to its end, handing each event to `onEvent` (awaited, so a slow consumer applies
 * backpressure), and resolves with its {@link AgentLoopResult}. A throwing `onEvent` stops the loop (which
 * aborts the run) and rejects with that error. Abort through the loop's own `signal`.
 */
export async function drainAgentLoop(
  loop: AgentLoop,
  onEvent?: (event: RuntimeEvent) => void | Promise<void>,
): Promise<AgentLoopResult> {
  try {
    for (;;) {
      const next = await loop.next();
      if (next.done === true) return next.value;
      if (onEvent !== undefined) await onEvent(next.value);
    }
  } catch (error) {
    // Closing the generator runs its cleanup, which aborts the run; the value is what `return()` reports.
    await loop.return(abandonedResult(error));
    throw error;
  }
}

function abandonedResult(cause: unknown): AgentLoopResult {
  return {
    text: '',
    usage: emptyUsage(),
    finishReason: 'stop',
    error: new AuraError('RUN_ABORTED', 'agent run aborted: its event consumer failed', { cause }),
    transcript: [],
    steps: [],
    pendingClientToolCalls: [],
  };
}
