import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { type ModelMessage, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { toLanguageModelPrompt } from './model-prompt.js';

/** The prompt `streamText` hands the model for `system` + `messages` (or the error it reports instead). */
async function promptOfStreamText(
  system: string,
  messages: ModelMessage[],
): Promise<{ prompt: LanguageModelV3Prompt } | { error: { name: string; message: string } }> {
  let captured: LanguageModelV3CallOptions | undefined;
  const model: LanguageModelV3 = {
    specificationVersion: 'v3',
    provider: 'capture',
    modelId: 'capture',
    supportedUrls: {},
    doGenerate: () => Promise.reject(new Error('not used')),
    doStream: async (options) => {
      captured = options;
      return {
        stream: new ReadableStream({
          start(controller) {
            controller.enqueue({
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: {
                inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
                outputTokens: { total: 1, text: 1, reasoning: undefined },
              },
            });
            controller.close();
          },
        }),
      };
    },
  };
  let failure: unknown;
  const result = streamText({
    model,
    system,
    messages,
    maxRetries: 0,
    onError: ({ error }) => {
      failure = error;
    },
  });
  for await (const part of result.fullStream) if (part.type === 'error') failure = part.error;
  if (captured === undefined) {
    const error = failure as Error;
    return { error: { name: error.name, message: error.message } };
  }
  return { prompt: captured.prompt };
}

function ours(
  system: string,
  messages: ModelMessage[],
): { prompt: LanguageModelV3Prompt } | { error: { name: string; message: string } } {
  try {
    return { prompt: toLanguageModelPrompt(system, messages) };
  } catch (caught) {
    const error = caught as Error;
    return { error: { name: error.name, message: error.message } };
  }
}

const signature = { anthropic: { signature: 'sig-1' } };
const png = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);

const transcripts: [string, ModelMessage[]][] = [
  ['one user string', [{ role: 'user', content: 'hello' }]],
  [
    'user parts: empty text dropped, bytes, data URL, base64 file with a name, part options kept',
    [
      {
        role: 'user',
        content: [
          { type: 'text', text: '' },
          { type: 'text', text: 'look', providerOptions: { openai: { detail: 'high' } } },
          { type: 'image', image: png, mediaType: 'image/png' },
          { type: 'image', image: png },
          { type: 'image', image: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), mediaType: 'image/png' },
          { type: 'image', image: Buffer.from(png).toString('base64') },
          { type: 'image', image: new Uint8Array([1, 2, 3]) },
          { type: 'image', image: 'data:image/jpeg;base64,/9j/4AAQ' },
          { type: 'file', data: 'aGVsbG8=', mediaType: 'text/plain', filename: 'a.txt' },
        ],
      },
    ],
  ],
  [
    'a tool turn: reasoning with its signature, calls, results split over two tool messages, then a follow-up',
    [
      { role: 'user', content: 'check the pods' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'I should list pods', providerOptions: signature },
          { type: 'text', text: '' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'list_pods', input: { ns: 'prod' } },
          {
            type: 'tool-call',
            toolCallId: 'c2',
            toolName: 'get_logs',
            input: { pod: 'api' },
            providerOptions: { google: { thoughtSignature: 'x' } },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'list_pods',
            output: { type: 'text', value: 'api, db' },
            providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
          },
        ],
        providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' }, extra: { a: 1 } } },
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c2',
            toolName: 'get_logs',
            output: {
              type: 'content',
              value: [
                { type: 'text', text: 'OOMKilled' },
                { type: 'media', data: 'aGk=', mediaType: 'image/png' },
                { type: 'media', data: 'aGk=', mediaType: 'application/pdf' },
              ],
            },
          },
        ],
      },
      { role: 'user', content: 'and now?' },
    ],
  ],
  [
    'assistant string content and a system message mid-transcript',
    [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'system', content: 'be brief', providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } } },
      { role: 'user', content: [{ type: 'text', text: 'status?' }] },
    ],
  ],
  [
    'error outputs and json outputs of tools',
    [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 't', input: {} }] },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'c1', toolName: 't', output: { type: 'error-json', value: { e: 1 } } },
        ],
      },
    ],
  ],
  [
    'a tool call without a result before the next user message',
    [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 't', input: {} }] },
      { role: 'user', content: 'again' },
    ],
  ],
  [
    'tool calls without results at the end',
    [
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 'c1', toolName: 't', input: {} },
          { type: 'tool-call', toolCallId: 'c2', toolName: 't', input: {} },
        ],
      },
    ],
  ],
  ['no messages', []],
];

describe('toLanguageModelPrompt', () => {
  it.each(transcripts)('builds what streamText sends: %s', async (_label, messages) => {
    const expected = await promptOfStreamText('You are an SRE.', messages);
    expect(ours('You are an SRE.', messages)).toEqual(expected);
  });

  it('passes URLs on as URLs (it never downloads)', () => {
    const prompt = toLanguageModelPrompt('s', [
      { role: 'user', content: [{ type: 'image', image: new URL('https://example.com/a.png') }] },
    ]);
    expect(prompt[1]).toEqual({
      role: 'user',
      content: [{ type: 'file', data: new URL('https://example.com/a.png'), mediaType: 'image/*' }],
    });
  });

  it('refuses a malformed data URL', () => {
    expect(() =>
      toLanguageModelPrompt('s', [{ role: 'user', content: [{ type: 'image', image: 'data:nocomma' }] }]),
    ).toThrow(/Invalid data URL format/);
  });
});
