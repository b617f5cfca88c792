/** The logger every runtime component reports to. Aura never writes to the console from the runtime. */
export interface RuntimeLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** A logger that drops everything (the default when none is injected). */
export const silentLogger: RuntimeLogger = Object.freeze({
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});
