/**
 * One LLM call of the loop: the model's own `doStream` (the single call `streamText` makes per step), with
 * Aura's tools as definitions only (Aura executes them), no retries (they live in the model wrapper) and the
 * run's signal; its parts are recorded by a {@link ModelTurnRecorder} and the resulting events yielded as they
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
  type LanguageModelV3ToolChoice,
  type SharedV3ProviderOptions,
} from '@ai-sdk/provider';
import type { AgentRef, RuntimeEvent } from '@aura/events';
import type { ModelMessage } from 'ai';
import { readStreamParts, type StreamPartReader } from '../llm/stream-parts.js';
import type { AgentCallSettings } from './agent-loop-types.js';
import { toLanguageModelPrompt } from './model-prompt.js';
import type { RunTools } from './model-tool-set.js';
import { type ModelTurnOutcome, ModelTurnRecorder } from './model-turn-recorder.js';

/** Input of {@link streamModelTurn}. */
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
 * Streams one call, yielding its events (text/reasoning deltas, tool calls, then `step-finish` once the stream
 * has closed); returns what it produced. Never throws for provider failures or aborts: they end the stream and
 * are reported in the outcome's `failure` (an invalid prompt or call setting is such a failure too). Honours
 * `signal`: it is the call's `abortSignal` (aborting the HTTP request), and once it fired no further part is
 * read. Ending the iteration early cancels the stream.
 */
export async function* streamModelTurn(
  options: StreamModelTurnOptions,
): AsyncGenerator<RuntimeEvent, ModelTurnOutcome, undefined> {
  const { signal } = options;
  const recorder = new ModelTurnRecorder({
    agent: options.agent,
    step: options.step,
    tools: options.tools.byName,
    answerOnly: options.answerOnly ?? false,
  });
  let reader: StreamPartReader | undefined;
  let finished = false;
  try {
    const result = await options.model.doStream(callOptions(options));
    reader = readStreamParts(result);
    // As `streamText`: an abort is seen at the next part (the provider's fetch is aborted by the same signal,
    // which errors its stream at once), and the stream is then no longer read.
    while (!signal.aborted) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      const event = recorder.accept(value);
      if (event !== undefined) yield event;
    }
    if (finished && !signal.aborted) {
      const finish = recorder.end();
      if (finish !== undefined) yield finish;
    }
  } catch (error) {
    if (signal.aborted) recorder.abort();
    else recorder.fail(error);
  } finally {
    // An early return leaves the stream open: release the response. (After an abort the signal ends the
    // provider's request and its stream by itself, as with `streamText`.)
    if (!finished && !signal.aborted) reader?.cancel().catch(ignoreCancelError);
  }
  if (signal.aborted) recorder.abort();
  return recorder.outcome();
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
