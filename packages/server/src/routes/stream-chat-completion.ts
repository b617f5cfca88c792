/** The streamed (`stream: true`) response of `POST /v1/chat/completions` (server-spec §8). */
import type { DirectEventSink } from '@aura/core';
import type { AuraError } from '@aura/events';
import { generateCompletionId, unixSeconds } from '../chat/completion-id.js';
import { alreadySentResponse } from '../http/node-bindings.js';
import { REQUEST_ID_HEADER } from '../middleware/request-id.js';
import { createChatEventStream } from '../sse/chat-event-stream.js';
import { createChatStreamMapper } from '../sse/chat-stream-mapper.js';
import type { ChatStreamOutcome } from '../sse/chat-stream-options.js';
import { writeChatEventsToNode } from '../sse/node-chat-event-writer.js';
import { chatStreamHeaders } from '../sse/stream-headers.js';
import { formatOverheadMs, OVERHEAD_HEADER } from '../timing/overhead-tracker.js';
import { buildRunRequest, type ChatRequestFacts, type ChatRouteContext, type PreparedChat } from './chat-run.js';

/**
 * Starts the run and sends the SSE response head at once (status 200; later failures are in-band). Served by
 * Node (`facts.node`), the frames are written straight to the `ServerResponse` and a marker response is
 * returned; otherwise the response carries a `ReadableStream` body. The run is tracked by the controller until
 * its generator is finalised; the client leaving (connection closed, body cancelled) aborts it.
 * `x-aura-overhead-duration-ms` is the set-up time (arrival → response head), as the head is sent before the
 * model answers.
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
  const run = (direct?: DirectEventSink) =>
    context.runtime.run(buildRunRequest(context, prepared, facts.headers, abort, direct));
  const headers = chatStreamHeaders(prepared.sessionId);
  // The head leaves before the middleware's after-`next()` code runs, so the route sets what it would add.
  headers[REQUEST_ID_HEADER] = facts.requestId;
  headers[OVERHEAD_HEADER] = formatOverheadMs(performance.now() - facts.startedAt);
  const streamOptions = {
    events: run,
    headers,
    mapper,
    abortRun: abortRunOf(abort),
    bufferSize: options.streamingBufferSize,
    heartbeatIntervalSecs: options.heartbeatIntervalSecs,
    timeouts: {
      firstChunkSecs: options.firstChunkTimeoutSecs,
      inactivitySecs: options.streamInactivityTimeoutSecs,
      totalSecs: options.streamingTimeoutSecs,
    },
  };
  const track = (chat: TrackedStream): void =>
    trackStream(context.controller, logger, chat, facts.requestId, agent.id, facts.startedAt);
  if (facts.node !== undefined) {
    // Served by Node: frames go straight to the socket; the returned marker tells the adapter to stay out.
    // Frames of the model's tokens are written as they arrive (the run's direct events), without the generator.
    track(writeChatEventsToNode(facts.node.outgoing, streamOptions));
    return alreadySentResponse(200, headers);
  }
  const chat = createChatEventStream({ ...streamOptions, events: run() });
  track(chat);
  const onClientGone = (): void => chat.disconnect();
  const { clientSignal } = facts;
  if (clientSignal.aborted) onClientGone();
  else clientSignal.addEventListener('abort', onClientGone, { once: true });
  void chat.closed.then(() => clientSignal.removeEventListener('abort', onClientGone));
  return new Response(chat.stream, { status: 200, headers });
}

/** What {@link trackStream} tracks: either sink of the pump. */
interface TrackedStream {
  shutdown(): void;
  readonly closed: Promise<ChatStreamOutcome>;
}

// The two helpers below leave closures for the stream's whole life. As module functions they capture only their
// own arguments; made inside the route, they would keep its whole scope (the parsed request, the request facts,
// the route context) alive per open stream.

/** Aborts the run's controller with the pump's reason. */
function abortRunOf(abort: AbortController): (reason: AuraError) => void {
  return (reason) => abort.abort(reason);
}

/** Counts `chat` as in flight until it closes, then logs how it ended. */
function trackStream(
  controller: ChatRouteContext['controller'],
  logger: ChatRouteContext['logger'],
  chat: TrackedStream,
  requestId: string,
  agentId: string,
  startedAt: number,
): void {
  const release = controller.track(chat);
  void chat.closed.then((outcome) => {
    release();
    logger.info(`Stream ${requestId} ended: ${outcome.kind}`, {
      requestId,
      agent: agentId,
      outcome: outcome.kind === 'timeout' ? `timeout (${outcome.timer})` : outcome.kind,
      durationMs: Math.round(performance.now() - startedAt),
    });
  });
}
