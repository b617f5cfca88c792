import { describe, expect, it } from 'vitest';
import { makeIssue } from './config-issue.js';
import { formatConfigIssues } from './format-issues.js';

describe('formatConfigIssues', () => {
  it('renders file:line:column, severity, path, message and hint on one line', () => {
    const issue = makeIssue({
      severity: 'error',
      code: 'unknown_key',
      path: 'agent.systm_prompt',
      message: 'unknown field `systm_prompt`',
      file: 'agents/sre.toml',
      line: 12,
      column: 1,
      hint: 'did you mean `system_prompt`?',
    });
    expect(formatConfigIssues([issue])).toBe(
      'agents/sre.toml:12:1 error agent.systm_prompt: unknown field `systm_prompt`. did you mean `system_prompt`?',
    );
  });

  it('adds the expected value (unless the message says it) and leaves out what is unknown', () => {
    const issue = makeIssue({
      severity: 'warning',
      code: 'unknown_key',
      path: 'orchestration.timeouts.x',
      message: 'unknown field `x`',
      expected: 'one of `per_call_timeout_secs`',
    });
    expect(formatConfigIssues([issue])).toBe(
      'warning orchestration.timeouts.x: unknown field `x` (expected one of `per_call_timeout_secs`)',
    );
    const typed = makeIssue({
      severity: 'error',
      code: 'invalid_type',
      path: 'agent.llm.max_tokens',
      message: 'invalid type: expected integer, got string',
      expected: 'integer',
      line: 3,
      column: 1,
    });
    expect(formatConfigIssues([typed])).toBe(
      'line 3:1: error agent.llm.max_tokens: invalid type: expected integer, got string',
    );
  });

  it('does not double the full stop when the message already ends a sentence', () => {
    const issue = makeIssue({
      severity: 'error',
      code: 'duplicate_id',
      path: 'agent.alias',
      message: "Duplicate alias 'x'! Configurations must have a unique alias.",
      file: 'b.toml',
      line: 3,
      hint: 'rename one',
    });
    expect(formatConfigIssues([issue])).toBe(
      "b.toml:3 error agent.alias: Duplicate alias 'x'! Configurations must have a unique alias. rename one",
    );
  });

  it('colours only when asked, and renders nothing for no issues', () => {
    const issue = makeIssue({ severity: 'error', code: 'validation', path: 'a', message: 'm', file: 'f.toml' });
    expect(formatConfigIssues([issue])).not.toContain('\u001b[');
    expect(formatConfigIssues([issue], { color: true })).toContain('\u001b[31m');
    expect(formatConfigIssues([])).toBe('');
  });
});
