/**
 * Recognises "the prompt does not fit the model's context window" in provider error text, whatever the
 * provider: the reference's substrings (server-spec §8.8) plus the providers' own wordings.
 */

/** Provider error codes / types that always mean a context overflow. */
const OVERFLOW_CODES: ReadonlySet<string> = new Set([
  'context_length_exceeded', // OpenAI, OpenRouter, most OpenAI-compatible servers
  'string_above_max_length',
  'request_too_large', // Anthropic 413
]);

/**
 * Whether an error message (any case) says the prompt is larger than the model's context window.
 *
 * Matches the reference's substrings (`context_length_exceeded`, `maximum context length`, `maximum number of
 * tokens`, `token limit`, `tokens exceeded`, `resulted in` + `tokens`, `context` + `exceeded`) and the known
 * provider wordings: Anthropic `prompt is too long`, Bedrock `input is too long` / `too many input tokens`,
 * Gemini `input token count … exceeds`, `exceeds the context window`. A Go-style `context deadline exceeded`
 * (a timeout, e.g. from Ollama or a proxy) is deliberately not an overflow.
 */
export function isContextOverflowMessage(message: string): boolean {
  const text = message.toLowerCase();
  if (text.includes('deadline exceeded')) return false;
  return (
    text.includes('context_length_exceeded') ||
    text.includes('maximum context length') ||
    text.includes('maximum number of tokens') ||
    text.includes('token limit') ||
    text.includes('tokens exceeded') ||
    (text.includes('resulted in') && text.includes('tokens')) ||
    (text.includes('context') && text.includes('exceeded')) ||
    text.includes('prompt is too long') ||
    text.includes('input is too long') ||
    text.includes('too many input tokens') ||
    text.includes('exceeds the context window') ||
    text.includes('context window exceeded') ||
    (text.includes('input token count') && text.includes('exceeds'))
  );
}

/** Whether a provider error code / type (e.g. OpenAI `context_length_exceeded`) means a context overflow. */
export function isContextOverflowCode(code: string | undefined): boolean {
  return code !== undefined && OVERFLOW_CODES.has(code.toLowerCase());
}
