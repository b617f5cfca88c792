/** The optional logger the test kit reports internal failures to (it never writes to the console itself). */
export interface TestkitLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}
