/**
 * Parsing of the arguments text of a model's tool call, as the AI SDK parses it (`safeParseJSON`, which
 * `streamText` uses): blank text is `{}`, and JSON that smuggles a prototype (`"__proto__"` keys, or a
 * `"constructor"` object with a `"prototype"` key) is refused like invalid JSON.
 */
import { tryParseJson } from '../util/json-value.js';

const SUSPECT_PROTO =
  /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"\s*:/;
const SUSPECT_CONSTRUCTOR =
  /"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"\s*:/;
const FORBIDDEN = 'Object contains forbidden prototype property';

/**
 * Parses tool-call arguments. Returns the parsed value (any JSON value; callers decide what a non-object
 * means), or the parse error's message. Never throws.
 */
export function parseToolCallInput(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  const parsed = tryParseJson(text);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object') return parsed;
  if (!SUSPECT_PROTO.test(text) && !SUSPECT_CONSTRUCTOR.test(text)) return parsed;
  return smugglesPrototype(parsed.value) ? { ok: false, error: FORBIDDEN } : parsed;
}

function smugglesPrototype(root: object): boolean {
  const pending: object[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Object.hasOwn(node, '__proto__')) return true;
    const ctor: unknown = Object.hasOwn(node, 'constructor')
      ? (node as { constructor: unknown }).constructor
      : undefined;
    if (typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) return true;
    for (const value of Object.values(node)) {
      if (typeof value === 'object' && value !== null) pending.push(value);
    }
  }
  return false;
}
