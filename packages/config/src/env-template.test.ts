import { describe, expect, it } from 'vitest';
import { missingEnvMessage, substituteEnv } from './env-template.js';

describe('substituteEnv', () => {
  it('substitutes set variables inside string values, at any depth, keeping them strings', () => {
    const document = { agent: { llm: { api_key: 'Bearer {{ env.KEY }}', tags: ['{{env.KEY}}', 3] } }, n: 5 };
    const result = substituteEnv(document, { KEY: 'sk-1' });
    expect(result.value).toEqual({ agent: { llm: { api_key: 'Bearer sk-1', tags: ['sk-1', 3] } }, n: 5 });
    expect(result.missing.size).toBe(0);
    expect(result.usages.get('agent.llm.api_key')).toEqual(['KEY']);
    expect(result.usages.get('agent.llm.tags[0]')).toEqual(['KEY']);
    // The input is not modified.
    expect(document.agent.llm.api_key).toBe('Bearer {{ env.KEY }}');
  });

  it('treats set-but-empty as set and uses a default only when the variable is unset', () => {
    const document = {
      a: "{{ env.EMPTY | default: 'x' }}",
      b: "{{ env.UNSET | default: 'gpt-4o' }}",
      c: '{{ env.EMPTY }}',
    };
    const result = substituteEnv(document, { EMPTY: '' });
    expect(result.value).toEqual({ a: '', b: 'gpt-4o', c: '' });
    expect(result.missing.size).toBe(0);
  });

  it('allows an empty default and flexible whitespace inside the braces', () => {
    const result = substituteEnv({ a: "{{env.UNSET|default:''}}", b: "{{   env.UNSET   |   default:   'v'   }}" }, {});
    expect(result.value).toEqual({ a: '', b: 'v' });
  });

  it('reports every unset variable once, in first-seen order, with every key path using it', () => {
    const document = {
      agent: { system_prompt: '{{ env.B }}', llm: { api_key: '{{ env.A }}' } },
      worker: { x: { preamble: '{{ env.B }} and {{ env.C }}' } },
    };
    const result = substituteEnv(document, {});
    expect([...result.missing.keys()]).toEqual(['B', 'A', 'C']);
    expect(result.missing.get('B')).toEqual([
      ['agent', 'system_prompt'],
      ['worker', 'x', 'preamble'],
    ]);
    // Unresolved placeholders stay verbatim.
    expect(result.value).toEqual(document);
  });

  it('leaves lower-case names and malformed placeholders alone without errors', () => {
    const document = { a: '{{ env.foo }}', b: '{{ env.X | default: "double" }}', c: '{{ nope.X }}' };
    const result = substituteEnv(document, {});
    expect(result.value).toEqual(document);
    expect(result.missing.size).toBe(0);
  });

  it('inserts values verbatim: quotes and backslashes are not re-interpreted', () => {
    const result = substituteEnv({ a: '{{ env.V }}' }, { V: 'a"b\\nc' });
    expect(result.value).toEqual({ a: 'a"b\\nc' });
  });

  it('does not re-scan substituted text for placeholders', () => {
    const result = substituteEnv({ a: '{{ env.V }}' }, { V: '{{ env.W }}', W: 'nested' });
    expect(result.value).toEqual({ a: '{{ env.W }}' });
  });

  it('substitutes inside table keys too', () => {
    const result = substituteEnv({ headers: { '{{ env.NAME }}': 'v' } }, { NAME: 'X-Tenant' });
    expect(result.value).toEqual({ headers: { 'X-Tenant': 'v' } });
  });

  it('keeps dates and other non-string values as they are', () => {
    const date = new Date(0);
    const result = substituteEnv({ d: date, b: true }, {});
    expect(result.value).toEqual({ d: date, b: true });
  });
});

describe('missingEnvMessage', () => {
  it('renders the reference text with one export line per variable', () => {
    expect(missingEnvMessage(['A', 'B'])).toBe(
      [
        'Missing environment variable(s): A, B',
        '',
        'To fix this:',
        '1. Copy .env.example to .env and fill in your API keys',
        '2. Or export the variables in your shell:',
        'export A=your_value',
        'export B=your_value',
      ].join('\n'),
    );
  });
});
