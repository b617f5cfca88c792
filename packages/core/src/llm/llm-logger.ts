/** The logger the LLM layer reports to (retries, configuration warnings); it never writes to the console. */
export interface LlmLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}
