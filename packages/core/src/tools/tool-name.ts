import { createHash } from 'node:crypto';
import { truncateUtf8 } from '../util/utf8.js';

/**
 * Tool names as providers accept them. {@link sanitizeToolName} is the reference's rule (core-spec §5.5),
 * always applied to MCP tool names; {@link toProviderToolName} additionally enforces the strictest
 * provider charset `[a-zA-Z0-9_-]`, the length cap without losing uniqueness, and Gemini's leading-character
 * rule.
 */

/** Providers whose tool-name rules we know (the `[agent.llm].provider` values). */
export type ToolNameProvider = 'openai' | 'anthropic' | 'bedrock' | 'gemini' | 'ollama' | 'openrouter';

/** Naming constraints of one provider. */
export interface ToolNameRules {
  /** Maximum length in characters (all rules are ASCII-only, so also bytes). */
  readonly maxLength: number;
  /** Gemini: the name must start with a letter or an underscore. */
  readonly mustStartWithLetterOrUnderscore: boolean;
}

/** Default rules: `^[a-zA-Z0-9_-]{1,64}$` (OpenAI, Anthropic, Bedrock, Ollama, OpenRouter). */
export const DEFAULT_TOOL_NAME_RULES: ToolNameRules = { maxLength: 64, mustStartWithLetterOrUnderscore: false };

/** The naming rules of `provider`; {@link DEFAULT_TOOL_NAME_RULES} when `undefined`. */
export function toolNameRulesFor(provider?: ToolNameProvider): ToolNameRules {
  return provider === 'gemini' ? { maxLength: 64, mustStartWithLetterOrUnderscore: true } : DEFAULT_TOOL_NAME_RULES;
}

const ALPHANUMERIC = /^[\p{Alphabetic}\p{N}]$/u;

/** §5.5 steps 1–3 (no length cap). */
function sanitizeUncapped(name: string): string {
  let replaced = '';
  for (const char of name) {
    replaced += char === '_' || char === '-' || ALPHANUMERIC.test(char) ? char : '_';
  }
  const trimmed = replaced.replace(/^_+/, '').replace(/_+$/, '');
  return trimmed === '' || /^[0-9]/.test(trimmed) ? `tool_${trimmed}` : trimmed;
}

/**
 * The reference's tool-name sanitisation (core-spec §5.5, case 33): spaces and every character that is not
 * a Unicode letter/digit, `_` or `-` become `_`; leading/trailing `_` are trimmed; an empty result or one
 * starting with an ASCII digit gets the prefix `tool_`; the result is cut to 64 UTF-8 bytes (on a
 * character boundary). Unicode letters survive, so the result may still be rejected by a provider — use
 * {@link toProviderToolName} for what is actually sent.
 *
 * @example sanitizeToolName('get.weather') // 'get_weather'
 * @example sanitizeToolName('123_tool') // 'tool_123_tool'
 */
export function sanitizeToolName(name: string): string {
  return truncateUtf8(sanitizeUncapped(name), 64);
}

const HASH_LENGTH = 8;

/** First 8 hex characters of the SHA-256 of `text`: stable across runs and processes. */
export function shortNameHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * A provider-valid tool name for `name`: §5.5 sanitisation, then every character outside `[a-zA-Z0-9_-]`
 * becomes `_`, Gemini names that would start with `-` get the prefix `tool_`, and a name longer than
 * `rules.maxLength` is cut in the middle and suffixed with a stable hash of the ORIGINAL name
 * (`<head>_<tail>_<hash8>`), so two long names sharing a prefix (or a suffix) stay distinct.
 * Deterministic; never throws. Names that already comply are returned unchanged.
 */
export function toProviderToolName(name: string, rules: ToolNameRules = DEFAULT_TOOL_NAME_RULES): string {
  let ascii = sanitizeUncapped(name).replace(/[^a-zA-Z0-9_-]/gu, '_');
  if (rules.mustStartWithLetterOrUnderscore && !/^[a-zA-Z_]/.test(ascii)) ascii = `tool_${ascii}`;
  if (ascii.length <= rules.maxLength) return ascii;
  return truncateMiddle(ascii, rules.maxLength, shortNameHash(name));
}

/** `<head>_<tail>_<hash>` of exactly `maxLength` characters (or just a cut when the cap is tiny). */
function truncateMiddle(text: string, maxLength: number, hash: string): string {
  const keep = maxLength - hash.length - 2;
  if (keep < 2) return text.slice(0, maxLength);
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return `${text.slice(0, head)}_${text.slice(text.length - tail)}_${hash}`;
}
