/**
 * Test helpers for the agent loop: tools that record their executions, and a collector for a loop's events
 * and result. Real `Tool` objects, no mocks of the loop itself.
 */
import type { AgentRef, RuntimeEvent, RuntimeEventOf, RuntimeEventType } from '@aura/events';
import type { AgentLoop, AgentLoopResult } from '../src/agent/agent-loop-types.js';
import type { Tool, ToolCallContext, ToolKind, ToolOutput } from '../src/tools/tool.js';

export const AGENT: AgentRef = { agentId: 'main' };

/** One recorded execution. */
export interface ToolExecution {
  readonly name: string;
  readonly args: Record<string, unknown>;
  readonly toolCallId: string;
  /** Whether the call's signal was aborted when the call returned. */
  abortedAtEnd: boolean;
}

/** Options of {@link recordingTool}. */
export interface RecordingToolOptions {
  readonly kind?: ToolKind;
  /** Result text, or a function computing the output. Default `<name> ok`. */
  readonly reply?:
    | string
    | ((args: Record<string, unknown>, context: ToolCallContext) => Promise<ToolOutput> | ToolOutput);
  readonly description?: string;
}

/** A tool that records every execution into `log`. */
export function recordingTool(name: string, log: ToolExecution[], options: RecordingToolOptions = {}): Tool {
  return {
    name,
    originalName: name,
    description: options.description ?? `${name} tool`,
    inputSchema: { type: 'object', properties: {} },
    kind: options.kind ?? 'mcp',
    async execute(args, context) {
      const execution: ToolExecution = { name, args, toolCallId: context.toolCallId, abortedAtEnd: false };
      log.push(execution);
      const reply = options.reply ?? `${name} ok`;
      try {
        return typeof reply === 'string' ? { text: reply, isError: false } : await reply(args, context);
      } finally {
        execution.abortedAtEnd = context.signal.aborted;
      }
    },
  };
}

/** A promise that resolves when `signal` aborts (for tools that wait to be cancelled). */
export function abortedPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Runs `loop` to completion, collecting its events and result. */
export async function collect(loop: AgentLoop): Promise<{ events: RuntimeEvent[]; result: AgentLoopResult }> {
  const events: RuntimeEvent[] = [];
  for (;;) {
    const next = await loop.next();
    if (next.done === true) return { events, result: next.value };
    events.push(next.value);
  }
}

/** The events of type `type`. */
export function eventsOf<T extends RuntimeEventType>(events: readonly RuntimeEvent[], type: T): RuntimeEventOf<T>[] {
  return events.filter((event): event is RuntimeEventOf<T> => event.type === type);
}
