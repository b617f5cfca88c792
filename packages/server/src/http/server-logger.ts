/** The logger the server reports to (the runtime's shape); the server never writes to the console. */

/** Structured logger; `data` is an object of fields or an `Error`. Implementations must not log secrets. */
export interface ServerLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** A logger that drops everything (the default). */
export const silentServerLogger: ServerLogger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});
