/**
 * Maps the runtime's typed event stream of ONE chat completion to the SSE frames of the
 * OpenAI-compatible streaming response (server-spec §8–§10, orchestration-spec §5). Pure and HTTP-free:
 * the caller writes the returned frames, runs timers and detects disconnects.
 */
import {
  type AgentRef,
  type AuraErrorCode,
  type AuraWireEvent,
  assertNever,
  auraEvent,
  type ClientToolCallsEvent,
  type CorrelationData,
  correlationData,
  encodeAuraEvent,
  mcpServerStatusData,
  type RunErrorEvent,
  type RunFinishEvent,
  type RunFinishReason,
  type RunMode,
  type RuntimeEvent,
  type TokenUsage,
  type ToolCallEvent,
  type ToolResultEvent,
} from '@aura/events';
import { AnswerText } from './answer-text.js';
import {
  approvalWireEvent,
  progressWireEvent,
  reasoningWireEvents,
  toolCompleteWireEvent,
  toolRequestedWireEvent,
  toolStartWireEvent,
} from './aura-event-mapping.js';
import type { ChatStreamMapperOptions, ChatStreamOutcome, ToolResultMode } from './chat-stream-options.js';
import { type ChunkIdentity, toolCallChunkFrame } from './chunk-frames.js';
import { closingFrames, streamFinishReason } from './closing-sequence.js';
import {
  type OrchestrationWireContext,
  orchestratorLifecycleWireEvent,
  toolCallCompletedWireEvent,
  toolCallStartedWireEvent,
} from './orchestration-frames.js';
import { describeError, runErrorText, timeoutNoteText } from './run-error-text.js';
import { ToolCallBook } from './tool-call-book.js';
import { truncateToolResult } from './truncate-result.js';
import { UsageLedger } from './usage-ledger.js';
import { isUserVisibleAgent } from './user-visible-agent.js';

/** Maps one response's runtime events to SSE frames. Not reusable across responses. */
export interface ChatStreamMapper {
  /** Frames for one runtime event (possibly none). After the stream closed, always `[]`. */
  onEvent(event: RuntimeEvent): string[];
  /**
   * Frames that end the response for `outcome`: the closing sequence (`aura.usage`, final chunk, optional
   * usage chunk, `[DONE]`) unless it was already sent or the client disconnected. Idempotent.
   */
  finish(outcome: ChatStreamOutcome): string[];
  /** Whether the closing sequence was sent (or the client disconnected). */
  readonly closed: boolean;
  /** The user-visible answer text sent so far (separators and error text included). */
  readonly text: string;
}

/**
 * Creates the mapper of one streamed response. Frame rules (server-spec §8): one choice per chunk,
 * `finish_reason` only on the final chunk, `role` on the first text chunk only, tool-call indices
 * counted over the whole response, `\n\n` before the first text after a tool result, in-band error text,
 * and exactly one closing sequence ending in `data: [DONE]`.
 *
 * @example
 * const mapper = createChatStreamMapper({ completionId: 'chatcmpl-1', created: 1, model: 'openai/gpt-4o', sessionId: 'cs_1' });
 * for await (const event of runtimeEvents) for (const frame of mapper.onEvent(event)) write(frame);
 * for (const frame of mapper.finish({ kind: 'completed' })) write(frame);
 */
export function createChatStreamMapper(options: ChatStreamMapperOptions): ChatStreamMapper {
  return new ChatStreamMapperState(options);
}

// Unexported: callers depend on the ChatStreamMapper interface, not on this state holder.
class ChatStreamMapperState implements ChatStreamMapper {
  readonly #identity: ChunkIdentity;
  readonly #answer: AnswerText;
  readonly #correlation: CorrelationData;
  readonly #orchestrationContext: OrchestrationWireContext;
  readonly #toolResultMode: ToolResultMode;
  readonly #maxLength: number;
  readonly #customEvents: boolean;
  readonly #emitReasoning: boolean;
  readonly #emitScratchpad: boolean;
  readonly #includeUsageChunk: boolean;
  readonly #requestMaxTokens: number | undefined;
  readonly #debug: boolean;
  readonly #providerLabel: string;
  readonly #ledger = new UsageLedger();
  readonly #toolCalls = new ToolCallBook();
  #mode: RunMode;
  readonly #modeFixed: boolean;
  #nextToolIndex = 0;
  #closed = false;

  constructor(options: ChatStreamMapperOptions) {
    this.#identity = { completionId: options.completionId, created: options.created, model: options.model };
    this.#answer = new AnswerText(this.#identity);
    this.#correlation = correlationData({ sessionId: options.sessionId, traceId: options.traceId });
    this.#toolResultMode = options.toolResultMode ?? 'none';
    this.#maxLength = options.toolResultMaxLength ?? 1000;
    this.#customEvents = options.customEvents ?? false;
    this.#emitReasoning = options.emitReasoning ?? false;
    this.#emitScratchpad = options.emitScratchpadToolEvents ?? false;
    this.#includeUsageChunk = options.includeUsageChunk ?? false;
    this.#requestMaxTokens = options.requestMaxTokens;
    this.#debug = options.debugProviderErrors ?? false;
    this.#providerLabel = options.providerLabel ?? options.model;
    this.#mode = options.mode ?? 'single';
    this.#modeFixed = options.mode !== undefined;
    this.#orchestrationContext = {
      sessionId: options.sessionId,
      traceId: options.traceId,
      toolResultMaxLength: this.#maxLength,
    };
  }

  get closed(): boolean {
    return this.#closed;
  }

  get text(): string {
    return this.#answer.text;
  }

  onEvent(event: RuntimeEvent): string[] {
    if (this.#closed) return [];
    switch (event.type) {
      case 'run-start':
        if (!this.#modeFixed) this.#mode = event.mode;
        return this.#custom(() =>
          auraEvent.sessionInfo({
            model: this.#identity.model,
            model_context_limit: this.#mode === 'single' ? event.contextWindow : undefined,
            ...this.#correlation,
          }),
        );
      case 'mcp-status':
        if (event.servers.length === 0) return [];
        return this.#custom(() =>
          auraEvent.mcpStatus({ servers: event.servers.map(mcpServerStatusData), ...this.#correlation }),
        );
      case 'step-start':
        if (this.#reportsToolUsage(event.agent)) this.#ledger.turnStarted();
        return [];
      case 'step-finish': {
        const report = this.#ledger.stepFinished(event.usage, this.#reportsToolUsage(event.agent));
        if (report === undefined) return [];
        return this.#custom(() =>
          auraEvent.toolUsage({
            tool_ids: report.toolIds,
            prompt_tokens: report.promptTokens,
            completion_tokens: report.completionTokens,
            total_tokens: report.totalTokens,
            ...this.#correlation,
          }),
        );
      }
      case 'text-delta':
        if (!isUserVisibleAgent(event.agent) || event.delta === '') return [];
        return [this.#answer.frame(event.delta)];
      case 'reasoning-delta':
        if (!this.#emitReasoning) return [];
        return this.#customMany(() =>
          reasoningWireEvents(
            event,
            this.#correlation,
            this.#mode === 'orchestration' && !isUserVisibleAgent(event.agent),
          ),
        );
      case 'tool-call':
        return this.#mode === 'single' ? this.#singleToolCall(event) : this.#orchestrationToolCall(event);
      case 'tool-start':
        if (
          this.#mode !== 'single' ||
          !isUserVisibleAgent(event.agent) ||
          this.#toolCalls.isSuppressed(event.toolCallId)
        )
          return [];
        return this.#custom(() => toolStartWireEvent(event, this.#correlation));
      case 'tool-progress':
        if (this.#toolCalls.isSuppressed(event.toolCallId)) return [];
        return this.#custom(() => progressWireEvent(event, this.#correlation));
      case 'tool-result':
        return this.#mode === 'single' ? this.#singleToolResult(event) : this.#orchestrationToolResult(event);
      case 'client-tool-calls':
        return this.#clientToolCalls(event);
      case 'scratchpad-usage':
        // Always sent, as in the reference (quirk Q7 kept for client compatibility).
        return [
          encodeAuraEvent(
            auraEvent.scratchpadUsage({
              tokens_intercepted: event.tokensIntercepted,
              tokens_extracted: event.tokensExtracted,
              agent_id: event.agent.agentId,
              ...this.#correlation,
            }),
          ),
        ];
      case 'approval-requested':
      case 'approval-pending':
      case 'approval-completed':
        return [encodeAuraEvent(approvalWireEvent(event))];
      case 'plan-created':
      case 'direct-answer':
      case 'clarification-needed':
      case 'task-started':
      case 'task-completed':
      case 'synthesizing':
      case 'iteration-complete':
      case 'replan-started':
        return this.#custom(() => orchestratorLifecycleWireEvent(event, this.#orchestrationContext));
      case 'run-finish':
        return this.#runFinish(event);
      case 'run-error':
        return this.#runError(event);
      default:
        return assertNever(event);
    }
  }

  finish(outcome: ChatStreamOutcome): string[] {
    if (this.#closed) return [];
    switch (outcome.kind) {
      case 'disconnected':
        this.#closed = true;
        return [];
      case 'completed':
      case 'shutdown':
        return this.#close({});
      case 'timeout':
        return this.#close({ errorText: timeoutNoteText(outcome.seconds) });
      case 'failed': {
        const error = describeError(outcome.error);
        if (error.code === 'RUN_ABORTED' || this.#toolCalls.hasClientCalls()) return this.#close({});
        return this.#close({ errorText: this.#errorText(error) });
      }
      default:
        return assertNever(outcome);
    }
  }

  #custom(build: () => AuraWireEvent): string[] {
    return this.#customEvents ? [encodeAuraEvent(build())] : [];
  }

  #customMany(build: () => AuraWireEvent[]): string[] {
    return this.#customEvents ? build().map(encodeAuraEvent) : [];
  }

  #reportsToolUsage(agent: AgentRef): boolean {
    return this.#mode === 'single' && isUserVisibleAgent(agent);
  }

  #isSuppressedKind(toolKind: string): boolean {
    return toolKind === 'scratchpad' && !this.#emitScratchpad;
  }

  #toolCallFrame(id: string, name: string, rawArguments: string, client: boolean): string {
    const index = this.#nextToolIndex;
    this.#nextToolIndex += 1;
    this.#toolCalls.setIndex(id, index);
    // Client tools always carry their real arguments: the client must execute them (quirk Q5, fixed).
    const args = this.#toolResultMode === 'open-web-ui' && !client ? '' : rawArguments;
    return toolCallChunkFrame(this.#identity, { index, id, type: 'function', function: { name, arguments: args } });
  }

  #singleToolCall(event: ToolCallEvent): string[] {
    if (!isUserVisibleAgent(event.agent)) return [];
    if (this.#isSuppressedKind(event.toolKind)) {
      this.#toolCalls.suppress(event.toolCallId);
      return [];
    }
    const client = event.toolKind === 'client';
    if (client) this.#toolCalls.markClient(event.toolCallId);
    return [
      ...this.#custom(() => toolRequestedWireEvent(event, this.#correlation)),
      this.#toolCallFrame(event.toolCallId, event.toolName, event.rawArguments, client),
    ];
  }

  #singleToolResult(event: ToolResultEvent): string[] {
    if (!isUserVisibleAgent(event.agent)) return [];
    if (event.toolKind === 'client' || this.#toolCalls.isClient(event.toolCallId)) return [];
    if (this.#isSuppressedKind(event.toolKind) || this.#toolCalls.isSuppressed(event.toolCallId)) return [];
    this.#answer.separateNext();
    this.#ledger.toolCompleted(event.toolCallId);
    const frames: string[] = [];
    // In `aura` mode the event IS the result channel, so it is sent even with custom events off.
    if (this.#customEvents || this.#toolResultMode === 'aura') {
      frames.push(encodeAuraEvent(toolCompleteWireEvent(event, this.#correlation, this.#maxLength)));
    }
    const index = this.#toolCalls.indexOf(event.toolCallId);
    if (this.#toolResultMode === 'open-web-ui' && index !== undefined) {
      frames.push(
        toolCallChunkFrame(this.#identity, {
          index,
          id: event.toolCallId,
          type: 'function',
          function: { name: '', arguments: truncateToolResult(event.output, this.#maxLength) },
        }),
      );
    }
    return frames;
  }

  #orchestrationToolCall(event: ToolCallEvent): string[] {
    if (this.#isSuppressedKind(event.toolKind)) {
      this.#toolCalls.suppress(event.toolCallId);
      return [];
    }
    return this.#custom(() => toolCallStartedWireEvent(event, this.#orchestrationContext));
  }

  #orchestrationToolResult(event: ToolResultEvent): string[] {
    if (this.#isSuppressedKind(event.toolKind) || this.#toolCalls.isSuppressed(event.toolCallId)) return [];
    return this.#custom(() => toolCallCompletedWireEvent(event, this.#orchestrationContext));
  }

  #clientToolCalls(event: ClientToolCallsEvent): string[] {
    const frames: string[] = [];
    for (const call of event.calls) {
      this.#toolCalls.markClient(call.id);
      // Normally the call chunk went out with its `tool-call` event; send it now if it did not.
      if (this.#toolCalls.indexOf(call.id) === undefined)
        frames.push(this.#toolCallFrame(call.id, call.name, call.arguments, true));
    }
    return frames;
  }

  #runFinish(event: RunFinishEvent): string[] {
    const frames: string[] = [];
    // Safety net: an answer the runtime reported but never streamed still reaches the client.
    if (!this.#answer.sent && event.text !== '') frames.push(this.#answer.frame(event.text));
    return [...frames, ...this.#close({ finalUsage: event.usage, runFinishReason: event.finishReason })];
  }

  #runError(event: RunErrorEvent): string[] {
    // After a client tool call the run stopping is the expected end (server-spec §12.1).
    if (this.#toolCalls.hasClientCalls()) return this.#close({});
    // Aborted runs are closed by `finish`, which knows why (disconnect, timeout, shutdown).
    if (event.error.code === 'RUN_ABORTED') return [];
    return this.#close({ errorText: this.#errorText(event.error) });
  }

  #errorText(error: { readonly code: AuraErrorCode; readonly message: string }): string {
    return runErrorText(error, { providerLabel: this.#providerLabel, debug: this.#debug });
  }

  #close(input: {
    readonly errorText?: string;
    readonly finalUsage?: TokenUsage;
    readonly runFinishReason?: RunFinishReason;
  }): string[] {
    const frames: string[] = [];
    if (input.errorText !== undefined) frames.push(this.#answer.errorFrame(input.errorText));
    frames.push(
      ...closingFrames({
        identity: this.#identity,
        correlation: this.#correlation,
        customEvents: this.#customEvents,
        includeUsageChunk: this.#includeUsageChunk,
        requestUsage: this.#ledger.requestUsage(this.#mode, input.finalUsage),
        chunkUsage: input.finalUsage ?? this.#ledger.stepTotal(),
        finishReason: streamFinishReason({
          clientToolCallsPending: this.#toolCalls.hasClientCalls(),
          runFinishReason: input.runFinishReason,
          finalUsage: input.finalUsage,
          requestMaxTokens: this.#requestMaxTokens,
        }),
      }),
    );
    this.#closed = true;
    return frames;
  }
}
