import type { McpServerConfig } from '@aura/config';
import type { JsonSchema, ToolProgress } from '../tools/tool.js';

/**
 * Supervisor settings of one MCP server (Aura extensions of `[mcp.servers.<name>]`). Optional here, so a
 * spec built in code may leave them out; validated configs always carry the defaults.
 */
export interface McpSupervisorSettings {
  /**
   * stdio only. `'shared'` (default): one long-lived child serves every request. `'per_request'`: every lease
   * spawns its own child and kills it on `release()` (the reference's behaviour, for servers that keep
   * per-conversation state). Ignored for HTTP transports.
   */
  readonly isolation?: 'shared' | 'per_request' | undefined;
  /** Per-call timeout in seconds; `0` or absent = none (calls are then bounded only by cancellation). */
  readonly call_timeout_secs?: number | undefined;
  /** Expose this server's tools as `<server>__<tool>` (then sanitised) to avoid cross-server collisions. */
  readonly prefix_tools?: boolean | undefined;
}

/** `T` with the supervisor keys made optional (distributes over the transport union). */
type WithOptionalSupervisorKeys<T> = T extends unknown
  ? Omit<T, keyof McpSupervisorSettings> & McpSupervisorSettings
  : never;

/**
 * One server as the pool sees it: a validated `[mcp.servers.<name>]` table (`McpServerConfig`, which is
 * assignable to it) whose supervisor keys may be omitted.
 */
export type McpServerSpec = WithOptionalSupervisorKeys<McpServerConfig>;

/** The transports a server can use (`McpServerConfig['transport']`). */
export type McpTransportName = McpServerSpec['transport'];

/** The logger the MCP layer reports to; it never writes to the console itself. */
export interface McpLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/**
 * The caller's inbound HTTP request headers, used for `headers_from_request` (names are matched
 * case-insensitively). A `Headers` object, or a plain record whose repeated values are joined with `", "`.
 */
export type ForwardedHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** One tool as an MCP server lists it (`tools/list`), reduced to what the runtime uses. */
export interface McpToolDefinition {
  /** The server's own name for the tool: what `tools/call` must use (quirk Q5). */
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /** The input JSON Schema exactly as listed (not sanitised). */
  readonly inputSchema: JsonSchema;
  readonly outputSchema?: JsonSchema;
  readonly annotations?: Readonly<Record<string, unknown>>;
}

/**
 * The result of an MCP `tools/call`, parsed leniently: `content` items are not validated here (unknown or
 * malformed items render as `[Unsupported content type]`, core-spec §4.5) and extra fields are kept. A
 * well-formed SDK `CallToolResult` is assignable to it.
 */
export interface McpCallToolResult {
  readonly content: readonly unknown[];
  readonly structuredContent?: unknown;
  readonly isError?: boolean;
  readonly [key: string]: unknown;
}

/** Options of one MCP tool call. */
export interface McpCallOptions {
  /**
   * Cancels the call: the SDK sends `notifications/cancelled` for the in-flight request and the call rejects
   * promptly with an `AuraError` `RUN_ABORTED` whose `cause` is `signal.reason`.
   */
  readonly signal?: AbortSignal;
  /**
   * Per-call timeout in milliseconds (overrides the server's `call_timeout_secs`; `0` = none). On expiry the
   * request is cancelled like an abort and the call rejects with an `AuraError` `TOOL_TIMEOUT`.
   */
  readonly timeoutMs?: number;
  /** Called once, synchronously, as the request is handed to the transport, with its progress token. */
  readonly onStart?: (info: { readonly progressToken: string | number }) => void;
  /** Called for every `notifications/progress` the server sends for this call. */
  readonly onProgress?: (progress: ToolProgress) => void;
}
