import { AuraError, type AuraErrorCode, agentRef, type RuntimeEvent, runtimeEvent } from '@aura/events';
import { describe, expect, it } from 'vitest';
import {
  type ChatStreamMapperOptions,
  type ChatStreamOutcome,
  CONTEXT_OVERFLOW_MESSAGE,
  createChatStreamMapper,
} from '../index.js';

const IDENTITY = { completionId: 'chatcmpl-1', created: 1730000000, model: 'openai/gpt-4o', sessionId: 'cs_1' };
const HEAD = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"openai/gpt-4o"';
const DONE = 'data: [DONE]\n\n';
const main = agentRef({ agentId: 'main' });
const GENERIC =
  'The upstream model provider (openai/gpt-4o) returned an error and the request could not be completed. Please try again or contact support if the issue persists.';

function chunk(delta: object): string {
  return `data: ${HEAD},"choices":[{"index":0,"delta":${JSON.stringify(delta)}}]}\n\n`;
}

function finalChunk(usageJson?: string): string {
  const tail = usageJson === undefined ? '' : `,"usage":${usageJson}`;
  return `data: ${HEAD},"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]${tail}}\n\n`;
}

function run(
  events: readonly RuntimeEvent[],
  options: Partial<ChatStreamMapperOptions> = {},
  outcome: ChatStreamOutcome = { kind: 'completed' },
): string[] {
  const mapper = createChatStreamMapper({ ...IDENTITY, ...options });
  return [...events.flatMap((event) => mapper.onEvent(event)), ...mapper.finish(outcome)];
}

const runError = (code: AuraErrorCode, message: string) =>
  runtimeEvent.runError({ error: { code, message, retryable: false } });
const text = (delta: string) => runtimeEvent.textDelta({ agent: main, delta });

describe('createChatStreamMapper: errors during the stream', () => {
  it('turns a provider error into one text chunk with role, then the closing sequence (§16 case 25)', () => {
    const frames = run([text(''), runError('PROVIDER_UNAVAILABLE', 'HTTP 503 from api.openai.com')]);
    expect(frames.join('')).toBe(chunk({ role: 'assistant', content: GENERIC }) + finalChunk() + DONE);
  });

  it('separates the error text from earlier answer text and sends no second role', () => {
    const frames = run([text('Partial'), runError('PROVIDER_STREAM_FAILED', 'socket hang up')]);
    expect(frames.slice(0, 2)).toEqual([
      chunk({ role: 'assistant', content: 'Partial' }),
      chunk({ content: `\n\n${GENERIC}` }),
    ]);
  });

  it('names the provider label when given', () => {
    const frames = run([runError('PROVIDER_AUTH', '401')], { providerLabel: 'anthropic/claude-sonnet-4' });
    expect(frames[0]).toContain('The upstream model provider (anthropic/claude-sonnet-4) returned an error and');
  });

  it('shows the raw error, trimmed and capped at 500 characters + …, with AURA_DEBUG_PROVIDER_ERRORS', () => {
    const short = run([runError('PROVIDER_BAD_REQUEST', '  invalid tool schema for "x"  ')], {
      debugProviderErrors: true,
    });
    expect(short[0]).toBe(
      chunk({
        role: 'assistant',
        content: 'The upstream model provider (openai/gpt-4o) returned an error: invalid tool schema for "x"',
      }),
    );
    const long = run([runError('PROVIDER_BAD_REQUEST', `${'é'.repeat(600)}`)], { debugProviderErrors: true });
    expect(long[0]).toBe(
      chunk({
        role: 'assistant',
        content: `The upstream model provider (openai/gpt-4o) returned an error: ${'é'.repeat(500)}…`,
      }),
    );
  });

  it('sends the context-overflow guidance for PROVIDER_CONTEXT_OVERFLOW (§16 case 26)', () => {
    const frames = run([runError('PROVIDER_CONTEXT_OVERFLOW', 'context_length_exceeded')]);
    expect(frames.join('')).toBe(chunk({ role: 'assistant', content: CONTEXT_OVERFLOW_MESSAGE }) + finalChunk() + DONE);
    expect(CONTEXT_OVERFLOW_MESSAGE).toBe(
      'My tools returned more data than I can work with at once.\n\n**To help me out, try:**\n' +
        '- Narrowing your search with filters\n- Asking for a summary instead of full results\n- Splitting into smaller requests',
    );
  });

  it('recognises an overflow the provider reported under another provider code by its text', () => {
    const frames = run([runError('PROVIDER_BAD_REQUEST', "This model's maximum context length is 128000 tokens")]);
    expect(frames[0]).toBe(chunk({ role: 'assistant', content: CONTEXT_OVERFLOW_MESSAGE }));
  });

  it('does not blame the provider for a failure inside Aura', () => {
    const frames = run([runError('INTERNAL', 'boom at /srv/aura')]);
    expect(frames[0]).toBe(
      chunk({
        role: 'assistant',
        content:
          'Aura could not complete the request (INTERNAL). Please try again or contact support if the issue persists.',
      }),
    );
    expect(frames.join('')).not.toContain('/srv/aura');
  });

  it('keeps the stream OpenAI-valid after an error: usage of finished steps on the final chunk, then [DONE]', () => {
    const frames = run([
      runtimeEvent.stepFinish({
        agent: main,
        step: 1,
        usage: { inputTokens: 7, outputTokens: 2, totalTokens: 9 },
        finishReason: 'tool-calls',
        toolCallIds: [],
      }),
      runError('PROVIDER_UNAVAILABLE', 'down'),
    ]);
    expect(frames.slice(-2)).toEqual([finalChunk('{"prompt_tokens":7,"completion_tokens":2,"total_tokens":9}'), DONE]);
  });
});

describe('createChatStreamMapper: termination outcomes', () => {
  it('on timeout appends a note naming the timeout and closes normally (quirk Q6 fixed)', () => {
    const frames = run([text('Working')], {}, { kind: 'timeout', seconds: 90, timer: 'first-chunk' });
    expect(frames.slice(1).join('')).toBe(
      chunk({ content: '\n\n[Aura: the request timed out after 90 s and was stopped.]' }) + finalChunk() + DONE,
    );
  });

  it('on a timeout before any output sends the note with role and a final chunk without usage (§16 case 27)', () => {
    const frames = run([], {}, { kind: 'timeout', seconds: 1 });
    expect(frames.join('')).toBe(
      chunk({ role: 'assistant', content: '[Aura: the request timed out after 1 s and was stopped.]' }) +
        finalChunk() +
        DONE,
    );
  });

  it('maps a RUN_TIMEOUT run error to the timeout note', () => {
    const frames = run([runError('RUN_TIMEOUT', 'streaming timeout of 900 s elapsed')]);
    expect(frames[0]).toBe(chunk({ role: 'assistant', content: '[Aura: the request timed out and was stopped.]' }));
  });

  it('sends nothing after a client disconnect, even when the run reports the abort', () => {
    expect(run([text('a'), runError('RUN_ABORTED', 'client disconnected')], {}, { kind: 'disconnected' })).toEqual([
      chunk({ role: 'assistant', content: 'a' }),
    ]);
    expect(run([], {}, { kind: 'disconnected' })).toEqual([]);
  });

  it('on shutdown sends the closing sequence without error text', () => {
    const frames = run([text('a'), runError('RUN_ABORTED', 'server shutdown')], {}, { kind: 'shutdown' });
    expect(frames).toEqual([chunk({ role: 'assistant', content: 'a' }), finalChunk(), DONE]);
  });

  it('lets finish close a stream whose runtime ended without run-finish', () => {
    expect(run([text('a')])).toEqual([chunk({ role: 'assistant', content: 'a' }), finalChunk(), DONE]);
  });

  it('reports a runtime that threw: AuraErrors by code, anything else as an internal failure', () => {
    const provider = run([], {}, { kind: 'failed', error: new AuraError('PROVIDER_RATE_LIMITED', '429') });
    expect(provider[0]).toBe(chunk({ role: 'assistant', content: GENERIC }));
    const bug = run([], {}, { kind: 'failed', error: new TypeError('x is undefined') });
    expect(bug[0]).toContain('Aura could not complete the request (INTERNAL).');
    const aborted = run([], {}, { kind: 'failed', error: new AuraError('RUN_ABORTED', 'aborted') });
    expect(aborted).toEqual([finalChunk(), DONE]);
  });

  it('closes exactly once', () => {
    const mapper = createChatStreamMapper(IDENTITY);
    const first = mapper.onEvent(runError('PROVIDER_UNAVAILABLE', 'down'));
    expect(first.at(-1)).toBe(DONE);
    expect(mapper.onEvent(runError('PROVIDER_UNAVAILABLE', 'again'))).toEqual([]);
    expect(mapper.finish({ kind: 'timeout', seconds: 5 })).toEqual([]);
    expect(mapper.text).toBe(GENERIC);
  });
});
