/** Options and outcomes of {@link createChatStreamMapper} (server-spec §1, §8). */
import type { RunMode } from '@aura/events';

/**
 * `TOOL_RESULT_MODE`: how tool calls and results appear in OpenAI chunks (server-spec §8.5).
 * - `none`: one tool-call delta with the real arguments; results are not in chunks.
 * - `aura`: like `none`; results travel only as `aura.tool_complete` (sent even with custom events off).
 * - `open-web-ui`: the call delta has `arguments: ""`; a second delta (same index and id, `name: ""`)
 *   carries the truncated result.
 */
export type ToolResultMode = 'none' | 'open-web-ui' | 'aura';

/** Every `TOOL_RESULT_MODE` value. */
export const TOOL_RESULT_MODES: readonly ToolResultMode[] = ['none', 'open-web-ui', 'aura'];

/** Options of one streamed response. Everything but the identity fields has a default. */
export interface ChatStreamMapperOptions {
  /** `chatcmpl-<uuid>`, the `id` of every chunk. */
  readonly completionId: string;
  /** Unix seconds, the `created` of every chunk. */
  readonly created: number;
  /** `<provider>/<model>`, the `model` of every chunk and of `aura.session_info`. */
  readonly model: string;
  /** The chat session id (`session_id` of every `aura.*` event). */
  readonly sessionId: string;
  /** Lowercase hex OTel trace id; `trace_id` is omitted when absent. */
  readonly traceId?: string | undefined;
  /** Run mode; default: the mode announced by `run-start` (`single` before it). */
  readonly mode?: RunMode | undefined;
  /** Default `none`. */
  readonly toolResultMode?: ToolResultMode | undefined;
  /** `TOOL_RESULT_MAX_LENGTH` in UTF-8 bytes; 0 = unlimited. Default 1000. */
  readonly toolResultMaxLength?: number | undefined;
  /** `AURA_CUSTOM_EVENTS`. Default false. */
  readonly customEvents?: boolean | undefined;
  /** `AURA_EMIT_REASONING` (effective only with `customEvents`). Default false. */
  readonly emitReasoning?: boolean | undefined;
  /** `AURA_EMIT_SCRATCHPAD_TOOL_EVENTS`: stop hiding scratchpad tools. Default false. */
  readonly emitScratchpadToolEvents?: boolean | undefined;
  /** `stream_options.include_usage`: send OpenAI's usage-only chunk after the final chunk. Default false. */
  readonly includeUsageChunk?: boolean | undefined;
  /** The request's `max_tokens` / `max_completion_tokens` (selects `finish_reason: "length"`). */
  readonly requestMaxTokens?: number | undefined;
  /** `AURA_DEBUG_PROVIDER_ERRORS`: raw error text in the answer. Default false. */
  readonly debugProviderErrors?: boolean | undefined;
  /** `<provider>/<model>` named in provider-error text. Default: `model`. */
  readonly providerLabel?: string | undefined;
}

/**
 * How the response ended, as the HTTP layer saw it. Pass it to `finish` once the runtime's event stream
 * has ended or the response is abandoned.
 * - `completed`: the event stream ended (normally after `run-finish`/`run-error`).
 * - `disconnected`: the client went away; nothing more is sent.
 * - `timeout`: a first-chunk, inactivity or total timeout fired; `seconds` is its length.
 * - `shutdown`: the server's grace period ended.
 * - `failed`: the runtime threw instead of emitting `run-error`.
 */
export type ChatStreamOutcome =
  | { readonly kind: 'completed' }
  | { readonly kind: 'disconnected' }
  | {
      readonly kind: 'timeout';
      readonly seconds?: number | undefined;
      readonly timer?: 'first-chunk' | 'inactivity' | 'total' | undefined;
    }
  | { readonly kind: 'shutdown' }
  | { readonly kind: 'failed'; readonly error: unknown };
