import { formatKeyPath, isPlainRecord, type PathSegment } from './key-path.js';

/**
 * `{{ env.NAME }}` or `{{ env.NAME | default: 'value' }}`. Names are uppercase only
 * (`[A-Z_][A-Z0-9_]*`); whitespace inside the braces is optional; the default is single-quoted and
 * cannot contain `'`. Anything else (e.g. `{{ env.lower }}`) is literal text.
 */
const PLACEHOLDER = /\{\{\s*env\.([A-Z_][A-Z0-9_]*)\s*(?:\|\s*default:\s*'([^']*)'\s*)?\}\}/g;

/** Result of {@link substituteEnv}. */
export interface EnvSubstitution {
  /** The document with every resolvable placeholder replaced (unresolvable ones are kept verbatim). */
  readonly value: unknown;
  /** Unset variables without a default, in first-seen order, with the key paths that use them. */
  readonly missing: ReadonlyMap<string, readonly (readonly PathSegment[])[]>;
  /** Dotted key path → the variables its value (or key) was built from. */
  readonly usages: ReadonlyMap<string, readonly string[]>;
}

/**
 * Replaces `{{ env.X }}` placeholders inside the string values (and table keys) of a parsed TOML
 * document. Operating on parsed values (not on TOML text, as the reference does) keeps comments
 * immune, keeps every substituted value a string, and lets a value contain `"` or `\` safely.
 *
 * A variable counts as set when `env[name] !== undefined` (set-but-empty substitutes `""`). A
 * placeholder with a default uses the default only when the variable is unset. The input is not
 * modified.
 */
export function substituteEnv(document: unknown, env: NodeJS.ProcessEnv): EnvSubstitution {
  const missing = new Map<string, PathSegment[][]>();
  const usages = new Map<string, string[]>();

  const substitute = (text: string, path: readonly PathSegment[]): string => {
    if (!text.includes('{{')) return text;
    const used: string[] = [];
    const result = text.replace(PLACEHOLDER, (match, name: string, fallback: string | undefined) => {
      used.push(name);
      const value = env[name];
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      const paths = missing.get(name) ?? [];
      paths.push([...path]);
      missing.set(name, paths);
      return match;
    });
    if (used.length > 0) {
      const key = formatKeyPath(path);
      usages.set(key, [...(usages.get(key) ?? []), ...used]);
    }
    return result;
  };

  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === 'string') return substitute(value, path);
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (!isPlainRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [rawKey, item] of Object.entries(value)) {
      const key = substitute(rawKey, [...path, rawKey]);
      // defineProperty: a substituted key can never reach Object.prototype (`__proto__`).
      Object.defineProperty(out, key, {
        value: walk(item, [...path, key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };

  return { value: walk(document, []), missing, usages };
}

/** The reference's text for unset variables (without its `Environment variable error: ` prefix). */
export function missingEnvMessage(names: readonly string[]): string {
  return [
    `Missing environment variable(s): ${names.join(', ')}`,
    '',
    'To fix this:',
    '1. Copy .env.example to .env and fill in your API keys',
    '2. Or export the variables in your shell:',
    ...names.map((name) => `export ${name}=your_value`),
  ].join('\n');
}
