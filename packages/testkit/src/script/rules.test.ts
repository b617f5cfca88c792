import { describe, expect, it } from 'vitest';
import type { ConversationView, ViewMessage } from '../conversation/conversation-view.js';
import { matchesRule } from './rules.js';
import { text, turn } from './turn-builders.js';
import { TurnScript } from './turn-script.js';

const message = (role: ViewMessage['role'], value: string): ViewMessage => ({
  role,
  text: value,
  reasoning: undefined,
  toolCalls: [],
  toolResults: [],
});

const view: ConversationView = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  stream: true,
  system: 'You are an SRE assistant.',
  messages: [message('user', 'Why is the disk full?'), message('assistant', 'Checking'), message('tool', '95%')],
  tools: [{ name: 'df', description: undefined, parameters: {} }],
  maxTokens: undefined,
  temperature: undefined,
  raw: {},
};

describe('matchesRule', () => {
  it('accepts everything without a matcher and requires every given condition', () => {
    expect(matchesRule(undefined, view)).toBe(true);
    expect(matchesRule({ lastUserMessage: 'disk full', tool: 'df', lastRole: 'tool' }, view)).toBe(true);
    expect(matchesRule({ lastUserMessage: 'disk full', tool: 'kubectl' }, view)).toBe(false);
    expect(matchesRule({ lastUserMessage: /^why/i }, view)).toBe(true);
    expect(matchesRule({ system: 'SRE', model: 'claude-sonnet-4-5' }, view)).toBe(true);
    expect(matchesRule({ model: 'claude' }, view)).toBe(false); // model strings match exactly
    expect(matchesRule({ model: /^claude/ }, view)).toBe(true);
    expect(matchesRule({ provider: ['openai', 'anthropic'] }, view)).toBe(true);
    expect(matchesRule({ provider: 'gemini' }, view)).toBe(false);
    expect(matchesRule({ lastRole: 'user' }, view)).toBe(false);
    expect(matchesRule({ when: (seen) => seen.messages.length === 3 }, view)).toBe(true);
  });

  it('does not let a global RegExp carry state between requests', () => {
    const pattern = /disk/g;
    expect(matchesRule({ lastUserMessage: pattern }, view)).toBe(true);
    expect(matchesRule({ lastUserMessage: pattern }, view)).toBe(true);
  });
});

describe('TurnScript', () => {
  it('plays the queue first, then rules in order, respecting times', async () => {
    const script = new TurnScript(
      [turn(text('q'))],
      [
        { name: 'limited', reply: turn(text('r1')), times: 1 },
        { reply: async (seen) => turn(text(`r2 for ${seen.model}`)) },
      ],
    );
    const texts = [];
    for (let index = 0; index < 4; index++) {
      const selected = await script.select(view);
      const part = selected?.turn.parts[0];
      texts.push(`${selected?.source}:${part?.type === 'text' ? part.text : ''}`);
    }
    expect(texts).toEqual([
      'queue:q',
      'rule:limited:r1',
      'rule:1:r2 for claude-sonnet-4-5',
      'rule:1:r2 for claude-sonnet-4-5',
    ]);
    script.reset([]);
    expect(await script.select(view)).toBeUndefined();
  });
});
