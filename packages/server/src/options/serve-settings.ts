/**
 * `aura serve` settings from flags and environment variables (server-spec §1): a flag wins over its
 * variable, blank values count as unset, and every bad value is reported at once (as config issues, so the
 * CLI prints them like config errors) before anything is bound.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '@aura/config';
import { resolveServerOptions, type ServerOptions, type ServerOptionsInput } from '../server-options.js';
import type { ToolResultMode } from '../sse/chat-stream-options.js';
import {
  type OptionValueResult,
  parseBooleanValue,
  parseEnumValue,
  parseIntegerValue,
  parseKeyList,
  parseKeysFile,
  parseUrlValue,
} from './option-values.js';
import { type ServeOptionName, type ServeOptionSpec, serveOptionSpec } from './serve-option-table.js';

/** Log verbosity: `warn` by default (plus the start-up lines), `info` with `-v`, `debug` with `-d`. */
export type ServeLogLevel = 'warn' | 'info' | 'debug';

/** Everything `aura serve` needs. */
export interface ServeSettings {
  /** As given (relative paths resolve against the working directory). */
  readonly configPath: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: ServeLogLevel;
  readonly logFormat: 'pretty' | 'json';
  /** `AURA_SERVER_URL` (trailing `/` trimmed); unset → derive it from the bound address (`deriveServerUrl`). */
  readonly serverUrl: string | undefined;
  readonly enableA2a: boolean;
  /** `AURA_PROMPT_JOURNAL` (runtime option of orchestrated runs). */
  readonly promptJournal: boolean;
  /** `AURA_ESCAPE_HATCH` (runtime option of orchestrated runs). */
  readonly escapeHatch: boolean;
  /** The HTTP app's options. */
  readonly server: ServerOptions;
}

/** A flag value as a command-line parser reports it: text, or `true` for a bare flag. */
export type ServeFlagValue = string | boolean | undefined;

/** Options of {@link parseServeSettings}. */
export interface ParseServeSettingsOptions {
  /** Flag values by option name. */
  readonly flags?: Readonly<Partial<Record<ServeOptionName, ServeFlagValue>>>;
  /** Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Base of a relative `--api-keys-file`. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Reads the API keys file. Default `fs.readFileSync(path, 'utf8')`. */
  readonly readFile?: (path: string) => string;
}

interface RawValue {
  readonly text: string;
  /** `--flag` or `ENV_VAR`, for messages. */
  readonly source: string;
  readonly bare: boolean;
}

/**
 * Reads every option of {@link SERVE_OPTIONS}.
 *
 * @throws {ConfigError} `CONFIG_INVALID` with one `invalid_value` issue per bad option (path = the flag or
 *   variable that supplied it; secrets are never echoed), or when the API keys file cannot be read or holds
 *   no key.
 */
export function parseServeSettings(options: ParseServeSettingsOptions = {}): ServeSettings {
  const env = options.env ?? process.env;
  const issues: ConfigIssue[] = [];
  const raw = (spec: ServeOptionSpec): RawValue | undefined => {
    const flag = spec.flag === undefined ? undefined : options.flags?.[spec.name];
    if (flag === true) return { text: 'true', source: spec.flag ?? spec.name, bare: true };
    if (typeof flag === 'string' && flag.trim() !== '')
      return { text: flag, source: spec.flag ?? spec.name, bare: false };
    const fromEnv = spec.env === undefined ? undefined : env[spec.env];
    if (fromEnv !== undefined && fromEnv.trim() !== '') return { text: fromEnv, source: spec.env ?? '', bare: false };
    return undefined;
  };
  const read = <T>(name: ServeOptionName, parse: (text: string, spec: ServeOptionSpec) => OptionValueResult<T>) => {
    const spec = serveOptionSpec(name);
    const value = raw(spec);
    if (value === undefined) return undefined;
    const result = parse(value.text, spec);
    if (result.ok) return result.value;
    const shown = spec.kind === 'secret-list' ? '' : ` '${value.text}'`;
    issues.push({
      severity: 'error',
      code: 'invalid_value',
      path: value.source,
      message: `invalid value${shown} for ${describe(spec)}`,
      expected: result.expected,
    });
    return undefined;
  };
  const text = (name: ServeOptionName) => read(name, (value) => ({ ok: true, value: value.trim() }));
  const integer = (name: ServeOptionName) =>
    read(name, (value, spec) =>
      parseIntegerValue(value, spec.max === undefined ? { min: spec.min ?? 0 } : { min: spec.min ?? 0, max: spec.max }),
    );
  const boolean = (name: ServeOptionName) => read(name, parseBooleanValue);
  const presence = (name: ServeOptionName) => raw(serveOptionSpec(name)) !== undefined;

  const host = text('host') ?? '127.0.0.1';
  const port = integer('port') ?? 8080;
  const logFormat = read('logFormat', (value) => parseEnumValue(value, ['pretty', 'json'] as const)) ?? 'pretty';
  const toolResultMode = read('toolResultMode', (value) =>
    parseEnumValue<ToolResultMode>(value, ['none', 'open-web-ui', 'aura']),
  );
  const serverUrl = read('serverUrl', parseUrlValue);
  const apiKeys = [
    ...(read('apiKeys', keyListResult) ?? []),
    ...readKeysFile(raw(serveOptionSpec('apiKeysFile')), options, issues),
  ];
  const server: ServerOptionsInput = {
    defaultAgent: text('defaultAgent'),
    toolResultMode,
    toolResultMaxLength: integer('toolResultMaxLength'),
    streamingBufferSize: integer('streamingBufferSize'),
    customEvents: boolean('customEvents'),
    emitReasoning: boolean('emitReasoning'),
    emitScratchpadToolEvents: boolean('emitScratchpadToolEvents'),
    debugProviderErrors: boolean('debugProviderErrors'),
    streamingTimeoutSecs: integer('streamingTimeoutSecs'),
    firstChunkTimeoutSecs: integer('firstChunkTimeoutSecs'),
    streamInactivityTimeoutSecs: integer('streamInactivityTimeoutSecs'),
    shutdownTimeoutSecs: integer('shutdownTimeoutSecs'),
    heartbeatIntervalSecs: integer('heartbeatIntervalSecs'),
    maxBodyBytes: integer('maxBodyBytes'),
    apiKeys: [...new Set(apiKeys)],
  };
  const settings = {
    configPath: text('configPath') ?? 'config.toml',
    host,
    port,
    logLevel: presence('debug') ? 'debug' : presence('verbose') ? 'info' : 'warn',
    logFormat,
    serverUrl,
    enableA2a: boolean('enableA2a') ?? false,
    promptJournal: boolean('promptJournal') ?? false,
    escapeHatch: boolean('escapeHatch') ?? true,
  } as const;
  if (issues.length > 0) {
    throw new ConfigError('CONFIG_INVALID', issues, {
      summary: `Invalid server option${issues.length === 1 ? '' : 's'}: ${issues.map((issue) => issue.path).join(', ')}`,
    });
  }
  return { ...settings, server: resolveServerOptions(server) };
}

function describe(spec: ServeOptionSpec): string {
  return [spec.flag, spec.env].filter((part) => part !== undefined).join(' / ');
}

function keyListResult(text: string): OptionValueResult<string[]> {
  const keys = parseKeyList(text);
  return keys.length === 0
    ? { ok: false, expected: 'at least one non-blank key (comma-separated)' }
    : { ok: true, value: keys };
}

function readKeysFile(
  value: RawValue | undefined,
  options: ParseServeSettingsOptions,
  issues: ConfigIssue[],
): string[] {
  if (value === undefined) return [];
  const path = resolve(options.cwd ?? process.cwd(), value.text.trim());
  let content: string;
  try {
    content = (options.readFile ?? ((file: string) => readFileSync(file, 'utf8')))(path);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    issues.push({
      severity: 'error',
      code: 'invalid_value',
      path: value.source,
      message: `cannot read the API keys file ${path} (${reason})`,
      hint: 'point AURA_API_KEYS_FILE / --api-keys-file at a readable file with one key per line',
    });
    return [];
  }
  const keys = parseKeysFile(content);
  if (keys.length === 0) {
    issues.push({
      severity: 'error',
      code: 'invalid_value',
      path: value.source,
      message: `the API keys file ${path} holds no key`,
      expected: 'one key per line (`#` comments and blank lines are ignored)',
    });
  }
  return keys;
}
