import { describe, expect, it } from 'vitest';
import {
  CONTEXT_OVERFLOW_MESSAGE,
  isContextOverflowText,
  providerErrorText,
  runErrorText,
  timeoutNoteText,
} from './run-error-text.js';

describe('isContextOverflowText', () => {
  it.each([
    'context_length_exceeded',
    "This model's maximum context length is 128000 tokens",
    'maximum number of tokens exceeded',
    'Your request resulted in 150000 tokens, which exceeds the limit',
    'token limit reached',
    'tokens exceeded',
    'context length exceeded',
    'CONTEXT_LENGTH_EXCEEDED',
    'Maximum Context Length',
  ])('recognises %j', (text) => {
    expect(isContextOverflowText(text)).toBe(true);
  });

  it.each(['network timeout', 'authentication failed', 'rate limit exceeded', 'internal server error'])(
    'does not flag %j',
    (text) => {
      expect(isContextOverflowText(text)).toBe(false);
    },
  );
});

describe('runErrorText', () => {
  const options = { providerLabel: 'openai/gpt-4o', debug: false };

  it('maps each class of failure to its user-facing text', () => {
    expect(runErrorText({ code: 'PROVIDER_CONTEXT_OVERFLOW', message: 'x' }, options)).toBe(CONTEXT_OVERFLOW_MESSAGE);
    expect(runErrorText({ code: 'PROVIDER_RATE_LIMITED', message: '429' }, options)).toBe(
      providerErrorText({ providerLabel: 'openai/gpt-4o', message: '429', debug: false }),
    );
    expect(runErrorText({ code: 'RUN_TIMEOUT', message: 'x' }, options)).toBe(timeoutNoteText());
    expect(runErrorText({ code: 'MCP_CALL_FAILED', message: 'secret url' }, options)).toBe(
      'Aura could not complete the request (MCP_CALL_FAILED). Please try again or contact support if the issue persists.',
    );
    expect(runErrorText({ code: 'MCP_CALL_FAILED', message: ' details ' }, { ...options, debug: true })).toBe(
      'Aura could not complete the request (MCP_CALL_FAILED): details',
    );
  });

  it('words the timeout note with and without the duration', () => {
    expect(timeoutNoteText(900)).toBe('[Aura: the request timed out after 900 s and was stopped.]');
    expect(timeoutNoteText()).toBe('[Aura: the request timed out and was stopped.]');
  });
});
