import { describe, expect, it } from 'vitest';
import { closestMatch } from './suggest.js';

describe('closestMatch', () => {
  const agentKeys = ['name', 'alias', 'system_prompt', 'turn_depth', 'hidden', 'mcp_filter', 'llm'];

  it('finds typos: missing, extra, swapped and wrong characters', () => {
    expect(closestMatch('systm_prompt', agentKeys)).toBe('system_prompt');
    expect(closestMatch('turn_dpeth', agentKeys)).toBe('turn_depth');
    expect(closestMatch('hiden', agentKeys)).toBe('hidden');
    expect(closestMatch('mcp_filters', agentKeys)).toBe('mcp_filter');
  });

  it('prefers a case-insensitive exact match', () => {
    expect(closestMatch('OpenAI', ['openai', 'openrouter'])).toBe('openai');
  });

  it('accepts a long prefix as a typo', () => {
    expect(closestMatch('system', agentKeys)).toBe('system_prompt');
  });

  it('returns undefined when nothing is plausibly meant', () => {
    expect(closestMatch('temperature', agentKeys)).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});
