import { describe, expect, it } from 'vitest';
import {
  categorizeFailure,
  FAILURE_CATEGORIES,
  isFailureCategory,
  isProviderCategory,
  isTransientCategory,
} from './failure-category.js';

describe('categorizeFailure (orchestration-spec §7.1)', () => {
  it.each([
    ['Worker task: no stream progress for 30s', 'agent_timeout'],
    ['Planning timed out after 5s', 'agent_timeout'],
    ['Worker task timed out after 1s — the LLM provider did not respond in time', 'agent_timeout'],
    ['Worker context limit exceeded for task 2', 'context_overflow'],
    ['context_length_exceeded', 'context_overflow'],
    ['This model has a maximum context of 8192', 'context_overflow'],
    ['token limit reached', 'context_overflow'],
    ['Input tokens exceeded the allowance', 'context_overflow'],
    ['exceeds the maximum number of tokens', 'context_overflow'],
    ['prompt too long: 300000 tokens', 'context_overflow'],
    ['string_above_max_length', 'context_overflow'],
    ['the string is too long', 'context_overflow'],
    ['prompt is too long', 'context_overflow'],
    ['input is too long for requested model', 'context_overflow'],
    ['MaxDepthError: (reached limit: 16)', 'depth_exhausted'],
    ['agent reached limit of turns', 'depth_exhausted'],
    ['Worker blocked by duplicate call loop.\nsome text', 'loop_detected'],
    ['Worker did not call submit_result', 'soft_failure'],
    ['Rate limit reached', 'provider_overloaded'],
    ['HTTP 429 Too Many Requests', 'provider_overloaded'],
    ['too many requests', 'provider_overloaded'],
    ['503 Service Unavailable', 'provider_overloaded'],
    ['upstream 502', 'provider_overloaded'],
    ['service unavailable', 'provider_overloaded'],
    ['Authentication failed', 'provider_auth_error'],
    ['401 Unauthorized', 'provider_auth_error'],
    ['403 Forbidden', 'provider_auth_error'],
    ['invalid API key', 'provider_auth_error'],
    ['404 model not found', 'provider_not_found'],
    ['The provided model identifier is invalid.', 'provider_not_found'],
    ['models/x is not found for API version v1beta', 'provider_not_found'],
    ['boom', 'agent_error'],
    ["Worker 'ghost' not found in configuration (task 0)", 'agent_error'],
    ['', 'agent_error'],
  ])('%j → %s', (text, category) => {
    expect(categorizeFailure(text)).toBe(category);
  });

  it('applies the rules in order: the first match wins', () => {
    // timeout beats context overflow, overflow beats depth, loop beats provider codes, 429 beats 401.
    expect(categorizeFailure('request timed out: context length exceeded')).toBe('agent_timeout');
    expect(categorizeFailure('context limit: reached limit')).toBe('context_overflow');
    expect(categorizeFailure('duplicate call loop after 429')).toBe('loop_detected');
    expect(categorizeFailure('429 then 401')).toBe('provider_overloaded');
    expect(categorizeFailure('401 then 404')).toBe('provider_auth_error');
    expect(categorizeFailure('did not call submit_result (503)')).toBe('soft_failure');
  });

  it('is case-insensitive', () => {
    expect(categorizeFailure('TIMED OUT')).toBe('agent_timeout');
    expect(categorizeFailure('Duplicate Call Loop')).toBe('loop_detected');
  });

  it('needs "context" together with an overflow word', () => {
    expect(categorizeFailure('context missing')).toBe('agent_error');
    expect(categorizeFailure('limit exceeded')).toBe('agent_error');
  });
});

describe('category predicates', () => {
  it('treats only provider_overloaded and agent_timeout as transient', () => {
    expect(FAILURE_CATEGORIES.filter(isTransientCategory)).toEqual(['agent_timeout', 'provider_overloaded']);
  });

  it('knows the provider-class categories', () => {
    expect(FAILURE_CATEGORIES.filter(isProviderCategory)).toEqual([
      'provider_overloaded',
      'provider_auth_error',
      'provider_not_found',
    ]);
  });

  it('recognises category strings', () => {
    expect(isFailureCategory('soft_failure')).toBe(true);
    expect(isFailureCategory('SoftFailure')).toBe(false);
    expect(isFailureCategory(3)).toBe(false);
  });
});
