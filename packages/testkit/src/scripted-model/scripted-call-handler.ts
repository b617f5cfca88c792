/**
 * The behaviour behind {@link ScriptedModel}: records each call, picks its turn (queue → rules → respond),
 * and plays it as a `doStream` or `doGenerate` result, honouring the call's `abortSignal` throughout.
 */
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { type ConversationView, lastUserText } from '../conversation/conversation-view.js';
import { UnexpectedModelCallError } from '../errors.js';
import type { ModelTurn } from '../script/model-turn.js';
import { cutForFault, playChunks } from '../script/playback.js';
import { planTurn, type TurnPlan } from '../script/turn-plan.js';
import type { TurnScript } from '../script/turn-script.js';
import { abortableDelay, waitForAbort } from '../util/abortable-delay.js';
import {
  apiCallError,
  connectionDroppedError,
  contentParts,
  generateContent,
  headerParts,
  type PartsContext,
  streamDroppedError,
  streamErrorParts,
  toV3Usage,
} from './plan-to-parts.js';
import { frozenCopy, type ModelCallRequest, type RecordedModelCall, settingsOf } from './recorded-call.js';
import { viewFromCallOptions } from './view-from-prompt.js';

/** Computes a turn for a call the queue and rules did not answer. */
export type RespondFunction = (call: ModelCallRequest) => ModelTurn | Promise<ModelTurn>;

/** Configuration of a {@link ScriptedCallHandler}. */
export interface ScriptedCallHandlerOptions {
  readonly script: TurnScript;
  readonly respond: RespondFunction | undefined;
  readonly provider: string;
  readonly modelId: string;
}

/** Records and answers calls; one instance per scripted model. */
export class ScriptedCallHandler {
  readonly calls: RecordedModelCall[] = [];
  readonly #options: ScriptedCallHandlerOptions;
  #toolCallCount = 0;

  constructor(options: ScriptedCallHandlerOptions) {
    this.#options = options;
  }

  /** `doStream`: resolves once "headers" are in; the stream then plays the turn. */
  async stream(callOptions: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const { plan, context, request } = await this.#begin(callOptions, true);
    const url = this.#url();
    const signal = callOptions.abortSignal;
    const { chunks, disconnect } = cutForFault(contentParts(plan, context), plan.fault, streamErrorParts);
    const stopped = new AbortController();
    const playbackSignal = signal === undefined ? stopped.signal : AbortSignal.any([signal, stopped.signal]);
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const part of headerParts(context)) controller.enqueue(part);
        playChunks({
          chunks,
          firstChunkDelayMs: plan.firstTokenDelayMs,
          chunkDelayMs: plan.chunkDelayMs,
          signal: playbackSignal,
          emit: (part) => controller.enqueue(part),
        }).then(
          () => {
            if (disconnect) controller.error(streamDroppedError(url, { prompt: request.prompt }, chunks.length));
            else controller.close();
          },
          (error: unknown) => {
            // A cancelled reader needs no error; an aborted call errors like a real fetch body does.
            if (!stopped.signal.aborted) controller.error(error);
          },
        );
      },
      cancel(reason) {
        stopped.abort(reason);
      },
    });
    return { stream };
  }

  /** `doGenerate`: waits the first-token delay, then returns the whole turn. */
  async generate(callOptions: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const { plan, context, request } = await this.#begin(callOptions, false);
    const signal = callOptions.abortSignal;
    await abortableDelay(plan.firstTokenDelayMs, signal);
    if (plan.fault?.type === 'disconnect') throw connectionDroppedError(this.#url(), { prompt: request.prompt });
    if (plan.fault?.type === 'stream-error') {
      throw new APICallError({
        message: plan.fault.message,
        url: this.#url(),
        requestBodyValues: { prompt: request.prompt },
        statusCode: 500,
      });
    }
    return {
      content: generateContent(plan, context),
      finishReason: { unified: plan.finishReason, raw: plan.finishReason },
      usage: toV3Usage(plan.usage),
      warnings: [],
      response: { id: context.responseId, modelId: context.modelId, timestamp: new Date() },
    };
  }

  async #begin(
    callOptions: LanguageModelV3CallOptions,
    streamed: boolean,
  ): Promise<{ plan: TurnPlan; context: PartsContext; request: ModelCallRequest }> {
    const signal = callOptions.abortSignal;
    signal?.throwIfAborted();
    const { modelId, provider } = this.#options;
    const { abortSignal: _signal, ...sent } = callOptions;
    const snapshot = frozenCopy(sent);
    const request: ModelCallRequest = Object.freeze({
      index: this.calls.length,
      streamed,
      prompt: snapshot.prompt,
      tools: snapshot.tools ?? [],
      toolChoice: snapshot.toolChoice,
      providerOptions: snapshot.providerOptions,
      settings: Object.freeze(settingsOf(snapshot)),
      view: Object.freeze(viewFromCallOptions(snapshot, { modelId, stream: streamed })),
    });
    const selected = await this.#select(request);
    this.calls.push(Object.freeze({ ...request, turn: selected?.turn, source: selected?.source }));
    if (selected === undefined) {
      throw new UnexpectedModelCallError(modelId, { callIndex: request.index, lastUserText: lastUserText(request) });
    }
    const plan = planTurn(selected.turn, {
      promptChars: promptCharacters(request.view),
      nextToolCallId: () => `call_${++this.#toolCallCount}`,
    });
    const context: PartsContext = {
      metadataKey: provider.split('.')[0] ?? provider,
      responseId: `scripted-${request.index}`,
      modelId,
    };
    if (plan.fault?.type === 'hang') {
      if (signal === undefined) await new Promise<never>(() => {});
      else await waitForAbort(signal);
    }
    if (plan.fault?.type === 'http-error') {
      await abortableDelay(plan.firstTokenDelayMs, signal);
      throw apiCallError(plan.fault, this.#url(), { prompt: request.prompt });
    }
    return { plan, context, request };
  }

  async #select(request: ModelCallRequest): Promise<{ turn: ModelTurn; source: string } | undefined> {
    const selected = await this.#options.script.select(request.view);
    if (selected !== undefined) return selected;
    const respond = this.#options.respond;
    return respond === undefined ? undefined : { turn: await respond(request), source: 'respond' };
  }

  #url(): string {
    return `scripted://${this.#options.provider}/${this.#options.modelId}`;
  }
}

function promptCharacters(view: ConversationView): number {
  let characters = view.system?.length ?? 0;
  for (const message of view.messages) {
    characters += message.text.length;
    for (const call of message.toolCalls) characters += JSON.stringify(call.arguments ?? null).length;
  }
  return characters;
}
