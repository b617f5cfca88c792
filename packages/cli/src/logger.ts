/**
 * The CLI's logger: pino underneath (levels, redaction, serializers), one line per entry on stderr — either
 * readable (`12:00:00.123 INFO  message key=value`) or JSON. Secret-looking fields are redacted before
 * formatting, and nothing in Aura logs keys or authorization headers in the first place.
 */
import { type DestinationStream, type Logger, pino } from 'pino';

/** Verbosity: `warn` (default; start-up lines still shown), `info` (`-v`), `debug` (`-d`). */
export type CliLogLevel = 'warn' | 'info' | 'debug';

/** Options of {@link createCliLogger}. */
export interface CliLoggerOptions {
  readonly level: CliLogLevel;
  /** `pretty` (default) or `json` (one pino JSON object per line). */
  readonly format?: 'pretty' | 'json';
  /** Receives each finished line, newline included (the CLI's stderr). */
  readonly write: (line: string) => void;
  /** ANSI colours for the level in pretty mode. Default false. */
  readonly color?: boolean;
}

/** The runtime/server logger shape plus start-up lines that are shown at every level. */
export interface CliLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
  /** Start-up and shutdown lines (`Loaded agent …`, `Aura listening on …`): logged at info, shown even at `warn`. */
  startup(message: string, data?: unknown): void;
}

/** Field paths whose values are replaced by `[redacted]` wherever they appear (one level deep). */
export const REDACTED_PATHS: readonly string[] = [
  'authorization',
  'apiKey',
  'apiKeys',
  'api_key',
  'password',
  'secret',
  'token',
  '*.authorization',
  '*.apiKey',
  '*.apiKeys',
  '*.api_key',
  '*.password',
  '*.secret',
  '*.token',
  'headers.*',
];

const LEVEL_LABELS: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const LEVEL_COLORS: Readonly<Record<number, string>> = {
  20: '\u001b[2m',
  30: '\u001b[36m',
  40: '\u001b[33m',
  50: '\u001b[31m',
};
const RESET = '\u001b[0m';
const OMITTED_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname']);

/** Creates the logger. */
export function createCliLogger(options: CliLoggerOptions): CliLogger {
  const destination: DestinationStream = {
    write: (line: string) => options.write(options.format === 'json' ? line : prettyLine(line, options.color ?? false)),
  };
  const make = (level: CliLogLevel): Logger =>
    pino(
      {
        level,
        base: null,
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
        serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      },
      destination,
    );
  const main = make(options.level);
  const startup = options.level === 'warn' ? make('info') : main;
  const emit =
    (logger: Logger, level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, data?: unknown): void => {
      if (data === undefined) logger[level](message);
      else logger[level](fieldsOf(data), message);
    };
  return {
    debug: emit(main, 'debug'),
    info: emit(main, 'info'),
    warn: emit(main, 'warn'),
    error: emit(main, 'error'),
    startup: emit(startup, 'info'),
  };
}

function fieldsOf(data: unknown): Record<string, unknown> {
  if (data instanceof Error) return { err: data };
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>;
  return { data };
}

/** Formats one pino JSON line as `HH:MM:SS.mmm LEVEL message key=value …`. Unparsable input passes through. */
export function prettyLine(line: string, color: boolean): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const label = (LEVEL_LABELS[level] ?? 'INFO').padEnd(5);
  const shownLabel = color && LEVEL_COLORS[level] !== undefined ? `${LEVEL_COLORS[level]}${label}${RESET}` : label;
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const fields = Object.entries(entry)
    .filter(([key]) => !OMITTED_KEYS.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  const message = typeof entry.msg === 'string' ? entry.msg : '';
  return `${[time, shownLabel, message, ...fields].filter((part) => part !== '').join(' ')}\n`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null && 'message' in value && 'type' in value) {
    // A serialized error: its message is what a reader needs on one line.
    return JSON.stringify(String((value as { message: unknown }).message));
  }
  return JSON.stringify(value) ?? String(value);
}
