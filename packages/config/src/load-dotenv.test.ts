import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-issue.js';
import { loadDotenv, parseDotenv } from './load-dotenv.js';

describe('loadDotenv', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aura-dotenv-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('never overrides a variable that is already set (the shell wins)', () => {
    const env: NodeJS.ProcessEnv = { OPENAI_API_KEY: 'from-shell', EMPTY: '' };
    loadDotenv([file('.env', 'OPENAI_API_KEY=from-file\nEMPTY=from-file\nNEW=value\n')], env);
    expect(env).toEqual({ OPENAI_API_KEY: 'from-shell', EMPTY: '', NEW: 'value' });
  });

  it('lets the first file (and the first line) to define a variable win', () => {
    const env: NodeJS.ProcessEnv = {};
    const cwdEnv = file('cwd.env', 'A=cwd\nA=cwd-again\n');
    const configEnv = file('config.env', 'A=config\nB=config\n');
    loadDotenv([cwdEnv, configEnv], env);
    expect(env).toEqual({ A: 'cwd', B: 'config' });
  });

  it('skips missing files silently', () => {
    const env: NodeJS.ProcessEnv = {};
    loadDotenv([join(dir, 'nope.env'), join(dir, 'missing-dir', '.env'), file('.env', 'X=1')], env);
    expect(env).toEqual({ X: '1' });
  });

  it('reports a malformed line with file and line, applying nothing from that file', () => {
    const env: NodeJS.ProcessEnv = {};
    const path = file('.env', 'GOOD=1\nthis line is wrong\n');
    const error = (() => {
      try {
        loadDotenv([path], env);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error instanceof ConfigError && error.issues[0]).toMatchObject({
      file: path,
      line: 2,
      code: 'dotenv_syntax',
    });
    expect(env).toEqual({});
  });
});

describe('parseDotenv', () => {
  const parse = (text: string, env: NodeJS.ProcessEnv = {}) => Object.fromEntries(parseDotenv(text, '.env', env));

  it('reads KEY=VALUE with export prefixes, comments and blank lines', () => {
    expect(parse('# comment\n\nexport A=1\n  B = two  \nC=three # trailing comment\nD=a#b\nE=\n')).toEqual({
      A: '1',
      B: 'two',
      C: 'three',
      D: 'a#b',
      E: '',
    });
  });

  it('handles single quotes (literal) and double quotes (escapes), also over several lines', () => {
    const text = [
      "SINGLE='raw \\n $HOME # kept'",
      'DOUBLE="line1\\nline2 \\"q\\" \\$NOT"',
      'MULTI="first',
      'second"',
      "SPACED='  padded  '  # comment",
    ].join('\n');
    expect(parse(text, { HOME: '/root' })).toEqual({
      SINGLE: 'raw \\n $HOME # kept',
      DOUBLE: 'line1\nline2 "q" $NOT',
      MULTI: 'first\nsecond',
      SPACED: '  padded  ',
    });
  });

  it('expands braced and bare variables from the environment, then from earlier lines', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: .env expansion syntax, not a JS template
    const text = 'BASE=http://host\nURL=${BASE}/v1\nKEY="$TOKEN-x"\nMISSING=${NOPE}end\n';
    expect(parse(text, { TOKEN: 't0k' })).toEqual({
      BASE: 'http://host',
      URL: 'http://host/v1',
      KEY: 't0k-x',
      MISSING: 'end',
    });
  });

  it.each([
    ['NO_EQUALS', 'expected KEY=VALUE'],
    ['1BAD=x', 'invalid variable name'],
    ['A="unterminated', 'unterminated double-quoted value'],
    ["A='x' trailing", 'unexpected text after the closing quote'],
  ])('rejects %j', (text, reason) => {
    expect(() => parse(text)).toThrow(reason);
  });
});
