/**
 * One run of a single (non-orchestrated) agent: lease the MCP connections, build the tools, run the agent
 * loop, release the lease. Emits `run-start`, `mcp-status` (when servers are configured), then the loop's
 * events; ends with exactly one `run-finish` or `run-error`.
 */
import { randomUUID } from 'node:crypto';
import { AuraError, type RuntimeEvent, runtimeEvent } from '@aura/events';
import type { AgentLoop } from '../agent/agent-loop-types.js';
import { runAgentLoop } from '../agent/run-agent-loop.js';
import type { ResolvedModel } from '../llm/model-factory.js';
import { toProviderError } from '../llm/provider-error.js';
import type { McpLease } from '../mcp/mcp-lease.js';
import type { McpPool } from '../mcp/mcp-pool.js';
import { buildAgentTools } from './agent-tools.js';
import { eventSequence, type SequenceTail } from './event-sequence.js';
import { toModelMessages } from './history.js';
import type { RuntimeLogger } from './runtime-logger.js';
import type { RunRequest, RuntimeAgentConfig } from './runtime-types.js';

/** What a single-agent run needs from the runtime. */
export interface SingleAgentRunContext {
  readonly agent: RuntimeAgentConfig;
  readonly model: ResolvedModel;
  readonly pool: McpPool | undefined;
  readonly cwd: string;
  readonly logger: RuntimeLogger;
}

const MAIN_AGENT = { agentId: 'main' } as const;

/**
 * Runs `request` against a single agent; see the module comment for the event contract. The loop's events are
 * handed out by {@link eventSequence} as the loop produces them: no generator level between the loop and the
 * consumer on the path of every streamed token.
 */
export function runSingleAgent(
  context: SingleAgentRunContext,
  request: RunRequest,
): AsyncGenerator<RuntimeEvent, void, undefined> {
  return eventSequence(startSingleAgent(context, request));
}

/** The run's first events (`run-start`, `mcp-status`, the loop's first event), then the started loop. */
async function* startSingleAgent(
  context: SingleAgentRunContext,
  request: RunRequest,
): AsyncGenerator<RuntimeEvent, SequenceTail<RuntimeEvent> | undefined, undefined> {
  const { agent, model, pool, logger } = context;
  const { config } = agent;
  yield runtimeEvent.runStart({
    runId: randomUUID(),
    ...(request.sessionId === undefined ? {} : { sessionId: request.sessionId }),
    model: model.label,
    ...(model.contextWindow === undefined ? {} : { contextWindow: model.contextWindow }),
    mode: 'single',
  });
  let lease: McpLease | undefined;
  // Who releases the lease: this generator until the loop has started, then the loop (its `release` option).
  let loop: AgentLoop | undefined;
  let handedOver = false;
  try {
    if (pool !== undefined && pool.serverNames.length > 0) {
      try {
        lease = await pool.acquire({
          signal: request.signal,
          ...(request.forwardedHeaders === undefined ? {} : { forwardedHeaders: request.forwardedHeaders }),
        });
      } catch (error) {
        yield runError(error, request.signal);
        return undefined;
      }
      yield runtimeEvent.mcpStatus({ servers: lease.statuses });
    }
    const { tools } = buildAgentTools({
      config,
      provider: model.provider,
      lease,
      clientTools: request.clientTools,
      cwd: context.cwd,
      logger,
    });
    const held = lease;
    loop = runAgentLoop({
      model: model.model,
      system: config.agent.system_prompt,
      messages: toModelMessages(request.history ?? [], request.query, request.continuation ?? []),
      tools,
      agent: MAIN_AGENT,
      callSettings: model.callSettings,
      providerOptions: model.providerOptions,
      turnDepth: config.agent.turn_depth,
      nudges: {
        lastTurn: config.agent.nudge_last_turn,
        variant: 'agent',
        ...(config.agent.nudge_turns_remaining === undefined
          ? {}
          : { turnsRemaining: config.agent.nudge_turns_remaining }),
      },
      parallelToolCalls: config.agent.parallel_tool_calls,
      signal: request.signal,
      abortController: request.abortController,
      mapError: (error) => toProviderError(error, { provider: model.provider, model: model.modelId }),
      // Bedrock drops tool history when tools are off; see AgentLoopOptions.finalAnswerToolChoice.
      finalAnswerToolChoice: model.provider === 'bedrock' ? 'auto' : 'none',
      ...(held === undefined ? {} : { release: () => held.release() }),
      ...(request.directEvents === undefined ? {} : { directEvents: request.directEvents }),
    });
    // Started here, so its `finally` (abort, lease release) runs however the sequence ends. The lease stays ours
    // until that first step succeeded: a loop that fails before its own `try` never runs its `release` (a second
    // release is a no-op).
    const first = await loop.next();
    lease = undefined;
    if (first.done === true) return undefined;
    yield first.value;
    handedOver = true;
    return loop;
  } finally {
    if (!handedOver) await loop?.return(undefined as never);
    await lease?.release();
  }
}

function runError(error: unknown, signal: AbortSignal): RuntimeEvent {
  const aura = AuraError.isInstance(error)
    ? error
    : signal.aborted
      ? new AuraError('RUN_ABORTED', 'The run was aborted', { cause: signal.reason })
      : new AuraError('INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
  return runtimeEvent.runError({ error: { code: aura.code, message: aura.message, retryable: aura.retryable } });
}
