/**
 * One LLM call of the loop: the model's own `doStream` (the single call `streamText` makes per step), with
 * Aura's tools as definitions only (Aura executes them), no retries (they live in the model wrapper) and the
 * run's signal; its parts are recorded by a {@link ModelTurnRecorder} into the events the loop yields as they
 * arrive.
 *
 * Calling `doStream` directly instead of `streamText(…).fullStream` is a deliberate deviation from "the loop
 * runs on `streamText`" (docs/compat.md): the call is the same, but `streamText` adds about a dozen web-stream
 * stages per call (each part passes through every one) and its own bookkeeping, which doubled the CPU and heap
 * cost of a streamed answer (docs/performance.md). What `streamText` did for the loop is done here and in
 * `model-prompt.ts` / `model-turn-recorder.ts`: the prompt conversion, tool and tool-choice preparation, call
 * setting checks, tool-input parsing, the finish/usage/error/abort reporting.
 */
import {
  InvalidArgumentError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3StreamPart,
  type LanguageModelV3ToolChoice,
  type SharedV3ProviderOptions,
} from '@ai-sdk/provider';
import type { AgentRef, RuntimeEvent } from '@aura/events';
import type { ModelMessage } from 'ai';
import { readStreamParts, type StreamPartReader, type StreamPartReadResult } from '../llm/stream-parts.js';
import type { AgentCallSettings, DirectEventSink } from './agent-loop-types.js';
import { toLanguageModelPrompt } from './model-prompt.js';
import type { RunTools } from './model-tool-set.js';
import { type ModelTurnOutcome, ModelTurnRecorder } from './model-turn-recorder.js';

/** Input of {@link ModelTurn}. */
export interface StreamModelTurnOptions {
  readonly model: LanguageModelV3;
  readonly system: string;
  readonly messages: readonly ModelMessage[];
  readonly tools: RunTools;
  readonly agent: AgentRef;
  readonly step: number;
  readonly callSettings: AgentCallSettings | undefined;
  readonly providerOptions: SharedV3ProviderOptions | undefined;
  readonly signal: AbortSignal;
  /** The depth-exhausted answer call: tools stay defined but the model is told not to use them. */
  readonly answerOnly?: { readonly toolChoice: 'none' | 'auto' };
}

/**
 * One call of the loop, read by the agent loop itself (no generator of its own: each level of async generator
 * between the provider's reader and the consumer costs promises and a resumption per streamed token):
 *
 * ```ts
 * const turn = new ModelTurn(options);
 * if (await turn.open()) {
 *   try {
 *     while (!signal.aborted) {
 *       const read = await turn.read();
 *       if (read.done) { const finish = turn.finish(); if (finish) yield finish; break; }
 *       const event = turn.accept(read.value);
 *       if (event) yield event;
 *     }
 *   } catch (error) { turn.fail(error); } finally { turn.close(); }
 * }
 * const outcome = turn.outcome();
 * ```
 *
 * When the provider's reader reads synchronously ({@link ModelTurn.direct}), `deliver(sink)` replaces the read loop:
 * each part's event goes to the sink in the reader's own callback, and only `step-finish` is yielded.
 *
 * Provider failures and aborts never throw out of it: they are reported in the outcome's `failure` (an invalid
 * prompt or call setting is such a failure too). The signal is the call's `abortSignal` (aborting the HTTP
 * request); once it fired the stream is no longer read, as with `streamText`.
 */
export class ModelTurn {
  readonly #options: StreamModelTurnOptions;
  readonly #recorder: ModelTurnRecorder;
  #reader: StreamPartReader | undefined;
  #finished = false;

  constructor(options: StreamModelTurnOptions) {
    this.#options = options;
    this.#recorder = new ModelTurnRecorder({
      agent: options.agent,
      step: options.step,
      tools: options.tools.byName,
      answerOnly: options.answerOnly ?? false,
    });
  }

  /** Sends the call. Resolves `false` when it failed before streaming (recorded); never rejects. */
  async open(): Promise<boolean> {
    try {
      const result = await this.#options.model.doStream(callOptions(this.#options));
      this.#reader = readStreamParts(result);
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /**
   * The next part: the provider reader's own promise, nothing wrapped around it (this is every streamed token's
   * path). Only after {@link open} resolved `true`. Rejects when the stream fails: pass the error to {@link fail}.
   */
  read(): Promise<StreamPartReadResult> {
    if (this.#reader === undefined) return Promise.reject(new Error('ModelTurn.read() before open()'));
    return this.#reader.read();
  }

  /** Whether the provider's reader reads synchronously, so {@link deliver} can be used instead of {@link read}. */
  get direct(): boolean {
    return this.#reader?.tryRead !== undefined && this.#reader.onReadable !== undefined;
  }

  /**
   * Reads the whole stream by direct delivery (only when {@link direct}): each part is recorded as it arrives
   * and its event handed to `sink` in the same callback — no promise per part. Pauses while the sink refuses.
   * Resolves `true` when the stream ended (then call {@link finish}), `false` when it failed (recorded) or the
   * signal fired — also while paused. Never rejects.
   */
  deliver(sink: DirectEventSink): Promise<boolean> {
    const reader = this.#reader as DirectReader;
    return new Promise<boolean>((resolve) => {
      new Delivery(this, reader, sink, this.#options.signal, resolve).start();
    });
  }

  /** Records a part; returns the event it produces (text/reasoning delta, tool call), if any. */
  accept(part: LanguageModelV3StreamPart): RuntimeEvent | undefined {
    return this.#recorder.accept(part);
  }

  /** The stream closed: returns the `step-finish` event, unless the run was aborted or the turn is a failure. */
  finish(): RuntimeEvent | undefined {
    this.#finished = true;
    return this.#options.signal.aborted ? undefined : this.#recorder.end();
  }

  /** Reading failed (or the consumer threw into the loop): an abort when the signal fired, else a failure. */
  fail(error: unknown): void {
    if (this.#options.signal.aborted) this.#recorder.abort();
    else this.#recorder.fail(error);
  }

  /**
   * Call when reading stops (in a `finally`): a stream left open by an early return is cancelled, releasing the
   * response. (After an abort the signal ends the provider's request and its stream by itself.)
   */
  close(): void {
    if (!this.#finished && !this.#options.signal.aborted) this.#reader?.cancel().catch(ignoreCancelError);
  }

  /** What the turn produced. */
  outcome(): ModelTurnOutcome {
    if (this.#options.signal.aborted) this.#recorder.abort();
    return this.#recorder.outcome();
  }
}

/**
 * The call options `streamText` would pass for this turn: settings without `undefined` entries, the function
 * tools with tool choice `auto` (or the answer call's choice), the caller's provider options and the signal.
 * @throws InvalidArgumentError for a `maxOutputTokens` that is not an integer ≥ 1 or a `temperature` that is
 *   not a number (checked as `streamText` checks them); InvalidPromptError and friends from the prompt conversion.
 */
function callOptions(options: StreamModelTurnOptions): LanguageModelV3CallOptions {
  const { callSettings, answerOnly } = options;
  const modelTools = options.tools.modelTools;
  const maxOutputTokens = callSettings?.maxOutputTokens;
  const temperature = callSettings?.temperature;
  if (maxOutputTokens !== undefined && !(Number.isInteger(maxOutputTokens) && maxOutputTokens >= 1)) {
    throw new InvalidArgumentError({
      argument: 'maxOutputTokens',
      message: `maxOutputTokens must be an integer >= 1 (got ${maxOutputTokens})`,
    });
  }
  if (temperature !== undefined && typeof temperature !== 'number') {
    throw new InvalidArgumentError({ argument: 'temperature', message: 'temperature must be a number' });
  }
  // As the SDK: with no tools only `none` is sent (providers may have native tools); with tools, `auto` by default.
  let toolChoice: LanguageModelV3ToolChoice | undefined;
  if (modelTools !== undefined) toolChoice = { type: answerOnly?.toolChoice ?? 'auto' };
  else if (answerOnly?.toolChoice === 'none') toolChoice = { type: 'none' };
  return {
    prompt: toLanguageModelPrompt(options.system, options.messages),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(modelTools === undefined ? {} : { tools: [...modelTools] }),
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
    abortSignal: options.signal,
  };
}

function ignoreCancelError(): void {
  // Cancelling a stream that already failed or closed can reject; the outcome is recorded elsewhere.
}

type DirectReader = StreamPartReader & Required<Pick<StreamPartReader, 'tryRead' | 'onReadable'>>;

/**
 * One direct delivery of a turn's parts (see {@link ModelTurn.deliver}), as an instance rather than closures: it
 * lives as long as the model streams. It is its own abort listener (`handleEvent`); `#drain` is the one callback
 * handed to the reader and the sink.
 */
class Delivery {
  readonly #turn: ModelTurn;
  readonly #reader: DirectReader;
  readonly #sink: DirectEventSink;
  readonly #signal: AbortSignal;
  readonly #resolve: (ended: boolean) => void;
  #settled = false;
  // The signal's own `aborted` getter validates its receiver on every read: this flag is read per part.
  #aborted: boolean;
  readonly #drain = (): void => this.drain();

  constructor(
    turn: ModelTurn,
    reader: DirectReader,
    sink: DirectEventSink,
    signal: AbortSignal,
    resolve: (ended: boolean) => void,
  ) {
    this.#turn = turn;
    this.#reader = reader;
    this.#sink = sink;
    this.#signal = signal;
    this.#resolve = resolve;
    this.#aborted = signal.aborted;
  }

  start(): void {
    // A paused delivery waits on the sink, not on the reader: an abort must end it too.
    this.#signal.addEventListener('abort', this, { once: true });
    this.drain();
  }

  /** The signal's 'abort'. */
  handleEvent(): void {
    this.#aborted = true;
    this.#settle(false);
  }

  /** Reads and delivers what is ready; waits for the reader or the sink when either is not. */
  drain(): void {
    if (this.#settled) return;
    try {
      while (!this.#aborted) {
        const read = this.#reader.tryRead();
        if (read === undefined) {
          this.#reader.onReadable(this.#drain);
          return;
        }
        if (read.done) {
          this.#settle(true);
          return;
        }
        const event = this.#turn.accept(read.value);
        if (event !== undefined && !this.#sink.event(event)) {
          this.#sink.onResume(this.#drain);
          return;
        }
      }
      this.#settle(false);
    } catch (error) {
      this.#turn.fail(error);
      this.#settle(false);
    }
  }

  #settle(ended: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal.removeEventListener('abort', this);
    this.#resolve(ended);
  }
}
