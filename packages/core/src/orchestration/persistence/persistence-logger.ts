/** The logger persistence reports to (failed writes, pruning, drain timeouts); it never writes to the console. */
export interface PersistenceLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** A logger that drops everything (the default). */
export const SILENT_PERSISTENCE_LOGGER: PersistenceLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
