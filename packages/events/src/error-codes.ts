/**
 * Stable error codes, grouped by who is at fault. Add a code here (with a one-line meaning) before
 * throwing it anywhere. The server's `errors-to-http.ts` maps each code to an HTTP status.
 */

/** The configuration (file, env or typed object) is wrong: the operator must fix it. */
export type ConfigErrorCode =
  | 'CONFIG_INVALID' // schema / validation failures (carries issues[])
  | 'CONFIG_NOT_FOUND' // path does not exist or directory without *.toml
  | 'CONFIG_ENV_MISSING'; // {{ env.X }} placeholders without a value

/** The caller's request is wrong (HTTP 4xx class). */
export type RequestErrorCode =
  | 'REQUEST_INVALID' // malformed body, wrong types, empty messages
  | 'MODEL_NOT_FOUND' // unknown agent / model id
  | 'UNAUTHORIZED' // missing or wrong API key
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_FOUND';

/** An upstream model provider failed. */
export type ProviderErrorCode =
  | 'PROVIDER_RATE_LIMITED' // 429 / overloaded; retryable
  | 'PROVIDER_AUTH' // 401/403 from the provider: bad or missing key
  | 'PROVIDER_CONTEXT_OVERFLOW' // prompt does not fit the model's context window
  | 'PROVIDER_BAD_REQUEST' // 400 from the provider that is not a context overflow
  | 'PROVIDER_UNAVAILABLE' // 5xx, network failure, timeout talking to the provider; retryable
  | 'PROVIDER_STREAM_FAILED'; // the stream broke after output had started (never retried)

/** MCP servers and tools. */
export type ToolErrorCode =
  | 'MCP_CONNECT_FAILED'
  | 'MCP_CALL_FAILED'
  | 'MCP_SESSION_EXPIRED'
  | 'TOOL_NOT_FOUND'
  | 'TOOL_SCHEMA_INVALID' // a tool schema cannot be made valid for the provider
  | 'TOOL_ARGUMENTS_INVALID'
  | 'TOOL_TIMEOUT';

/** Run lifecycle. */
export type RunErrorCode =
  | 'RUN_ABORTED' // the caller's AbortSignal fired (disconnect, shutdown)
  | 'RUN_TIMEOUT' // a configured timeout elapsed
  | 'RUN_DEPTH_EXHAUSTED' // turn_depth spent (we still answer; see docs/compat.md)
  | 'RUN_BUDGET_EXHAUSTED'; // orchestration token/time budget spent

/** SSE framing and stream consumption (`@aura/events` encoder and parsers). */
export type StreamErrorCode =
  | 'SSE_ENCODE_FAILED' // event name/comment would corrupt framing, or data is not JSON-serialisable (a bug)
  | 'STREAM_ABORTED'; // the consumer's AbortSignal fired while reading a stream (cause = signal.reason)

/** A bug in Aura itself. Never reported as a client fault. */
export type InternalErrorCode = 'INTERNAL';

export type AuraErrorCode =
  | ConfigErrorCode
  | RequestErrorCode
  | ProviderErrorCode
  | ToolErrorCode
  | RunErrorCode
  | StreamErrorCode
  | InternalErrorCode;
