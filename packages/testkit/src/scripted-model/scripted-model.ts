/**
 * The in-process scripted model: a real `LanguageModelV3` (built on the AI SDK's `MockLanguageModelV3`) that
 * answers `doStream` and `doGenerate` from a script of {@link ModelTurn}s and records every call.
 */
import { MockLanguageModelV3 } from 'ai/test';
import type { ModelTurn } from '../script/model-turn.js';
import type { MockRule } from '../script/rules.js';
import { TurnScript } from '../script/turn-script.js';
import type { RecordedModelCall } from './recorded-call.js';
import { type RespondFunction, ScriptedCallHandler } from './scripted-call-handler.js';

/** Options of {@link createScriptedModel}. */
export interface ScriptedModelOptions {
  /** Turns answered in order, one per call. */
  readonly turns?: readonly ModelTurn[];
  /** Consulted when the queue is empty; the first matching rule answers. */
  readonly rules?: readonly MockRule[];
  /** Consulted when neither the queue nor a rule answered. */
  readonly respond?: RespondFunction;
  /** Provider id; its first dot-segment keys provider metadata (reasoning signatures). Default `scripted`. */
  readonly provider?: string;
  /** Default `scripted-model`. */
  readonly modelId?: string;
}

/**
 * A `LanguageModelV3` that plays a script. Each call is recorded (see {@link ScriptedModel.calls}) before it
 * is answered. Honours the call's `abortSignal`: an abort rejects a pending call and errors a running stream
 * with the signal's reason, as a real provider's fetch would.
 *
 * Calls with nothing scripted throw {@link UnexpectedModelCallError}. Faults fail the way they do through a
 * real provider package: `http-error` throws an `APICallError` (with `statusCode`, `responseHeaders`,
 * `isRetryable`); `disconnect` errors the stream with a retryable `APICallError` caused by undici's
 * `TypeError: terminated` (or, for `doGenerate`, `Cannot connect to API: other side closed`); `stream-error`
 * emits an in-band `error` part and finishes with `error` (a 500 `APICallError` for `doGenerate`).
 */
export class ScriptedModel extends MockLanguageModelV3 {
  readonly #handler: ScriptedCallHandler;
  readonly #script: TurnScript;

  constructor(options: ScriptedModelOptions = {}) {
    const provider = options.provider ?? 'scripted';
    const modelId = options.modelId ?? 'scripted-model';
    const script = new TurnScript(options.turns, options.rules);
    const handler = new ScriptedCallHandler({ script, respond: options.respond, provider, modelId });
    super({
      provider,
      modelId,
      // Never let the AI SDK download URLs: tests run offline, and the script ignores file contents anyway.
      supportedUrls: { '*/*': [/^https?:\/\/.*$/] },
      doStream: (callOptions) => handler.stream(callOptions),
      doGenerate: (callOptions) => handler.generate(callOptions),
    });
    this.#handler = handler;
    this.#script = script;
  }

  /** Every call so far, oldest first (including calls that found the script exhausted). */
  get calls(): readonly RecordedModelCall[] {
    return this.#handler.calls;
  }

  /** The most recent call, or `undefined` before the first. */
  get lastCall(): RecordedModelCall | undefined {
    return this.#handler.calls.at(-1);
  }

  /** Queued turns not yet played. */
  get pendingTurns(): number {
    return this.#script.pending;
  }

  /** Appends turns to the queue. */
  enqueue(...turns: ModelTurn[]): void {
    this.#script.enqueue(...turns);
  }

  /** Replaces the rules. */
  setRules(...rules: MockRule[]): void {
    this.#script.setRules(rules);
  }
}

/** Creates a {@link ScriptedModel}. */
export function createScriptedModel(options: ScriptedModelOptions = {}): ScriptedModel {
  return new ScriptedModel(options);
}
