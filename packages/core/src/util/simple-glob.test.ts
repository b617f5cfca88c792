import { describe, expect, it } from 'vitest';
import { clientToolFilterAllows, matchesToolFilter, simpleGlobMatch } from './simple-glob.js';

describe('simpleGlobMatch', () => {
  it.each([
    ['tool_?', 'tool_ab', false],
    ['*', '', true],
    ['mezmo_*', 'mezmo_', true],
    ['*Query*', 'ListQuery', true],
    ['tool_?', 'tool_a', true],
    ['?', '', false],
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc', 'ABC', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['*a*a*a*a*a*b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
    ['**', 'anything', true],
    ['[ab]', 'a', false],
    ['[ab]', '[ab]', true],
    ['a.c', 'abc', false],
    ['?', 'é', true],
    ['?', '😀', true],
    ['x\\*', 'x\\yz', true],
  ])('(%j, %j) → %s', (pattern, text, expected) => {
    expect(simpleGlobMatch(pattern, text)).toBe(expected);
  });
});

describe('matchesToolFilter (mcp_filter, case 25)', () => {
  it('allows everything when no filter is configured', () => {
    expect(matchesToolFilter(undefined, 'anything')).toBe(true);
  });

  it('allows nothing for an empty list', () => {
    expect(matchesToolFilter([], 'anything')).toBe(false);
  });

  it('allows a tool when any pattern matches', () => {
    const filter = ['mezmo_*', 'Query?'];
    expect(matchesToolFilter(filter, 'mezmo_logs')).toBe(true);
    expect(matchesToolFilter(filter, 'QueryX')).toBe(true);
    expect(matchesToolFilter(filter, 'Query')).toBe(false);
  });
});

describe('clientToolFilterAllows (client_tool_filter, case 26)', () => {
  it('allows every client tool for undefined or an empty list', () => {
    expect(clientToolFilterAllows(undefined, 'x')).toBe(true);
    expect(clientToolFilterAllows([], 'x')).toBe(true);
  });

  it('filters by pattern otherwise', () => {
    expect(clientToolFilterAllows(['ui_*'], 'ui_confirm')).toBe(true);
    expect(clientToolFilterAllows(['ui_*'], 'shell')).toBe(false);
  });
});
