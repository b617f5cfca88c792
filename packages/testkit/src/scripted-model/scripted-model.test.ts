import { APICallError } from '@ai-sdk/provider';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lastUserText, systemPrompt, toolNames, toolResults } from '../conversation/conversation-view.js';
import { UnexpectedModelCallError } from '../errors.js';
import {
  disconnectAfter,
  hang,
  rateLimited,
  reasoning,
  slowChunks,
  streamError,
  text,
  toolCall,
  turn,
  usage,
} from '../script/turn-builders.js';
import { createScriptedModel } from './scripted-model.js';

const echo = tool({
  description: 'Echo the text back',
  inputSchema: z.object({ text: z.string() }),
  execute: async ({ text: value }) => ({ echoed: value }),
});

describe('createScriptedModel', () => {
  it('drives a streamText tool loop and records every prompt', async () => {
    const model = createScriptedModel({
      turns: [
        turn(reasoning('I should echo.'), toolCall('echo', { text: 'hi' }, { id: 'call_a' }), usage(10, 5)),
        turn(text('You said hi.'), usage(20, 4, { cacheReadTokens: 8 })),
      ],
    });
    const result = streamText({
      model,
      system: 'You are terse.',
      prompt: 'Echo hi',
      tools: { echo },
      stopWhen: stepCountIs(3),
    });
    expect(await result.text).toBe('You said hi.');
    const steps = await result.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]?.toolCalls[0]).toMatchObject({ toolName: 'echo', input: { text: 'hi' }, toolCallId: 'call_a' });
    expect(steps[0]?.reasoningText).toBe('I should echo.');
    expect(await result.totalUsage).toMatchObject({ inputTokens: 30, outputTokens: 9, cachedInputTokens: 8 });

    expect(model.calls).toHaveLength(2);
    const [first, second] = model.calls;
    if (first === undefined || second === undefined) throw new Error('missing calls');
    expect(first).toMatchObject({ index: 0, streamed: true, source: 'queue' });
    expect(systemPrompt(first)).toBe('You are terse.');
    expect(lastUserText(first)).toBe('Echo hi');
    expect(toolNames(first)).toEqual(['echo']);
    expect(toolResults(first)).toEqual([]);
    expect(toolResults(second)).toEqual([
      { id: 'call_a', name: 'echo', content: JSON.stringify({ echoed: 'hi' }), isError: false },
    ]);
    expect(second.view.messages.at(-1)?.role).toBe('tool');
    expect(Object.isFrozen(second.prompt)).toBe(true);
    expect(Object.isFrozen(second.prompt[0])).toBe(true);
  });

  it('answers doGenerate with reasoning, text and tool calls, streaming deltas by word', async () => {
    const model = createScriptedModel({
      turns: [turn(reasoning('think', { signature: 'sig-1' }), text('hello world'))],
    });
    const result = await generateText({ model, prompt: 'hi' });
    expect(result.text).toBe('hello world');
    expect(result.reasoning[0]).toMatchObject({
      text: 'think',
      providerMetadata: { scripted: { signature: 'sig-1' } },
    });
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBeGreaterThan(0);
    expect(model.lastCall?.streamed).toBe(false);

    model.enqueue(turn(text('one two three')));
    const deltas: string[] = [];
    for await (const part of streamText({ model, prompt: 'again' }).fullStream) {
      if (part.type === 'text-delta') deltas.push(part.text);
    }
    expect(deltas).toEqual(['one ', 'two ', 'three']);
  });

  it('records a frozen copy of what was sent, unaffected by later mutation', async () => {
    const model = createScriptedModel({ turns: [turn(text('ok'))] });
    const content = [{ type: 'text' as const, text: 'original' }];
    await model.doGenerate({
      prompt: [{ role: 'user', content }],
      temperature: 0.3,
      maxOutputTokens: 50,
      providerOptions: { openai: { store: false } },
      abortSignal: new AbortController().signal,
    });
    content[0] = { type: 'text', text: 'mutated' };
    const call = model.lastCall;
    expect(lastUserText(call ?? { view: undefined })).toBe('original');
    expect(call?.prompt[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'original' }] });
    expect(call?.settings).toEqual({ temperature: 0.3, maxOutputTokens: 50 });
    expect(call?.providerOptions).toEqual({ openai: { store: false } });
    expect(call?.view.raw).not.toHaveProperty('abortSignal');
    expect(Object.isFrozen(call?.settings)).toBe(true);
  });

  it('picks turns by rule and then by respond, and throws UnexpectedModelCallError when exhausted', async () => {
    const model = createScriptedModel({
      rules: [{ name: 'weather', match: { lastUserMessage: /weather/i }, reply: turn(text('Sunny.')), times: 1 }],
      respond: (call) => turn(text(`call ${call.index}`)),
    });
    expect((await generateText({ model, prompt: 'How is the weather?' })).text).toBe('Sunny.');
    expect((await generateText({ model, prompt: 'How is the weather?' })).text).toBe('call 1');
    expect(model.calls.map((call) => call.source)).toEqual(['rule:weather', 'respond']);

    const bare = createScriptedModel({ modelId: 'bare' });
    const failure = generateText({ model: bare, prompt: 'Anyone there?' });
    await expect(failure).rejects.toBeInstanceOf(UnexpectedModelCallError);
    await expect(failure).rejects.toThrow(/"bare".*unexpected call #1.*Anyone there\?/);
    expect(bare.calls).toHaveLength(1);
    expect(bare.calls[0]?.turn).toBeUndefined();
  });

  it('raises retryable APICallErrors with retry headers, which the AI SDK retries', async () => {
    const model = createScriptedModel({ turns: [turn(rateLimited({ retryAfter: 0 })), turn(text('recovered'))] });
    const result = await generateText({ model, prompt: 'hi', maxRetries: 1 });
    expect(result.text).toBe('recovered');
    expect(model.calls).toHaveLength(2);

    model.enqueue(turn(rateLimited({ retryAfter: 7, message: 'slow down' })));
    const error = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    if (!APICallError.isInstance(error)) return;
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders?.['retry-after']).toBe('7');
    expect(error.message).toBe('slow down');
  });

  it('drops the stream like undici after N chunks and reports in-band stream errors', async () => {
    const model = createScriptedModel({
      turns: [
        turn(text('a b c d e f'), disconnectAfter(3)),
        turn(text('a b'), streamError('overloaded', { afterChunks: 2, errorType: 'overloaded_error' })),
      ],
    });
    const dropped = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] });
    const seen: string[] = [];
    const reader = dropped.stream.getReader();
    const failure = await (async () => {
      for (;;) {
        const next = await reader.read();
        if (next.done) return undefined;
        seen.push(next.value.type);
      }
    })().catch((error: unknown) => error);
    expect(seen).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta', 'text-delta']);
    expect(APICallError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ isRetryable: true, cause: { message: 'terminated' } });

    const parts: unknown[] = [];
    for await (const part of streamText({ model, prompt: 'x', onError: () => {} }).fullStream) parts.push(part);
    expect(parts).toContainEqual(
      expect.objectContaining({ type: 'error', error: { type: 'overloaded_error', message: 'overloaded' } }),
    );
    expect(parts).toContainEqual(expect.objectContaining({ type: 'finish', finishReason: 'error' }));
  });

  it('stops streaming when the call is aborted mid-stream, and a hang ends only on abort', async () => {
    const model = createScriptedModel({
      turns: [turn(text('one two three four five six'), slowChunks(20)), turn(hang())],
    });
    const controller = new AbortController();
    const result = streamText({ model, prompt: 'count', abortSignal: controller.signal });
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(types.filter((type) => type === 'text-delta')).toHaveLength(1);
    expect(types.at(-1)).toBe('abort');

    const hangController = new AbortController();
    const hung = generateText({ model, prompt: 'wait', abortSignal: hangController.signal, maxRetries: 0 });
    setTimeout(() => hangController.abort(new Error('gave up')), 10);
    await expect(hung).rejects.toThrow('gave up');
    expect(model.calls).toHaveLength(2);
  });
});
