import { readFileSync } from 'node:fs';
import { ConfigError, makeIssue } from './config-issue.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const DOUBLE_QUOTE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/**
 * Loads `.env` files in order into `env` without ever overriding a variable that is already set:
 * shell exports win over every file, and the first file (or line) to define a variable wins over
 * later ones. A missing file is skipped silently.
 *
 * Format (as the reference's `dotenvy`): `KEY=VALUE` lines with an optional `export ` prefix, `#`
 * comments (whole-line, or after whitespace in unquoted values), `'single'` (literal) and
 * `"double"` quoted values (escapes `\n \r \t \" \\ \$`; both may span lines), and `${VAR}` /
 * `$VAR` expansion in unquoted and double-quoted values (unset → empty).
 *
 * @param env the environment to fill. Default `process.env`.
 * @throws ConfigError (`CONFIG_INVALID`, issue code `dotenv_syntax`) naming file and line of a
 *   malformed line; nothing from that file is applied then.
 */
export function loadDotenv(files: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) continue;
      throw error;
    }
    for (const [key, value] of parseDotenv(text, file, env)) {
      if (env[key] === undefined) env[key] = value;
    }
  }
}

/**
 * Parses `.env` text into `[key, value]` pairs in file order. Expansion reads `env` first, then
 * earlier definitions of the same text.
 */
export function parseDotenv(text: string, file: string, env: NodeJS.ProcessEnv): Array<[string, string]> {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.split(/\r?\n/);
  const pairs: Array<[string, string]> = [];
  const local = new Map<string, string>();
  const lookup = (name: string): string => env[name] ?? local.get(name) ?? '';
  let index = 0;
  const fail = (line: number, message: string): never => {
    const issue = makeIssue({ severity: 'error', code: 'dotenv_syntax', path: '', message, file, line });
    throw new ConfigError('CONFIG_INVALID', [issue], { summary: `Invalid .env file ${file}:${line}: ${message}` });
  };
  while (index < lines.length) {
    const lineNumber = index + 1;
    const line = (lines[index] ?? '').trim();
    index += 1;
    if (line === '' || line.startsWith('#')) continue;
    const body = line.startsWith('export ') ? line.slice('export '.length).trimStart() : line;
    const equals = body.indexOf('=');
    if (equals === -1) fail(lineNumber, 'expected KEY=VALUE');
    const key = body.slice(0, equals).trim();
    if (!KEY.test(key))
      fail(lineNumber, 'invalid variable name (use letters, digits and _; not starting with a digit)');
    let rest = body.slice(equals + 1).trimStart();
    const quote = rest[0];
    let value: string;
    if (quote === '"' || quote === "'") {
      // Quoted values may continue over the following lines until the closing quote.
      let closing = findClosingQuote(rest, quote);
      while (closing === -1 && index < lines.length) {
        rest += `\n${lines[index] ?? ''}`;
        index += 1;
        closing = findClosingQuote(rest, quote);
      }
      if (closing === -1) fail(lineNumber, `unterminated ${quote === '"' ? 'double' : 'single'}-quoted value`);
      const trailing = rest.slice(closing + 1).trim();
      if (trailing !== '' && !trailing.startsWith('#')) fail(lineNumber, 'unexpected text after the closing quote');
      const inner = rest.slice(1, closing);
      value = quote === "'" ? inner : expand(unescapeDouble(inner), lookup);
    } else {
      const comment = rest.search(/\s#/);
      value = expand((comment === -1 ? rest : rest.slice(0, comment)).trim(), lookup);
    }
    pairs.push([key, value]);
    if (!local.has(key)) local.set(key, value);
  }
  return pairs;
}

function findClosingQuote(text: string, quote: string): number {
  for (let index = 1; index < text.length; index += 1) {
    if (quote === '"' && text[index] === '\\') {
      index += 1;
      continue;
    }
    if (text[index] === quote) return index;
  }
  return -1;
}

/** Resolves `\x` escapes; `\$` becomes a marker so expansion leaves it literal. */
function unescapeDouble(text: string): string {
  return text.replace(/\\(.)/gs, (match, char: string) =>
    char === '$' ? ESCAPED_DOLLAR : (DOUBLE_QUOTE_ESCAPES[char] ?? match),
  );
}

const ESCAPED_DOLLAR = '\uE000$';

function expand(text: string, lookup: (name: string) => string): string {
  return text
    .replace(
      /(?<!\uE000)\$\{([A-Za-z_][A-Za-z0-9_]*)\}|(?<!\uE000)\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (_match, braced, bare) => lookup(String(braced ?? bare)),
    )
    .replaceAll(ESCAPED_DOLLAR, '$');
}
