/**
 * The user-facing text Aura puts in the answer when a run fails after the response has started
 * (server-spec §8.8): errors are in-band text, never a dedicated error event, so every OpenAI client
 * shows them. Shared by the streaming mapper and the non-streaming collector.
 */
import { AuraError, type AuraErrorCode } from '@aura/events';
import { truncateErrorDetail } from './truncate-result.js';

/** The fixed guidance sent when the prompt no longer fits the model's context window (reference text). */
export const CONTEXT_OVERFLOW_MESSAGE =
  'My tools returned more data than I can work with at once.\n\n' +
  '**To help me out, try:**\n' +
  '- Narrowing your search with filters\n' +
  '- Asking for a summary instead of full results\n' +
  '- Splitting into smaller requests';

/**
 * Whether a provider error text describes a context-window overflow (the reference's heuristics,
 * case-insensitive). Used as a safety net next to the `PROVIDER_CONTEXT_OVERFLOW` code.
 */
export function isContextOverflowText(text: string): boolean {
  const lower = text.toLowerCase();
  return (
    lower.includes('context_length_exceeded') ||
    lower.includes('maximum context length') ||
    lower.includes('maximum number of tokens') ||
    lower.includes('token limit') ||
    lower.includes('tokens exceeded') ||
    (lower.includes('resulted in') && lower.includes('tokens')) ||
    (lower.includes('context') && lower.includes('exceeded'))
  );
}

/**
 * The provider-error sentence. `providerLabel` is `<provider>/<model>`. With `debug` (the
 * `AURA_DEBUG_PROVIDER_ERRORS` flag) the raw message follows, trimmed and capped at 500 characters + `…`.
 */
export function providerErrorText(input: {
  readonly providerLabel: string;
  readonly message: string;
  readonly debug: boolean;
}): string {
  return input.debug
    ? `The upstream model provider (${input.providerLabel}) returned an error: ${truncateErrorDetail(input.message)}`
    : `The upstream model provider (${input.providerLabel}) returned an error and the request could not be completed. Please try again or contact support if the issue persists.`;
}

/**
 * The note Aura appends when a timeout stopped the run (the reference sent nothing and ended with a
 * normal-looking `stop`: quirk Q6, fixed). `seconds` is the timeout that fired, when known.
 */
export function timeoutNoteText(seconds?: number): string {
  return seconds === undefined
    ? '[Aura: the request timed out and was stopped.]'
    : `[Aura: the request timed out after ${seconds} s and was stopped.]`;
}

/** Options of {@link runErrorText}. */
export interface RunErrorTextOptions {
  /** `<provider>/<model>` named in provider errors. */
  readonly providerLabel: string;
  /** Surface raw error messages (dev only). */
  readonly debug: boolean;
}

/**
 * Maps a run error to the answer text the user sees:
 * - `PROVIDER_CONTEXT_OVERFLOW`, or any provider error whose text looks like an overflow →
 *   {@link CONTEXT_OVERFLOW_MESSAGE};
 * - other `PROVIDER_*` codes → {@link providerErrorText};
 * - `RUN_TIMEOUT` → {@link timeoutNoteText};
 * - anything else (a failure inside Aura, not the provider) → a sentence naming the code, plus the raw
 *   message in debug mode. The reference blamed the provider for every stream error; we do not.
 */
export function runErrorText(
  error: { readonly code: AuraErrorCode; readonly message: string },
  options: RunErrorTextOptions,
): string {
  if (error.code === 'PROVIDER_CONTEXT_OVERFLOW') return CONTEXT_OVERFLOW_MESSAGE;
  if (error.code.startsWith('PROVIDER_')) {
    if (isContextOverflowText(error.message)) return CONTEXT_OVERFLOW_MESSAGE;
    return providerErrorText({ providerLabel: options.providerLabel, message: error.message, debug: options.debug });
  }
  if (error.code === 'RUN_TIMEOUT') return timeoutNoteText();
  return options.debug
    ? `Aura could not complete the request (${error.code}): ${truncateErrorDetail(error.message)}`
    : `Aura could not complete the request (${error.code}). Please try again or contact support if the issue persists.`;
}

/** The code and message of a failure that ended a run: an `AuraError`'s own, anything else `INTERNAL`. */
export function describeError(error: unknown): { readonly code: AuraErrorCode; readonly message: string } {
  if (AuraError.isInstance(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
