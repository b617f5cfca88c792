import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { generateText } from 'ai';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type MockProviderServer,
  type MockRule,
  startMockProvider,
  text,
  toolCall,
  toolResults,
  turn,
} from '../src/index.js';
import { runWeatherLoop } from './provider-fixtures.js';

let server: MockProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const weatherRules: MockRule[] = [
  {
    name: 'weather-answer',
    match: { lastRole: 'tool' },
    reply: (view) => turn(text(`Forecast: ${toolResults(view).at(-1)?.content ?? 'none'}`)),
  },
  {
    name: 'weather-call',
    match: { lastUserMessage: /weather in (\w+)/i, tool: 'weather' },
    reply: (view) => {
      const city = /weather in (\w+)/i.exec(view.messages.at(-1)?.text ?? '')?.[1] ?? 'nowhere';
      return turn(toolCall('weather', { city, unit: 'celsius' }));
    },
  },
];

function ask(client: OpenAI, content: string, tools: string[] = [], model = 'gpt-4o') {
  return client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content },
    ],
    ...(tools.length > 0
      ? {
          tools: tools.map((name) => ({
            type: 'function' as const,
            function: { name, parameters: { type: 'object' } },
          })),
        }
      : {}),
  });
}

describe('rules', () => {
  it('drive a whole tool loop by conversation content, the same on every wire format', async () => {
    server = await startMockProvider({ rules: weatherRules });
    const anthropic = createAnthropic({ baseURL: server.urls.anthropic, apiKey: 'k' })('claude-sonnet-4-5');
    const anthropicRun = await runWeatherLoop(anthropic);
    expect(anthropicRun.text).toMatch(/^Forecast: .*"city":"Paris".*sunny/);

    const google = createGoogleGenerativeAI({ baseURL: server.urls.gemini, apiKey: 'k' })('gemini-2.5-flash');
    const geminiRun = await runWeatherLoop(google);
    expect(geminiRun.text).toMatch(/^Forecast: .*sunny/);
    expect(server.chatRequests.map((request) => request.source)).toEqual([
      'rule:weather-call',
      'rule:weather-answer',
      'rule:weather-call',
      'rule:weather-answer',
    ]);
  });

  it('match on offered tools, system prompt, model, provider, and a predicate; honour times', async () => {
    server = await startMockProvider({
      rules: [
        { name: 'search', match: { tool: 'search' }, reply: turn(text('searching')) },
        { name: 'mini', match: { model: /mini$/ }, reply: turn(text('small model')) },
        {
          name: 'once',
          match: { system: 'brief', when: (view) => view.messages.length === 1 },
          reply: turn(text('once')),
          times: 1,
        },
        { name: 'anthropic-only', match: { provider: 'anthropic' }, reply: turn(text('never on openai')) },
        { name: 'fallback', reply: turn(text('fallback')) },
      ],
    });
    const client = new OpenAI({ baseURL: server.urls.openai, apiKey: 'k', maxRetries: 0 });
    const answer = async (...args: Parameters<typeof ask> extends [unknown, ...infer Rest] ? Rest : never) =>
      (await ask(client, ...args)).choices[0]?.message.content;
    expect(await answer('find docs', ['search', 'read'])).toBe('searching');
    expect(await answer('find docs', ['read'], 'gpt-4o-mini')).toBe('small model');
    expect(await answer('hello', ['read'])).toBe('once');
    expect(await answer('hello', ['read'])).toBe('fallback');
  });

  it('take a back seat to queued turns, and reset() restores the starting rules', async () => {
    server = await startMockProvider({ rules: [{ name: 'default', reply: turn(text('from rule')) }] });
    const client = new OpenAI({ baseURL: server.urls.openai, apiKey: 'k', maxRetries: 0 });
    server.enqueue(turn(text('from queue')));
    expect((await ask(client, 'a')).choices[0]?.message.content).toBe('from queue');
    expect((await ask(client, 'b')).choices[0]?.message.content).toBe('from rule');

    server.setRules({ name: 'replaced', reply: turn(text('replaced')) });
    expect((await ask(client, 'c')).choices[0]?.message.content).toBe('replaced');
    expect(server.requests).toHaveLength(3);

    server.enqueue(turn(text('stale')));
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect(server.pendingTurns).toBe(0);
    expect((await ask(client, 'd')).choices[0]?.message.content).toBe('from rule');
    expect(server.requests[0]?.index).toBe(0);
  });

  it('normalise every wire format into the same conversation view', async () => {
    server = await startMockProvider({ rules: [{ reply: turn(text('ok')) }] });
    const anthropic = createAnthropic({ baseURL: server.urls.anthropic, apiKey: 'k' })('claude-haiku-4-5');
    await generateText({
      model: anthropic,
      system: 'S',
      prompt: 'Q',
      maxRetries: 0,
      temperature: 0.2,
      maxOutputTokens: 77,
    });
    expect(server.lastRequest?.view).toMatchObject({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      stream: false,
      system: 'S',
      messages: [{ role: 'user', text: 'Q', toolCalls: [], toolResults: [] }],
      tools: [],
      maxTokens: 77,
      temperature: 0.2,
    });
  });
});
