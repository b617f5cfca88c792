import { randomUUID } from 'node:crypto';
import { isJsonObject, type JsonObject, setOwn, tryParseJson } from '../util/json-value.js';
import { stableStringify } from '../util/stable-stringify.js';

/** A tool call recovered from model text. `arguments` is compact JSON with sorted keys (`{}` when none). */
export interface ParsedToolCall {
  readonly name: string;
  readonly arguments: string;
}

/**
 * Recovers tool calls that a model (typically a local Ollama model) wrote as TEXT instead of native tool calls
 * (core-spec §8.4, cases 50–54). The content is trimmed; the formats are tried in order and the first one
 * yielding at least one call wins; only names in `availableTools` are kept:
 *
 * 1. JSON `{"name": …, "parameters"|"arguments"|"args": …}` — the whole content; else every fenced code block
 *    (deduplicated), or when there is none every balanced `{…}` containing `"name"` (nested ones too);
 * 2. Hermes `<tool_call>{…}</tool_call>` (greedy);
 * 3. pythonic `[tool(a="x", n=3, flag=True)]` — bare words are lower-cased (quirk Q16), `true`/`false` →
 *    booleans, `none`/`null` → null; unsupported values (negative numbers, lists) are dropped;
 * 4. Qwen `<function=tool><parameter=k>v</parameter></function>` (also the malformed `</tool_call>` closer
 *    and open `<parameter=k> v` form), values coerced to numbers / booleans / null where they parse.
 *
 * Returns `undefined` when nothing matches (including empty content or an empty tool list). Pure.
 */
export function parseFallbackToolCalls(
  content: string,
  availableTools: readonly string[],
): ParsedToolCall[] | undefined {
  const text = content.trim();
  if (text === '') return undefined;
  const available = new Set(availableTools);
  for (const parse of [parseJson, parseHermes, parsePythonic, parseQwen]) {
    const calls = parse(text, available);
    if (calls.length > 0) return calls;
  }
  return undefined;
}

/**
 * A synthetic tool-call id like the reference's: `call_` + 24 lowercase hex characters (from a random UUID).
 */
export function generateFallbackToolCallId(): string {
  return `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

const ARGUMENT_KEYS = ['parameters', 'arguments', 'args'] as const;

/**
 * Reads `{"name": string, "parameters"|"arguments"|"args": any}` like the reference's serde struct: the
 * name must be a string; more than one argument alias is a duplicate-field error; absent/null → `{}`.
 */
function callFromJson(text: string, available: ReadonlySet<string>): ParsedToolCall | undefined {
  const parsed = tryParseJson(text);
  if (!parsed.ok || !isJsonObject(parsed.value)) return undefined;
  const object = parsed.value;
  if (typeof object.name !== 'string' || !available.has(object.name)) return undefined;
  const present = ARGUMENT_KEYS.filter((key) => Object.hasOwn(object, key));
  if (present.length > 1) return undefined;
  const key = present[0];
  const value = key === undefined ? undefined : object[key];
  return { name: object.name, arguments: value === undefined || value === null ? '{}' : stableStringify(value) };
}

const CODE_BLOCK = /```(?:json)?\s*\n?([\s\S]*?)\n?```/g;

function parseJson(text: string, available: ReadonlySet<string>): ParsedToolCall[] {
  const whole = callFromJson(text, available);
  if (whole !== undefined) return [whole];
  const calls: ParsedToolCall[] = [];
  for (const candidate of jsonCandidates(text)) {
    const call = callFromJson(candidate, available);
    if (call !== undefined) calls.push(call);
  }
  return calls;
}

function jsonCandidates(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(CODE_BLOCK)) {
    const block = (match[1] ?? '').trim();
    if (block !== '') seen.add(block);
  }
  if (seen.size > 0) return [...seen];
  for (let index = text.indexOf('{'); index >= 0; index = text.indexOf('{', index + 1)) {
    const candidate = balancedBraces(text, index);
    if (candidate?.includes('"name"') === true) seen.add(candidate);
  }
  return [...seen];
}

/** The balanced `{…}` starting at `start` (string and escape aware), or `undefined` if it never closes. */
function balancedBraces(text: string, start: number): string | undefined {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text[index];
    if (escaped) {
      escaped = false;
    } else if (char === '\\' && inString) {
      escaped = true;
    } else if (char === '"') {
      inString = !inString;
    } else if (!inString && char === '{') {
      depth += 1;
    } else if (!inString && char === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, index + 1);
    }
  }
  return undefined;
}

const HERMES = /<tool_call>\s*(\{[\s\S]*\})\s*<\/tool_call>/g;

function parseHermes(text: string, available: ReadonlySet<string>): ParsedToolCall[] {
  const calls: ParsedToolCall[] = [];
  for (const match of text.matchAll(HERMES)) {
    const call = callFromJson(match[1] ?? '', available);
    if (call !== undefined) calls.push(call);
  }
  return calls;
}

// Rust's regex `\w` and `\d` are Unicode-aware; these classes match them.
const WORD = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]`;
const PYTHONIC = /\[([a-zA-Z_][a-zA-Z0-9_]*)\((.*?)\)\]/g;
const PYTHONIC_ARGUMENT = new RegExp(
  String.raw`(${WORD}+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\p{Nd}+(?:\.\p{Nd}+)?)|(${WORD}+))`,
  'gu',
);

function parsePythonic(text: string, available: ReadonlySet<string>): ParsedToolCall[] {
  const calls: ParsedToolCall[] = [];
  for (const match of text.matchAll(PYTHONIC)) {
    const name = match[1] ?? '';
    if (!available.has(name)) continue;
    const args: JsonObject = {};
    for (const argument of (match[2] ?? '').matchAll(PYTHONIC_ARGUMENT)) {
      const [, key = '', doubleQuoted, singleQuoted, number, word] = argument;
      let value: unknown;
      if (doubleQuoted !== undefined) value = doubleQuoted;
      else if (singleQuoted !== undefined) value = singleQuoted;
      else if (number !== undefined) value = /^[0-9]+(\.[0-9]+)?$/.test(number) ? Number(number) : number;
      else value = coerceBareWord((word ?? '').toLowerCase());
      setOwn(args, key, value);
    }
    calls.push({ name, arguments: stableStringify(args) });
  }
  return calls;
}

function coerceBareWord(word: string): unknown {
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'none' || word === 'null') return null;
  return word;
}

const QWEN_FUNCTION = /<function=([a-zA-Z_][a-zA-Z0-9_]*)>([\s\S]*?)(?:<\/function>|<\/tool_call>)/g;
const QWEN_PARAMETER = /<parameter=([a-zA-Z_][a-zA-Z0-9_]*)>\s*([\s\S]*?)\s*<\/parameter>/g;
const QWEN_OPEN_PARAMETER = /<parameter=([a-zA-Z_][a-zA-Z0-9_]*)>\s*([^<]+)/g;

function parseQwen(text: string, available: ReadonlySet<string>): ParsedToolCall[] {
  const calls: ParsedToolCall[] = [];
  for (const match of text.matchAll(QWEN_FUNCTION)) {
    const name = match[1] ?? '';
    if (!available.has(name)) continue;
    const body = match[2] ?? '';
    const args: JsonObject = {};
    for (const parameter of body.matchAll(QWEN_PARAMETER)) {
      setOwn(args, parameter[1] ?? '', coerceParameter((parameter[2] ?? '').trim()));
    }
    if (Object.keys(args).length === 0) {
      for (const parameter of body.matchAll(QWEN_OPEN_PARAMETER)) {
        setOwn(args, parameter[1] ?? '', coerceParameter((parameter[2] ?? '').trim()));
      }
    }
    calls.push({ name, arguments: stableStringify(args) });
  }
  return calls;
}

const INTEGER = /^[+-]?[0-9]+$/;
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Rust `parse::<i64>()`, then finite `parse::<f64>()`, then true/false/null/none (any case), else the string. */
function coerceParameter(value: string): unknown {
  if (INTEGER.test(value) || FLOAT.test(value)) {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null' || lower === 'none') return null;
  return value;
}
