/**
 * Which events of a coordinator's or worker's agent loop reach the run's event stream (orchestration-spec §1.5,
 * §2.3, §5.2). The loop's own `run-finish` / `run-error` never do (the driver reports the run's end); coordinator
 * text never does (its answer is streamed once, at the end); tool events only for tools the reference reports.
 */
import type { AgentRef, RuntimeEvent } from '@aura/events';

/** Options of {@link createLoopEventFilter}. */
export interface LoopEventFilterOptions {
  /** Tool names whose call events are forwarded (e.g. `read_artifact`, `submit_result`). */
  readonly eventTools: ReadonlySet<string>;
  /** Forward events of every tool of kind `mcp` too (workers). */
  readonly mcpTools: boolean;
  /** Drop `text-delta` (the coordinator: its text is not the answer). */
  readonly dropText: boolean;
  /** Re-attribute `reasoning-delta` to this agent (the generic worker's reasoning reads as the coordinator's). */
  readonly reasoningAgent?: AgentRef | undefined;
}

/**
 * A stateful filter for ONE loop: returns the event to forward (possibly re-attributed) or `undefined`. Tool
 * events are kept per call id: `tool-start`, `tool-progress` and `tool-result` follow their `tool-call`.
 */
export function createLoopEventFilter(
  options: LoopEventFilterOptions,
): (event: RuntimeEvent) => RuntimeEvent | undefined {
  const forwardedCalls = new Set<string>();
  return (event) => {
    switch (event.type) {
      case 'run-finish':
      case 'run-error':
      case 'run-start':
      case 'mcp-status':
      case 'client-tool-calls':
        return undefined;
      case 'text-delta':
        return options.dropText ? undefined : event;
      case 'reasoning-delta':
        return options.reasoningAgent === undefined ? event : { ...event, agent: options.reasoningAgent };
      case 'tool-call':
        if (!(options.eventTools.has(event.toolName) || (options.mcpTools && event.toolKind === 'mcp')))
          return undefined;
        forwardedCalls.add(event.toolCallId);
        return event;
      case 'tool-start':
      case 'tool-progress':
      case 'tool-result':
        return forwardedCalls.has(event.toolCallId) ? event : undefined;
      default:
        return event;
    }
  };
}
