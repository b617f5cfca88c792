/** The non-streaming response of `POST /v1/chat/completions` (server-spec §7.6). */
import { AuraError, type ChatCompletion, type RuntimeEvent } from '@aura/events';
import { type ChatCompletionOutcome, createChatCompletionCollector } from '../chat/collect-chat-completion.js';
import { generateCompletionId, unixSeconds } from '../chat/completion-id.js';
import { SHUTTING_DOWN_MESSAGE } from '../middleware/shutdown-gate.js';
import { createOverheadTracker, formatOverheadMs, OVERHEAD_HEADER } from '../timing/overhead-tracker.js';
import {
  buildRunRequest,
  type ChatRequestFacts,
  type ChatRouteContext,
  hasCode,
  type PreparedChat,
} from './chat-run.js';

/**
 * Runs the agent to the end and answers `chat.completion` JSON. Unlike the reference, the run is aborted
 * when the client disconnects (nobody would read the answer) and `STREAMING_TIMEOUT_SECS` bounds it: on
 * timeout the answer so far plus a timeout note is returned at once. Client tool calls come back as
 * `message.tool_calls` with `finish_reason: "tool_calls"` (quirk Q4, fixed). `x-aura-overhead-duration-ms`
 * is the handling time minus the time spent in model calls and tool executions.
 *
 * When the client left, the answer is an empty 499 (nobody receives it; the access log records it).
 *
 * @throws {AuraError} `RUN_ABORTED` (503 `Server is shutting down`) when shutdown cancelled the run.
 */
export async function completeChatCompletion(
  context: ChatRouteContext,
  prepared: PreparedChat,
  facts: ChatRequestFacts,
): Promise<Response> {
  const { options } = context;
  const { agent, request } = prepared;
  const collector = createChatCompletionCollector({
    completionId: generateCompletionId(),
    created: unixSeconds(),
    model: agent.label,
    sessionId: prepared.sessionId,
    mode: agent.mode,
    requestMaxTokens: request.maxTokens,
    debugProviderErrors: options.debugProviderErrors,
    providerLabel: agent.label,
    emitScratchpadToolEvents: options.emitScratchpadToolEvents,
  });
  const tracker = createOverheadTracker();
  const abort = new AbortController();
  const onClientGone = (): void => abort.abort(new AuraError('RUN_ABORTED', 'client disconnected'));
  if (facts.clientSignal.aborted) onClientGone();
  else facts.clientSignal.addEventListener('abort', onClientGone, { once: true });
  const timeoutSecs = options.streamingTimeoutSecs;
  const timer =
    timeoutSecs > 0
      ? setTimeout(() => {
          abort.abort(new AuraError('RUN_TIMEOUT', `The total timeout of ${timeoutSecs} s elapsed`));
        }, timeoutSecs * 1000)
      : undefined;
  timer?.unref();
  const release = context.controller.track({
    shutdown: () => abort.abort(new AuraError('RUN_ABORTED', 'server shutdown')),
  });
  const events = context.runtime.run(buildRunRequest(context, prepared, facts.headers, abort));
  let outcome: ChatCompletionOutcome = { kind: 'completed' };
  const run = consume(events, abort.signal, (event) => {
    tracker.onEvent(event);
    collector.onEvent(event);
  });
  void run.finalized.then(release);
  try {
    const ended = await run.result;
    if (ended.kind === 'failed') outcome = { kind: 'failed', error: ended.error };
    if (ended.kind === 'aborted') {
      const reason: unknown = abort.signal.reason;
      if (facts.clientSignal.aborted) return new Response(null, { status: CLIENT_CLOSED_REQUEST });
      if (!hasCode(reason, 'RUN_TIMEOUT')) throw new AuraError('RUN_ABORTED', SHUTTING_DOWN_MESSAGE);
      outcome = { kind: 'timeout', seconds: timeoutSecs };
    }
  } finally {
    clearTimeout(timer);
    facts.clientSignal.removeEventListener('abort', onClientGone);
  }
  const body: ChatCompletion = collector.finish(outcome);
  const now = performance.now();
  const overhead = now - facts.startedAt - tracker.externalMs(now);
  return Response.json(body, { status: 200, headers: { [OVERHEAD_HEADER]: formatOverheadMs(overhead) } });
}

/** nginx's "client closed request": the status recorded when the client left before the answer. */
const CLIENT_CLOSED_REQUEST = 499;

type ConsumeResult =
  | { readonly kind: 'ended' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Pulls every event into `onEvent` until the run ends, or until `signal` aborts: then `result` settles at
 * once while the generator (aborted too) winds down in the background; `finalized` settles once it has been
 * finalised (MCP lease released). Neither promise rejects.
 */
function consume(
  events: AsyncGenerator<RuntimeEvent, void, undefined>,
  signal: AbortSignal,
  onEvent: (event: RuntimeEvent) => void,
): { readonly result: Promise<ConsumeResult>; readonly finalized: Promise<void> } {
  let markFinalized: () => void = () => undefined;
  const finalized = new Promise<void>((resolve) => {
    markFinalized = resolve;
  });
  const finalize = (pending: Promise<unknown> | undefined): void => {
    void (async () => {
      try {
        if (pending !== undefined) await pending;
        await events.return(undefined);
      } catch {
        // The run's clean-up failed; the runtime reports its own failures and the response is decided.
      }
      markFinalized();
    })();
  };
  const result = (async (): Promise<ConsumeResult> => {
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (signal.aborted) resolve('aborted');
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      for (;;) {
        const next = events.next();
        const step = await Promise.race([next, aborted]);
        if (step === 'aborted') {
          finalize(next.catch(() => undefined));
          return { kind: 'aborted' };
        }
        if (step.done === true) {
          markFinalized();
          return { kind: 'ended' };
        }
        onEvent(step.value);
      }
    } catch (error) {
      finalize(undefined);
      return { kind: 'failed', error };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  })();
  return { result, finalized };
}
