/**
 * One LLM call of the loop: `streamText` with Aura's tools as definitions only (the SDK never executes them),
 * no SDK retries (they live in the model wrapper) and the run's signal; its parts are recorded by a
 * {@link ModelTurnRecorder} and the resulting events yielded as they arrive.
 */
import type { LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { AgentRef, RuntimeEvent } from '@aura/events';
import { type ModelMessage, streamText } from 'ai';
import type { AgentCallSettings } from './agent-loop-types.js';
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
 * Streams one call, yielding its events; returns what it produced. Never throws for provider failures or
 * aborts: they end the stream and are reported in the outcome's `failure`. Honours `signal` (passed to the
 * provider call, which aborts the HTTP request).
 */
export async function* streamModelTurn(
  options: StreamModelTurnOptions,
): AsyncGenerator<RuntimeEvent, ModelTurnOutcome, undefined> {
  const { tools, signal, callSettings } = options;
  const recorder = new ModelTurnRecorder({
    agent: options.agent,
    step: options.step,
    tools: tools.byName,
    answerOnly: options.answerOnly !== undefined,
  });
  const result = streamText({
    model: options.model,
    system: options.system,
    // The SDK only reads the prompt; it is typed mutable for historical reasons.
    messages: options.messages as ModelMessage[],
    ...(tools.modelTools === undefined ? {} : { tools: tools.modelTools }),
    ...(options.answerOnly === undefined ? {} : { toolChoice: options.answerOnly.toolChoice }),
    ...(callSettings?.temperature === undefined ? {} : { temperature: callSettings.temperature }),
    ...(callSettings?.maxOutputTokens === undefined ? {} : { maxOutputTokens: callSettings.maxOutputTokens }),
    ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
    maxRetries: 0,
    abortSignal: signal,
    experimental_include: { requestBody: false },
    // Failures are read from the stream; the default handler would print them to the console.
    onError: ignoreError,
  });
  try {
    for await (const part of result.fullStream) {
      const event = recorder.accept(part);
      if (event !== undefined) yield event;
    }
  } catch (error) {
    if (signal.aborted) recorder.abort();
    else recorder.fail(error);
  }
  if (signal.aborted) recorder.abort();
  return recorder.outcome();
}

function ignoreError(): void {}
