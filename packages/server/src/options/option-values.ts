/**
 * Readers of option text values (flags and environment variables) with the reference's vocabulary. Each
 * returns a result instead of throwing, so one parse reports every bad option at once.
 */

/** Accepted truthy words (case-insensitive, trimmed). */
export const TRUTHY_WORDS: readonly string[] = ['1', 'true', 't', 'yes', 'y', 'on'];
/** Accepted falsy words (case-insensitive, trimmed). */
export const FALSY_WORDS: readonly string[] = ['0', 'false', 'f', 'no', 'n', 'off'];

/** A parsed value, or what was expected instead. */
export type OptionValueResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly expected: string };

/** Reads the boolean vocabulary: `1,true,t,yes,y,on` → true, `0,false,f,no,n,off` → false. */
export function parseBooleanValue(text: string): OptionValueResult<boolean> {
  const word = text.trim().toLowerCase();
  if (TRUTHY_WORDS.includes(word)) return { ok: true, value: true };
  if (FALSY_WORDS.includes(word)) return { ok: true, value: false };
  return { ok: false, expected: `a boolean: one of ${[...TRUTHY_WORDS, ...FALSY_WORDS].join(', ')}` };
}

/** Reads a whole decimal number within `min`..`max` (inclusive; `max` optional). */
export function parseIntegerValue(text: string, bounds: { min: number; max?: number }): OptionValueResult<number> {
  const trimmed = text.trim();
  const range = bounds.max === undefined ? `>= ${bounds.min}` : `from ${bounds.min} to ${bounds.max}`;
  const expected = `a whole number ${range}`;
  if (!/^\+?\d+$/.test(trimmed)) return { ok: false, expected };
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    return { ok: false, expected };
  }
  return { ok: true, value };
}

/** Reads one of `values` (exact, after trimming; case-insensitive like the reference's enum parser). */
export function parseEnumValue<T extends string>(text: string, values: readonly T[]): OptionValueResult<T> {
  const word = text.trim().toLowerCase();
  const match = values.find((value) => value.toLowerCase() === word);
  return match === undefined ? { ok: false, expected: `one of ${values.join(', ')}` } : { ok: true, value: match };
}

/** Reads an absolute `http`/`https` URL; returns it with trailing slashes trimmed. */
export function parseUrlValue(text: string): OptionValueResult<string> {
  const expected = 'an absolute http(s) URL such as https://aura.example.com';
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, expected };
  } catch {
    return { ok: false, expected };
  }
  return { ok: true, value: trimmed.replace(/\/+$/, '') };
}

/** Splits a comma-separated key list; blanks are dropped. */
export function parseKeyList(text: string): string[] {
  return text
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
}

/** Reads an API keys file: one key per line; blank lines and lines starting with `#` are ignored. */
export function parseKeysFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The default external origin: `http://<host>:<port>`, with the wildcard addresses `0.0.0.0`, `::` and
 * `[::]` shown as `127.0.0.1` and other IPv6 addresses bracketed.
 */
export function deriveServerUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '[::]' || host === '';
  const shown = wildcard ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
