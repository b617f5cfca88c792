/**
 * Shared script and helpers for the provider-package tests: a weather tool loop (reasoning + text + tool call,
 * then a final answer) that every provider package must stream back faithfully from the mock server.
 */
import { type LanguageModel, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import { reasoning, text, toolCall, turn, usage } from '../src/index.js';

// Silence AI SDK warnings (e.g. unsupported settings) in test output.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

export const SYSTEM = 'You are a weather bot.';
export const QUESTION = 'What is the weather in Paris?';

export const toolTurn = turn(
  reasoning('The user wants Paris weather.', { signature: 'sig-123' }),
  text('Let me check.'),
  toolCall('weather', { city: 'Paris', unit: 'celsius' }),
  usage(100, 40, { cacheReadTokens: 30, reasoningTokens: 12 }),
);
export const answerTurn = turn(text('It is sunny in Paris today.'), usage(150, 10));

export const weather = tool({
  description: 'Current weather for a city',
  inputSchema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
  execute: async ({ city }) => ({ city, forecast: 'sunny', temperature: 21 }),
});

/** Runs the two-step weather loop with `streamText` and collects what a consumer would see. */
export async function runWeatherLoop(model: LanguageModel) {
  const errors: unknown[] = [];
  const result = streamText({
    model,
    system: SYSTEM,
    prompt: QUESTION,
    tools: { weather },
    stopWhen: stepCountIs(3),
    maxRetries: 0,
    onError: ({ error }) => {
      errors.push(error);
    },
  });
  const parts: { type: string; text?: string }[] = [];
  for await (const part of result.fullStream) parts.push(part);
  const steps = await result.steps;
  return {
    errors,
    parts,
    steps,
    text: await result.text,
    textDeltas: parts.filter((part) => part.type === 'text-delta').map((part) => part.text),
    reasoningDeltas: parts.filter((part) => part.type === 'reasoning-delta').map((part) => part.text),
    toolInputDeltas: parts.filter((part) => part.type === 'tool-input-delta').length,
  };
}
