import { formatKeyPath, type PathSegment } from './key-path.js';

/** 1-based line and column of a key in a TOML document (columns count UTF-16 code units). */
export interface KeyPosition {
  readonly line: number;
  readonly column: number;
}

/** Dotted key path (as rendered by `formatKeyPath`) → where the TOML puts that key. */
export type KeyPositions = ReadonlyMap<string, KeyPosition>;

interface ScannedKey {
  readonly name: string;
  readonly offset: number;
}

/**
 * Maps every key of a syntactically valid TOML document to the line and column of the key itself:
 * table headers (`[a.b]` records `a` and `a.b`), array-of-tables headers (`[[v]]` records `v` and
 * `v[0]`, `v[1]`, ... with nested `[v.sub]` resolved against the latest element), dotted and quoted
 * keys, inline tables and arrays (elements are recorded at their first character, e.g. `x[2]`).
 * Strings (including multi-line ones) and comments are skipped, so text inside them never produces
 * a key. When a path is defined twice (only possible for implicit parent tables) the first wins.
 *
 * The input must already have parsed successfully; on invalid TOML the result is best-effort.
 */
export function scanKeyPositions(text: string): Map<string, KeyPosition> {
  return new TomlKeyScanner(text).scan();
}

/**
 * Finds the position for `path`, falling back to the nearest ancestor that has one (a missing key
 * is reported where its table starts). `undefined` when nothing on the path was found.
 */
export function lookupKeyPosition(positions: KeyPositions, path: readonly PathSegment[]): KeyPosition | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const found = positions.get(formatKeyPath(path.slice(0, length)));
    if (found !== undefined) return found;
  }
  return undefined;
}

const BARE_KEY_CHAR = /[A-Za-z0-9_-]/;
const SCALAR_END = new Set([',', ']', '}', '\n', '\r', '#']);

class TomlKeyScanner {
  private pos = 0;
  private table: PathSegment[] = [];
  private readonly arrayCounts = new Map<string, number>();
  private readonly positions = new Map<string, KeyPosition>();
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let index = 0; index < text.length; index += 1) {
      if (text[index] === '\n') this.lineStarts.push(index + 1);
    }
  }

  scan(): Map<string, KeyPosition> {
    const { text } = this;
    while (true) {
      this.skipBlankAndComments();
      if (this.pos >= text.length) break;
      const start = this.pos;
      if (text[this.pos] === '[') this.header();
      else this.keyValue(this.table);
      // Whatever follows on the line (a trailing comment) is skipped by the next iteration; if a
      // construct made no progress (invalid input), skip the character to guarantee termination.
      if (this.pos === start) this.pos += 1;
    }
    return this.positions;
  }

  private header(): void {
    const isArray = this.text.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    this.skipInlineSpace();
    const keys = this.key();
    this.skipInlineSpace();
    this.pos += isArray ? 2 : 1;
    if (keys.length === 0) return;
    const resolved: PathSegment[] = [];
    keys.forEach((key, index) => {
      resolved.push(key.name);
      this.record(resolved, key.offset);
      const isLast = index === keys.length - 1;
      if (isLast && isArray) {
        const arrayPath = formatKeyPath(resolved);
        const count = this.arrayCounts.get(arrayPath) ?? 0;
        this.arrayCounts.set(arrayPath, count + 1);
        resolved.push(count);
        this.record(resolved, key.offset);
        return;
      }
      const count = this.arrayCounts.get(formatKeyPath(resolved));
      if (count !== undefined) resolved.push(count - 1);
    });
    this.table = resolved;
  }

  private keyValue(base: readonly PathSegment[]): void {
    const keys = this.key();
    if (keys.length === 0) return;
    const path = [...base];
    for (const key of keys) {
      path.push(key.name);
      this.record(path, key.offset);
    }
    this.skipInlineSpace();
    if (this.text[this.pos] !== '=') return;
    this.pos += 1;
    this.skipInlineSpace();
    this.value(path);
  }

  private value(path: readonly PathSegment[]): void {
    const { text } = this;
    const char = text[this.pos];
    if (char === '"' || char === "'") {
      this.skipString();
    } else if (char === '{') {
      this.inlineTable(path);
    } else if (char === '[') {
      this.array(path);
    } else {
      while (this.pos < text.length && !SCALAR_END.has(text[this.pos] ?? '')) this.pos += 1;
    }
  }

  private inlineTable(path: readonly PathSegment[]): void {
    this.pos += 1;
    while (this.pos < this.text.length) {
      this.skipBlankAndComments();
      const char = this.text[this.pos];
      if (char === '}') {
        this.pos += 1;
        return;
      }
      if (char === ',') {
        this.pos += 1;
        continue;
      }
      const before = this.pos;
      this.keyValue(path);
      if (this.pos === before) this.pos += 1;
    }
  }

  private array(path: readonly PathSegment[]): void {
    this.pos += 1;
    let index = 0;
    while (this.pos < this.text.length) {
      this.skipBlankAndComments();
      const char = this.text[this.pos];
      if (char === ']') {
        this.pos += 1;
        return;
      }
      if (char === ',') {
        this.pos += 1;
        continue;
      }
      const elementPath = [...path, index];
      this.record(elementPath, this.pos);
      const before = this.pos;
      this.value(elementPath);
      if (this.pos === before) this.pos += 1;
      index += 1;
    }
  }

  /** Reads a (possibly dotted) key; returns its simple keys with their offsets. */
  private key(): ScannedKey[] {
    const keys: ScannedKey[] = [];
    while (this.pos < this.text.length) {
      const offset = this.pos;
      const name = this.simpleKey();
      if (name === undefined) break;
      keys.push({ name, offset });
      this.skipInlineSpace();
      if (this.text[this.pos] !== '.') break;
      this.pos += 1;
      this.skipInlineSpace();
    }
    return keys;
  }

  private simpleKey(): string | undefined {
    const { text } = this;
    const char = text[this.pos];
    if (char === '"') return this.basicString();
    if (char === "'") {
      const end = text.indexOf("'", this.pos + 1);
      const stop = end === -1 ? text.length : end;
      const name = text.slice(this.pos + 1, stop);
      this.pos = stop + 1;
      return name;
    }
    const start = this.pos;
    while (this.pos < text.length && BARE_KEY_CHAR.test(text[this.pos] ?? '')) this.pos += 1;
    return this.pos > start ? text.slice(start, this.pos) : undefined;
  }

  /** Reads a single-line basic string at `pos` (on the opening quote) and decodes its escapes. */
  private basicString(): string {
    const { text } = this;
    let out = '';
    this.pos += 1;
    while (this.pos < text.length && text[this.pos] !== '"' && text[this.pos] !== '\n') {
      const char = text[this.pos] ?? '';
      if (char !== '\\') {
        out += char;
        this.pos += 1;
        continue;
      }
      const escaped = text[this.pos + 1] ?? '';
      if (escaped === 'u' || escaped === 'U') {
        const length = escaped === 'u' ? 4 : 8;
        const code = Number.parseInt(text.slice(this.pos + 2, this.pos + 2 + length), 16);
        out += Number.isFinite(code) ? String.fromCodePoint(code) : '';
        this.pos += 2 + length;
        continue;
      }
      out += ESCAPES[escaped] ?? escaped;
      this.pos += 2;
    }
    this.pos += 1;
    return out;
  }

  /** Skips any string value (basic, literal, multi-line basic, multi-line literal). */
  private skipString(): void {
    const { text } = this;
    const quote = text[this.pos] ?? '"';
    const triple = quote.repeat(3);
    if (text.startsWith(triple, this.pos)) {
      this.pos += 3;
      while (this.pos < text.length) {
        if (quote === '"' && text[this.pos] === '\\') {
          this.pos += 2;
          continue;
        }
        if (text.startsWith(triple, this.pos)) {
          this.pos += 3;
          // Up to two quotes may directly precede the closing delimiter (`""""` ends with `"`).
          for (let extra = 0; extra < 2 && text[this.pos] === quote; extra += 1) this.pos += 1;
          return;
        }
        this.pos += 1;
      }
      return;
    }
    if (quote === '"') {
      this.basicString();
      return;
    }
    const end = text.indexOf("'", this.pos + 1);
    this.pos = end === -1 ? text.length : end + 1;
  }

  private skipInlineSpace(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos += 1;
  }

  private skipBlankAndComments(): void {
    const { text } = this;
    while (this.pos < text.length) {
      const char = text[this.pos];
      if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
        this.pos += 1;
      } else if (char === '#') {
        const end = text.indexOf('\n', this.pos);
        this.pos = end === -1 ? text.length : end + 1;
      } else {
        return;
      }
    }
  }

  private record(path: readonly PathSegment[], offset: number): void {
    const key = formatKeyPath(path);
    if (this.positions.has(key)) return;
    this.positions.set(key, this.positionOf(offset));
  }

  private positionOf(offset: number): KeyPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.lineStarts[low] ?? 0) + 1 };
  }
}

const ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\u001b',
  '"': '"',
  '\\': '\\',
};
