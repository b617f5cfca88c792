import { describe, expect, it } from 'vitest';
import { globSyntaxError } from './glob-syntax.js';

describe('globSyntaxError', () => {
  it.each([
    'kubectl_*',
    'restart_?',
    '**',
    'delete_[a-z]*',
    '[!x]*',
    '[^x]*',
    '[]]',
    '[a-]',
    '{create,delete}_*',
    'literal\\*star',
    '',
  ])('accepts %j', (pattern) => {
    expect(globSyntaxError(pattern)).toBeUndefined();
  });

  it.each([
    ['kubectl_[', 'unclosed character class'],
    ['[abc', 'unclosed character class'],
    ['[z-a]', "invalid character range 'z-a'"],
    ['{a,b', 'unclosed alternate group'],
    ['a}', 'unopened alternate group'],
    ['{a,{b}}', 'nested alternate groups'],
    ['trailing\\', "dangling '\\'"],
  ])('rejects %j with a clear reason', (pattern, reason) => {
    expect(globSyntaxError(pattern)).toContain(reason);
  });
});
