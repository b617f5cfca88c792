/** The streamed (`stream: true`) response of `POST /v1/chat/completions` (server-spec §8). */
import { generateCompletionId, unixSeconds } from '../chat/completion-id.js';
import { createChatEventStream } from '../sse/chat-event-stream.js';
import { createChatStreamMapper } from '../sse/chat-stream-mapper.js';
import { chatStreamHeaders } from '../sse/stream-headers.js';
import { formatOverheadMs, OVERHEAD_HEADER } from '../timing/overhead-tracker.js';
import { buildRunRequest, type ChatRequestFacts, type ChatRouteContext, type PreparedChat } from './chat-run.js';

/**
 * Starts the run and returns the SSE response at once (status 200; later failures are in-band). The run is
 * tracked by the controller until its generator is finalised; the client leaving (body cancelled or socket
 * closed) aborts it. `x-aura-overhead-duration-ms` is the set-up time (arrival → response head), as the
 * head is sent before the model answers.
 */
export function streamChatCompletion(
  context: ChatRouteContext,
  prepared: PreparedChat,
  facts: ChatRequestFacts,
): Response {
  const { options, logger } = context;
  const { agent, request } = prepared;
  const abort = new AbortController();
  const mapper = createChatStreamMapper({
    completionId: generateCompletionId(),
    created: unixSeconds(),
    model: agent.label,
    sessionId: prepared.sessionId,
    mode: agent.mode,
    toolResultMode: options.toolResultMode,
    toolResultMaxLength: options.toolResultMaxLength,
    customEvents: options.customEvents,
    emitReasoning: options.emitReasoning,
    emitScratchpadToolEvents: options.emitScratchpadToolEvents,
    includeUsageChunk: request.includeUsage,
    requestMaxTokens: request.maxTokens,
    debugProviderErrors: options.debugProviderErrors,
    providerLabel: agent.label,
  });
  const events = context.runtime.run(buildRunRequest(context, prepared, facts.headers, abort.signal));
  const chat = createChatEventStream({
    events,
    mapper,
    abortRun: (reason) => abort.abort(reason),
    bufferSize: options.streamingBufferSize,
    heartbeatIntervalSecs: options.heartbeatIntervalSecs,
    timeouts: {
      firstChunkSecs: options.firstChunkTimeoutSecs,
      inactivitySecs: options.streamInactivityTimeoutSecs,
      totalSecs: options.streamingTimeoutSecs,
    },
  });
  const release = context.controller.track({ shutdown: () => chat.shutdown() });
  const onClientGone = (): void => chat.disconnect();
  if (facts.clientSignal.aborted) onClientGone();
  else facts.clientSignal.addEventListener('abort', onClientGone, { once: true });
  void chat.closed.then((outcome) => {
    facts.clientSignal.removeEventListener('abort', onClientGone);
    release();
    logger.info(`Stream ${facts.requestId} ended: ${outcome.kind}`, {
      requestId: facts.requestId,
      agent: agent.id,
      outcome: outcome.kind === 'timeout' ? `timeout (${outcome.timer})` : outcome.kind,
      durationMs: Math.round(performance.now() - facts.startedAt),
    });
  });
  const headers = new Headers(chatStreamHeaders(prepared.sessionId));
  headers.set(OVERHEAD_HEADER, formatOverheadMs(performance.now() - facts.startedAt));
  return new Response(chat.stream, { status: 200, headers });
}
