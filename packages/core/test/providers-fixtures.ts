/**
 * Shared script and driver for the provider integration tests: each provider is built with
 * `createLanguageModel` from a config object and driven with `streamText` against the mock provider server.
 */
import type { TokenUsage } from '@aura/events';
import type { MockProviderServer } from '@aura/testkit';
import { reasoning, text, toolCall, turn, usage } from '@aura/testkit';
import { stepCountIs, streamText, type ToolSet, tool } from 'ai';
import { z } from 'zod';
import type { ResolvedModel } from '../src/llm/model-factory.js';
import { toTokenUsage } from '../src/llm/usage.js';

// The AI SDK prints call warnings to the console by default; tests assert on warnings explicitly instead.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

export const SYSTEM = 'You are a weather bot.';
export const QUESTION = 'What is the weather in Paris?';

/** Reasoning (signed where the wire carries signatures), text, one tool call, usage with cache and reasoning. */
export const toolTurn = turn(
  reasoning('The user wants Paris weather.', { signature: 'sig-123' }),
  text('Let me check.'),
  toolCall('weather', { city: 'Paris', unit: 'celsius' }),
  usage(100, 40, { cacheReadTokens: 30, reasoningTokens: 12 }),
);
export const answerTurn = turn(text('It is sunny in Paris today.'), usage(150, 10));

const weatherInput = z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) });
// An output schema keeps an execute-less tool assignable to ToolSet under exactOptionalPropertyTypes.
const weatherOutput = z.object({ city: z.string(), forecast: z.string(), temperature: z.number() });

/** A tool without `execute`: the loop stops at the call, as with client (passthrough) tools. */
export const weatherTool = tool({
  description: 'Current weather for a city',
  inputSchema: weatherInput,
  outputSchema: weatherOutput,
});

/** The same tool with an `execute`, for two-step loops. */
export const executedWeatherTool = tool({
  description: 'Current weather for a city',
  inputSchema: weatherInput,
  outputSchema: weatherOutput,
  execute: async ({ city }) => ({ city, forecast: 'sunny', temperature: 21 }),
});

/** What one `streamText` run produced. */
export interface RunOutcome {
  readonly partTypes: readonly string[];
  readonly text: string;
  readonly reasoningText: string | undefined;
  readonly reasoningDeltas: number;
  readonly toolCalls: readonly { readonly toolName: string; readonly input: unknown }[];
  readonly usage: TokenUsage;
  readonly errors: readonly unknown[];
  readonly finishReason: string;
  readonly steps: number;
}

/**
 * Runs `streamText` the way the agent loop does (`...callSettings`, `providerOptions`, `maxRetries: 0`) with
 * the weather tool. `steps > 1` uses the executing tool so the loop continues after the call.
 */
export async function runWeather(
  resolved: ResolvedModel,
  options: { readonly steps?: number; readonly abortSignal?: AbortSignal } = {},
): Promise<RunOutcome> {
  const steps = options.steps ?? 1;
  const errors: unknown[] = [];
  const tools: ToolSet = { weather: steps > 1 ? executedWeatherTool : weatherTool };
  const result = streamText({
    model: resolved.model,
    ...resolved.callSettings,
    providerOptions: resolved.providerOptions,
    system: SYSTEM,
    prompt: QUESTION,
    tools,
    stopWhen: stepCountIs(steps),
    maxRetries: 0,
    ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
    // Errors are collected from the `error` parts below; this only keeps the SDK from logging them.
    onError: () => {},
  });
  const partTypes: string[] = [];
  let reasoningDeltas = 0;
  for await (const part of result.fullStream) {
    partTypes.push(part.type);
    if (part.type === 'reasoning-delta') reasoningDeltas += 1;
    if (part.type === 'error') errors.push(part.error);
  }
  // After a failed call the result promises reject (NoOutputGeneratedError); report what is there.
  const allSteps = await settle(result.steps, []);
  const first = allSteps[0];
  return {
    partTypes,
    text: await settle(result.text, ''),
    reasoningText: first?.reasoningText,
    reasoningDeltas,
    toolCalls: (first?.toolCalls ?? []).map((call) => ({ toolName: call.toolName, input: call.input })),
    usage: toTokenUsage(await settle(result.totalUsage, undefined)),
    errors,
    finishReason: await settle(result.finishReason, 'none'),
    steps: allSteps.length,
  };
}

async function settle<T, F>(promise: PromiseLike<T>, fallback: F): Promise<T | F> {
  try {
    return await promise;
  } catch {
    return fallback;
  }
}

/**
 * The JSON body of the mock server's chat request number `index`.
 * @throws Error when there is no such request or its body is not a JSON object.
 */
export function chatBody(server: MockProviderServer, index = 0): Record<string, unknown> {
  const body = server.chatRequests[index]?.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`chat request ${index} has no JSON object body`);
  }
  return body as Record<string, unknown>;
}
