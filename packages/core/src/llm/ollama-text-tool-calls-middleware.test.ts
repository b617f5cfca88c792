import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from '@ai-sdk/provider';
import { jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { MockLanguageModelV3, simulateReadableStream } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { withFallbackToolParsing } from './ollama-text-tool-calls-middleware.js';

const usage: LanguageModelV3Usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 5, text: 5, reasoning: undefined },
};

function textTurn(text: string, extra: LanguageModelV3StreamPart[] = []): LanguageModelV3StreamPart[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't1' },
    ...[...text]
      .reduce<string[]>((chunks, char, index) => {
        if (index % 7 === 0) chunks.push(char);
        else chunks[chunks.length - 1] += char;
        return chunks;
      }, [])
      .map((delta): LanguageModelV3StreamPart => ({ type: 'text-delta', id: 't1', delta })),
    { type: 'text-end', id: 't1' },
    ...extra,
    { type: 'finish', usage, finishReason: { unified: 'stop', raw: 'stop' } },
  ];
}

function streamingModel(...turns: LanguageModelV3StreamPart[][]): MockLanguageModelV3 {
  let call = 0;
  return new MockLanguageModelV3({
    doStream: async () => {
      const chunks = turns[Math.min(call, turns.length - 1)] ?? [];
      call += 1;
      return { stream: simulateReadableStream({ chunks }) };
    },
  });
}

async function collect(stream: ReadableStream<LanguageModelV3StreamPart>): Promise<LanguageModelV3StreamPart[]> {
  const parts: LanguageModelV3StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

const functionTools = [
  { type: 'function' as const, name: 'get_weather', inputSchema: { type: 'object' as const, properties: {} } },
];
const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'weather?' }] }];

describe('withFallbackToolParsing — stream', () => {
  it('turns a text tool call into a tool-call part and a tool-calls finish, text still streamed (case 55)', async () => {
    const model = withFallbackToolParsing(
      streamingModel(textTurn('{"name":"get_weather","parameters":{"city":"Oslo"}}')),
    );
    const { stream } = await model.doStream({ prompt, tools: functionTools });
    const parts = await collect(stream);
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
    expect(text).toBe('{"name":"get_weather","parameters":{"city":"Oslo"}}');
    const calls = parts.filter((part) => part.type === 'tool-call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ type: 'tool-call', toolName: 'get_weather', input: '{"city":"Oslo"}' });
    expect(calls[0]?.type === 'tool-call' && calls[0].toolCallId).toMatch(/^call_[0-9a-f]{24}$/);
    expect(parts.at(-1)).toEqual({ type: 'finish', usage, finishReason: { unified: 'tool-calls', raw: 'stop' } });
    expect(parts.indexOf(calls[0] as LanguageModelV3StreamPart)).toBe(parts.length - 2);
  });

  it('leaves the stream alone when the turn has a native tool call (case 55)', async () => {
    const native: LanguageModelV3StreamPart = {
      type: 'tool-call',
      toolCallId: 'n1',
      toolName: 'get_weather',
      input: '{}',
    };
    const chunks = textTurn('{"name":"get_weather"}', [native]);
    const model = withFallbackToolParsing(streamingModel(chunks));
    const parts = await collect((await model.doStream({ prompt, tools: functionTools })).stream);
    expect(parts).toEqual(chunks);
  });

  it('leaves plain text, error finishes and calls to unknown tools alone', async () => {
    for (const chunks of [
      textTurn('Hello, how can I help?'),
      textTurn('{"name":"other_tool"}'),
      [
        ...textTurn('{"name":"get_weather"}').slice(0, -1),
        { type: 'finish', usage, finishReason: { unified: 'error', raw: 'x' } } as LanguageModelV3StreamPart,
      ],
    ]) {
      const model = withFallbackToolParsing(streamingModel(chunks));
      expect(await collect((await model.doStream({ prompt, tools: functionTools })).stream)).toEqual(chunks);
    }
  });

  it('only considers the tools offered in the call by default, or the names given', async () => {
    const chunks = textTurn('{"name":"get_weather"}');
    const withoutTools = withFallbackToolParsing(streamingModel(chunks));
    expect(await collect((await withoutTools.doStream({ prompt })).stream)).toEqual(chunks);
    const explicit = withFallbackToolParsing(streamingModel(chunks), {
      tools: () => ['get_weather'],
      generateId: () => 'call_x',
    });
    const parts = await collect((await explicit.doStream({ prompt })).stream);
    expect(parts).toContainEqual({ type: 'tool-call', toolCallId: 'call_x', toolName: 'get_weather', input: '{}' });
  });

  it('always produces an object input', async () => {
    const model = withFallbackToolParsing(
      streamingModel(
        textTurn(
          '```\n{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}\n```\n```\n{"name":"get_weather","arguments":[1]}\n```',
        ),
      ),
    );
    const parts = await collect((await model.doStream({ prompt, tools: functionTools })).stream);
    expect(parts.flatMap((part) => (part.type === 'tool-call' ? [part.input] : []))).toEqual(['{"city":"Rome"}', '{}']);
  });
});

describe('withFallbackToolParsing — generate', () => {
  it('appends tool-call content and sets finishReason tool-calls', async () => {
    const model = withFallbackToolParsing(
      new MockLanguageModelV3({
        doGenerate: {
          content: [{ type: 'text', text: '[get_weather(city="NYC")]' }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage,
          warnings: [],
        },
      }),
      { generateId: () => 'call_fixed' },
    );
    const result = await model.doGenerate({ prompt, tools: functionTools });
    expect(result.content).toEqual([
      { type: 'text', text: '[get_weather(city="NYC")]' },
      { type: 'tool-call', toolCallId: 'call_fixed', toolName: 'get_weather', input: '{"city":"NYC"}' },
    ]);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
  });

  it('keeps a result that already has a native tool call', async () => {
    const content = [
      { type: 'text' as const, text: '{"name":"get_weather"}' },
      { type: 'tool-call' as const, toolCallId: 'n', toolName: 'get_weather', input: '{}' },
    ];
    const model = withFallbackToolParsing(
      new MockLanguageModelV3({
        doGenerate: { content, finishReason: { unified: 'tool-calls', raw: 'x' }, usage, warnings: [] },
      }),
    );
    expect((await model.doGenerate({ prompt, tools: functionTools })).content).toEqual(content);
  });
});

describe('withFallbackToolParsing — in an AI SDK tool loop', () => {
  it('executes the recovered call and feeds the result back to the model (unlike Q12)', async () => {
    const base = streamingModel(
      textTurn('Let me check. {"name":"get_weather","parameters":{"city":"Paris"}}'),
      textTurn('It is sunny in Paris.'),
    );
    const executed: unknown[] = [];
    const result = streamText({
      model: withFallbackToolParsing(base),
      prompt: 'weather in Paris?',
      tools: {
        get_weather: tool({
          inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } }),
          execute: async (input) => {
            executed.push(input);
            return 'sunny';
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    expect(await result.text).toBe('It is sunny in Paris.');
    expect(executed).toEqual([{ city: 'Paris' }]);
    expect(base.doStreamCalls).toHaveLength(2);
    const secondPrompt = JSON.stringify(base.doStreamCalls[1]?.prompt);
    expect(secondPrompt).toContain('sunny');
    expect(secondPrompt).toContain('tool-result');
  });
});
