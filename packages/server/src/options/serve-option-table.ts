/**
 * THE table of `aura serve` options (server-spec §1): flag, environment variable, default and meaning. The
 * CLI builds its flags and `--help` from it, `parseServeSettings` reads it, and `docs/server.md` embeds its
 * Markdown rendering (a test keeps the page in sync), so the three can never disagree.
 */
import { AuraError } from '@aura/events';

/** How an option's text value is read. */
export type ServeOptionKind =
  /** Any non-empty text. */
  | 'string'
  /** A whole number within `min`..`max`. */
  | 'integer'
  /** The boolean vocabulary (`1,true,t,yes,y,on` / `0,false,f,no,n,off`); a bare flag means true. */
  | 'boolean'
  /** A flag without a value (no environment variable). */
  | 'presence'
  /** One of `values`. */
  | 'enum'
  /** An absolute `http(s)` URL. */
  | 'url'
  /** A comma-separated list of secrets (never echoed). */
  | 'secret-list';

/** One option of `aura serve`. */
export interface ServeOptionSpec {
  /** The setting it fills (see `ServeSettings`). */
  readonly name: ServeOptionName;
  /** Long flag without value syntax, e.g. `--port`; absent when the option is environment-only. */
  readonly flag?: string;
  /** Short flag, e.g. `-p`. */
  readonly short?: string;
  /** Environment variable; absent for flag-only options. */
  readonly env?: string;
  readonly kind: ServeOptionKind;
  /** Placeholder shown in `--help`, e.g. `<secs>`. */
  readonly valueName?: string;
  /** Allowed values of an `enum`. */
  readonly values?: readonly string[];
  /** Bounds of an `integer`. */
  readonly min?: number;
  readonly max?: number;
  /** The default as documented (the parsed default comes from `DEFAULT_SERVER_OPTIONS` / `serve-settings`). */
  readonly defaultText: string;
  /** One sentence for `--help` and the docs. */
  readonly meaning: string;
}

/** Names of the settings the table fills. */
export type ServeOptionName =
  | 'configPath'
  | 'host'
  | 'port'
  | 'verbose'
  | 'debug'
  | 'logFormat'
  | 'defaultAgent'
  | 'toolResultMode'
  | 'toolResultMaxLength'
  | 'streamingBufferSize'
  | 'customEvents'
  | 'emitReasoning'
  | 'emitScratchpadToolEvents'
  | 'debugProviderErrors'
  | 'streamingTimeoutSecs'
  | 'firstChunkTimeoutSecs'
  | 'streamInactivityTimeoutSecs'
  | 'shutdownTimeoutSecs'
  | 'heartbeatIntervalSecs'
  | 'serverUrl'
  | 'enableA2a'
  | 'promptJournal'
  | 'escapeHatch'
  | 'apiKeys'
  | 'apiKeysFile'
  | 'maxBodyBytes';

const SECONDS = { kind: 'integer', valueName: '<secs>', min: 0 } as const;

/** Every option, in `--help` order. */
export const SERVE_OPTIONS: readonly ServeOptionSpec[] = [
  {
    name: 'configPath',
    flag: '--config',
    short: '-c',
    env: 'CONFIG_PATH',
    kind: 'string',
    valueName: '<path>',
    defaultText: 'config.toml',
    meaning:
      'A TOML config file, or a directory whose `*.toml` files are each one agent (sorted by path). Validated before the port is bound.',
  },
  {
    name: 'host',
    flag: '--host',
    env: 'HOST',
    kind: 'string',
    valueName: '<address>',
    defaultText: '127.0.0.1',
    meaning: 'Bind address.',
  },
  {
    name: 'port',
    flag: '--port',
    short: '-p',
    env: 'PORT',
    kind: 'integer',
    valueName: '<port>',
    min: 0,
    max: 65535,
    defaultText: '8080',
    meaning: 'Bind port (0 = any free port; the bound port is logged).',
  },
  {
    name: 'verbose',
    flag: '--verbose',
    short: '-v',
    kind: 'presence',
    defaultText: 'off',
    meaning: 'INFO logging (one line per request).',
  },
  { name: 'debug', flag: '--debug', short: '-d', kind: 'presence', defaultText: 'off', meaning: 'DEBUG logging.' },
  {
    name: 'logFormat',
    flag: '--log-format',
    env: 'AURA_LOG_FORMAT',
    kind: 'enum',
    valueName: '<format>',
    values: ['pretty', 'json'],
    defaultText: 'pretty',
    meaning: 'Log lines on stderr: `pretty` (one readable line each) or `json` (one JSON object each).',
  },
  {
    name: 'defaultAgent',
    flag: '--default-agent',
    env: 'DEFAULT_AGENT',
    kind: 'string',
    valueName: '<id>',
    defaultText: 'unset',
    meaning:
      'Agent (alias, else name) serving requests without `model` when several are loaded. Must name a loaded agent.',
  },
  {
    name: 'toolResultMode',
    flag: '--tool-result-mode',
    env: 'TOOL_RESULT_MODE',
    kind: 'enum',
    valueName: '<mode>',
    values: ['none', 'open-web-ui', 'aura'],
    defaultText: 'none',
    meaning:
      'How tool results reach clients: `none` (not at all), `open-web-ui` (a second tool_calls delta), `aura` (the `aura.tool_complete` event).',
  },
  {
    name: 'toolResultMaxLength',
    flag: '--tool-result-max-length',
    env: 'TOOL_RESULT_MAX_LENGTH',
    kind: 'integer',
    valueName: '<bytes>',
    min: 0,
    defaultText: '1000',
    meaning: 'Byte cap of tool results placed in the stream (0 = unlimited).',
  },
  {
    name: 'streamingBufferSize',
    flag: '--streaming-buffer-size',
    env: 'STREAMING_BUFFER_SIZE',
    kind: 'integer',
    valueName: '<frames>',
    min: 1,
    defaultText: '400',
    meaning: 'SSE frames buffered per stream; when a client reads slower, the run pauses (backpressure).',
  },
  {
    name: 'customEvents',
    flag: '--aura-custom-events',
    env: 'AURA_CUSTOM_EVENTS',
    kind: 'boolean',
    defaultText: 'false',
    meaning: 'Send the optional `aura.*` SSE events.',
  },
  {
    name: 'emitReasoning',
    flag: '--aura-emit-reasoning',
    env: 'AURA_EMIT_REASONING',
    kind: 'boolean',
    defaultText: 'false',
    meaning: 'Send `aura.reasoning` (only with custom events on).',
  },
  {
    name: 'emitScratchpadToolEvents',
    flag: '--emit-scratchpad-tool-events',
    env: 'AURA_EMIT_SCRATCHPAD_TOOL_EVENTS',
    kind: 'boolean',
    defaultText: 'false',
    meaning: 'Debug: stop hiding scratchpad exploration tools from tool chunks and events.',
  },
  {
    name: 'debugProviderErrors',
    flag: '--debug-provider-errors',
    env: 'AURA_DEBUG_PROVIDER_ERRORS',
    kind: 'boolean',
    defaultText: 'false',
    meaning: 'Show raw upstream provider error text to clients (development only).',
  },
  {
    name: 'streamingTimeoutSecs',
    flag: '--streaming-timeout-secs',
    env: 'STREAMING_TIMEOUT_SECS',
    ...SECONDS,
    defaultText: '900',
    meaning: 'Whole-request budget, streaming or not (0 = disabled).',
  },
  {
    name: 'firstChunkTimeoutSecs',
    flag: '--first-chunk-timeout-secs',
    env: 'FIRST_CHUNK_TIMEOUT_SECS',
    ...SECONDS,
    defaultText: '90',
    meaning: "Longest wait for the model's first output on a stream (0 = disabled).",
  },
  {
    name: 'streamInactivityTimeoutSecs',
    flag: '--stream-inactivity-timeout-secs',
    env: 'STREAM_INACTIVITY_TIMEOUT_SECS',
    ...SECONDS,
    defaultText: '0',
    meaning: 'Longest silence between events after the first, tool execution exempt (0 = disabled).',
  },
  {
    name: 'shutdownTimeoutSecs',
    flag: '--shutdown-timeout-secs',
    env: 'SHUTDOWN_TIMEOUT_SECS',
    ...SECONDS,
    defaultText: '30',
    meaning: 'On SIGTERM/SIGINT, how long in-flight requests may still run before they are cancelled.',
  },
  {
    name: 'heartbeatIntervalSecs',
    flag: '--heartbeat-interval-secs',
    env: 'AURA_HEARTBEAT_INTERVAL_SECS',
    ...SECONDS,
    defaultText: '15',
    meaning: 'Interval of `: heartbeat` comments on open streams, the first at once (0 = none).',
  },
  {
    name: 'serverUrl',
    flag: '--server-url',
    env: 'AURA_SERVER_URL',
    kind: 'url',
    valueName: '<url>',
    defaultText: 'http://<host>:<port>',
    meaning:
      'External origin of this server (trailing `/` trimmed); derived from host and port, with 0.0.0.0 / :: shown as 127.0.0.1.',
  },
  {
    name: 'enableA2a',
    flag: '--enable-a2a',
    env: 'AURA_ENABLE_A2A',
    kind: 'boolean',
    defaultText: 'false',
    meaning: 'Mount the A2A routes (not available in this version: a warning is logged).',
  },
  {
    name: 'promptJournal',
    flag: '--prompt-journal',
    env: 'AURA_PROMPT_JOURNAL',
    kind: 'boolean',
    defaultText: 'false',
    meaning: 'Orchestrated runs write `prompt-journal.md` into their run directory (when persistence is on).',
  },
  {
    name: 'escapeHatch',
    flag: '--escape-hatch',
    env: 'AURA_ESCAPE_HATCH',
    kind: 'boolean',
    defaultText: 'true',
    meaning: 'Keep the coordinator\'s "resolve tool gaps pragmatically" planning rule.',
  },
  {
    name: 'apiKeys',
    env: 'AURA_API_KEYS',
    kind: 'secret-list',
    defaultText: 'unset',
    meaning:
      'Comma-separated API keys; when any key is configured every route but /health needs `Authorization: Bearer <key>`. Environment only, so keys stay out of `ps`.',
  },
  {
    name: 'apiKeysFile',
    flag: '--api-keys-file',
    env: 'AURA_API_KEYS_FILE',
    kind: 'string',
    valueName: '<file>',
    defaultText: 'unset',
    meaning: 'File of API keys, one per line (`#` comments and blank lines ignored); combined with AURA_API_KEYS.',
  },
  {
    name: 'maxBodyBytes',
    flag: '--max-body-bytes',
    env: 'AURA_MAX_BODY_BYTES',
    kind: 'integer',
    valueName: '<bytes>',
    min: 1,
    defaultText: '2097152',
    meaning: 'Largest accepted request body (2 MiB); larger bodies get 413.',
  },
];

/** The spec of `name`. */
export function serveOptionSpec(name: ServeOptionName): ServeOptionSpec {
  const spec = SERVE_OPTIONS.find((option) => option.name === name);
  // The table is a constant that names every ServeOptionName; a miss is a bug in this file.
  if (spec === undefined) throw new AuraError('INTERNAL', `No serve option named ${name}`);
  return spec;
}

/** The option table as Markdown (`| Flag | Env var | Default | Meaning |`), as embedded in `docs/server.md`. */
export function serveOptionsMarkdown(): string {
  const rows = SERVE_OPTIONS.map((spec) => {
    const flag =
      spec.flag === undefined
        ? '—'
        : [spec.short, spec.flag]
            .filter((part) => part !== undefined)
            .map((part) => `\`${part}\``)
            .join(', ');
    const env = spec.env === undefined ? '—' : `\`${spec.env}\``;
    return `| ${flag} | ${env} | \`${spec.defaultText}\` | ${spec.meaning.replaceAll('|', '\\|')} |`;
  });
  return ['| Flag | Env var | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
