/**
 * What the HTTP app needs to know (server-spec §1): wire flags, timeouts, limits and keys. The process-level
 * settings (config path, bind address, logging) live in `options/serve-settings.ts`.
 */
import { AuraError } from '@aura/events';
import { TOOL_RESULT_MODES, type ToolResultMode } from './sse/chat-stream-options.js';

/** Options of the Aura HTTP app. Every field has a default ({@link DEFAULT_SERVER_OPTIONS}). */
export interface ServerOptions {
  /** `DEFAULT_AGENT`: the agent serving requests without `model` when several are loaded. */
  readonly defaultAgent?: string | undefined;
  /** `TOOL_RESULT_MODE`. Default `none`. */
  readonly toolResultMode: ToolResultMode;
  /** `TOOL_RESULT_MAX_LENGTH` in UTF-8 bytes; 0 = unlimited. Default 1000. */
  readonly toolResultMaxLength: number;
  /** `STREAMING_BUFFER_SIZE`: SSE frames buffered per stream before the run is paused. Default 400. */
  readonly streamingBufferSize: number;
  /** `AURA_CUSTOM_EVENTS`. Default false. */
  readonly customEvents: boolean;
  /** `AURA_EMIT_REASONING` (effective only with custom events). Default false. */
  readonly emitReasoning: boolean;
  /** `AURA_EMIT_SCRATCHPAD_TOOL_EVENTS`. Default false. */
  readonly emitScratchpadToolEvents: boolean;
  /** `AURA_DEBUG_PROVIDER_ERRORS`: raw provider error text reaches clients (development only). Default false. */
  readonly debugProviderErrors: boolean;
  /** `STREAMING_TIMEOUT_SECS`: whole-request budget (streaming and not); 0 = disabled. Default 900. */
  readonly streamingTimeoutSecs: number;
  /** `FIRST_CHUNK_TIMEOUT_SECS`: wait for the model's first output (streaming); 0 = disabled. Default 90. */
  readonly firstChunkTimeoutSecs: number;
  /** `STREAM_INACTIVITY_TIMEOUT_SECS`: silence allowed between events (streaming, tools exempt); 0 = disabled. Default 0. */
  readonly streamInactivityTimeoutSecs: number;
  /** `SHUTDOWN_TIMEOUT_SECS`: grace period of in-flight requests on shutdown. Default 30. */
  readonly shutdownTimeoutSecs: number;
  /** `AURA_HEARTBEAT_INTERVAL_SECS`: `: heartbeat` comment interval on open streams; 0 = none. Default 15. */
  readonly heartbeatIntervalSecs: number;
  /** `AURA_API_KEYS` / `AURA_API_KEYS_FILE`: when non-empty, every route but `/health` needs `Authorization: Bearer <key>`. */
  readonly apiKeys: readonly string[];
  /** `AURA_MAX_BODY_BYTES`: largest accepted request body. Default 2 MiB. */
  readonly maxBodyBytes: number;
  /** Bound on listing one agent's MCP tools for `/aura/info?detail=tools`. Default 30. */
  readonly infoToolsTimeoutSecs: number;
}

/** `ServerOptions` as callers give them: every field optional. */
export type ServerOptionsInput = { readonly [K in keyof ServerOptions]?: ServerOptions[K] | undefined };

/** The defaults (the reference's, plus Aura's extensions). */
export const DEFAULT_SERVER_OPTIONS: ServerOptions = Object.freeze({
  toolResultMode: 'none',
  toolResultMaxLength: 1000,
  streamingBufferSize: 400,
  customEvents: false,
  emitReasoning: false,
  emitScratchpadToolEvents: false,
  debugProviderErrors: false,
  streamingTimeoutSecs: 900,
  firstChunkTimeoutSecs: 90,
  streamInactivityTimeoutSecs: 0,
  shutdownTimeoutSecs: 30,
  heartbeatIntervalSecs: 15,
  apiKeys: Object.freeze([]),
  maxBodyBytes: 2 * 1024 * 1024,
  infoToolsTimeoutSecs: 30,
});

const NON_NEGATIVE_NUMBERS = [
  'toolResultMaxLength',
  'streamingTimeoutSecs',
  'firstChunkTimeoutSecs',
  'streamInactivityTimeoutSecs',
  'shutdownTimeoutSecs',
  'heartbeatIntervalSecs',
  'infoToolsTimeoutSecs',
] as const satisfies readonly (keyof ServerOptions)[];

/**
 * Fills defaults and checks values. Durations may be fractional seconds (tests use sub-second timeouts; the
 * CLI accepts whole seconds).
 *
 * @throws {AuraError} `CONFIG_INVALID` naming the field when a number is negative or not finite, the buffer
 *   size or body limit is below 1, the tool result mode is unknown, or an API key is blank.
 */
export function resolveServerOptions(input: ServerOptionsInput = {}): ServerOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...defined };
  const problems: string[] = [];
  for (const key of NON_NEGATIVE_NUMBERS) {
    const value = options[key];
    if (!Number.isFinite(value) || value < 0) problems.push(`${key} must be a number >= 0 (got ${value})`);
  }
  for (const key of ['streamingBufferSize', 'maxBodyBytes'] as const) {
    const value = options[key];
    if (!Number.isInteger(value) || value < 1) problems.push(`${key} must be an integer >= 1 (got ${value})`);
  }
  if (!TOOL_RESULT_MODES.includes(options.toolResultMode)) {
    problems.push(`toolResultMode must be one of ${TOOL_RESULT_MODES.join(', ')} (got ${options.toolResultMode})`);
  }
  if (options.apiKeys.some((key) => key.trim() === '')) problems.push('apiKeys must not contain blank keys');
  if (problems.length > 0) {
    throw new AuraError('CONFIG_INVALID', `Invalid server options: ${problems.join('; ')}`);
  }
  return options;
}
