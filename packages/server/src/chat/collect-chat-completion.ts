/**
 * Collects the runtime events of one non-streaming chat completion into its `chat.completion` body
 * (server-spec §7.6): the same text rules as the stream (post-tool `\n\n` separator, in-band error text),
 * no `aura.*` events.
 */
import {
  AuraError,
  type AuraErrorCode,
  addUsage,
  assertNever,
  type ChatCompletion,
  type ClientToolCall,
  type RunFinishReason,
  type RunMode,
  type RuntimeEvent,
  type TokenUsage,
} from '@aura/events';
import { runErrorText, timeoutNoteText } from '../sse/run-error-text.js';
import { isUserVisibleAgent } from '../sse/user-visible-agent.js';
import { buildChatCompletionResponse } from './chat-completion-response.js';

/** Options of {@link createChatCompletionCollector}. */
export interface ChatCompletionCollectorOptions {
  readonly completionId: string;
  readonly created: number;
  /** `<provider>/<model>`. */
  readonly model: string;
  readonly sessionId: string;
  /** Default: the mode announced by `run-start`. */
  readonly mode?: RunMode | undefined;
  readonly requestMaxTokens?: number | undefined;
  /** `AURA_DEBUG_PROVIDER_ERRORS`. Default false. */
  readonly debugProviderErrors?: boolean | undefined;
  /** Default: `model`. */
  readonly providerLabel?: string | undefined;
  /** `AURA_EMIT_SCRATCHPAD_TOOL_EVENTS` (scratchpad results then count for the separator). Default false. */
  readonly emitScratchpadToolEvents?: boolean | undefined;
}

/**
 * How the run ended: `completed` (event stream ended), `timeout` (the whole-request budget fired;
 * `seconds` its length), or `failed` (the runtime threw instead of emitting `run-error`).
 */
export type ChatCompletionOutcome =
  | { readonly kind: 'completed' }
  | { readonly kind: 'timeout'; readonly seconds?: number | undefined }
  | { readonly kind: 'failed'; readonly error: unknown };

/** Accumulates one run; `finish` builds the body. */
export interface ChatCompletionCollector {
  onEvent(event: RuntimeEvent): void;
  /** Builds the response body. Default outcome `completed`. */
  finish(outcome?: ChatCompletionOutcome): ChatCompletion;
}

/**
 * Creates a collector. Content = the runtime's final text (`run-finish.text`) or, without one, the
 * concatenated visible text deltas; a failure appends its user-facing text after a blank line. Usage =
 * the final report, else the sum of finished LLM calls, else zeros.
 */
export function createChatCompletionCollector(options: ChatCompletionCollectorOptions): ChatCompletionCollector {
  let mode: RunMode = options.mode ?? 'single';
  let streamed = '';
  let needsSeparator = false;
  let finalText: string | undefined;
  let finalUsage: TokenUsage | undefined;
  let stepUsage: TokenUsage | undefined;
  let finishReason: RunFinishReason | undefined;
  let errorText: string | undefined;
  const clientCalls = new Map<string, ClientToolCall>();
  const errorTextOf = (error: { readonly code: AuraErrorCode; readonly message: string }): string =>
    runErrorText(error, {
      providerLabel: options.providerLabel ?? options.model,
      debug: options.debugProviderErrors ?? false,
    });

  const onEvent = (event: RuntimeEvent): void => {
    switch (event.type) {
      case 'run-start':
        if (options.mode === undefined) mode = event.mode;
        return;
      case 'text-delta':
        if (!isUserVisibleAgent(event.agent) || event.delta === '') return;
        streamed += needsSeparator ? `\n\n${event.delta}` : event.delta;
        needsSeparator = false;
        return;
      case 'tool-call':
        if (event.toolKind === 'client' && isUserVisibleAgent(event.agent)) {
          clientCalls.set(event.toolCallId, {
            id: event.toolCallId,
            name: event.toolName,
            arguments: event.rawArguments,
          });
        }
        return;
      case 'tool-result': {
        const hidden = event.toolKind === 'scratchpad' && options.emitScratchpadToolEvents !== true;
        const client = event.toolKind === 'client' || clientCalls.has(event.toolCallId);
        if (mode === 'single' && isUserVisibleAgent(event.agent) && !hidden && !client) needsSeparator = true;
        return;
      }
      case 'client-tool-calls':
        for (const call of event.calls) if (!clientCalls.has(call.id)) clientCalls.set(call.id, call);
        return;
      case 'step-finish':
        stepUsage = stepUsage === undefined ? event.usage : addUsage(stepUsage, event.usage);
        return;
      case 'run-finish':
        finalText = event.text;
        finalUsage = event.usage;
        finishReason = event.finishReason;
        return;
      case 'run-error':
        // After a client tool call, and on abort, the run stopping is not an error for the answer.
        if (clientCalls.size === 0 && event.error.code !== 'RUN_ABORTED') errorText ??= errorTextOf(event.error);
        return;
      case 'mcp-status':
      case 'step-start':
      case 'reasoning-delta':
      case 'tool-start':
      case 'tool-progress':
      case 'scratchpad-usage':
      case 'approval-requested':
      case 'approval-pending':
      case 'approval-completed':
      case 'plan-created':
      case 'direct-answer':
      case 'clarification-needed':
      case 'task-started':
      case 'task-completed':
      case 'synthesizing':
      case 'iteration-complete':
      case 'replan-started':
        return;
      default:
        assertNever(event);
    }
  };

  const finish = (outcome: ChatCompletionOutcome = { kind: 'completed' }): ChatCompletion => {
    if (outcome.kind === 'timeout' && finalText === undefined) errorText ??= timeoutNoteText(outcome.seconds);
    if (outcome.kind === 'failed' && finalText === undefined && clientCalls.size === 0) {
      const error = AuraError.isInstance(outcome.error)
        ? outcome.error
        : {
            code: 'INTERNAL' as const,
            message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
          };
      if (error.code !== 'RUN_ABORTED') errorText ??= errorTextOf(error);
    }
    const base = finalText ?? streamed;
    const text = errorText === undefined ? base : base === '' ? errorText : `${base}\n\n${errorText}`;
    return buildChatCompletionResponse({
      completionId: options.completionId,
      created: options.created,
      model: options.model,
      sessionId: options.sessionId,
      text,
      usage: finalUsage ?? stepUsage,
      finishReason,
      clientToolCalls: [...clientCalls.values()],
      requestMaxTokens: options.requestMaxTokens,
    });
  };

  return { onEvent, finish };
}
