/**
 * The contract each provider wire format implements for the mock provider server: read a request into a
 * {@link ConversationView}, and write a {@link TurnPlan} back as that provider's stream, JSON body, in-band
 * stream error, or HTTP error.
 */
import type { ConversationView, ProviderName } from '../conversation/conversation-view.js';
import type { TurnPlan } from '../script/turn-plan.js';

/** One unit written to the socket: an SSE event, an NDJSON line, or a binary event-stream frame. */
export type WireChunk = string | Uint8Array;

/** What the route told us before the body was read (Gemini and Bedrock carry these in the URL). */
export interface RouteHints {
  readonly model: string | undefined;
  readonly stream: boolean | undefined;
}

/** Per-response values shared by all chunks. */
export interface WireContext {
  readonly model: string;
  readonly responseId: string;
  /** Unix seconds. */
  readonly created: number;
  /** The parsed request body (some options, like OpenAI's `stream_options`, shape the answer). */
  readonly body: unknown;
}

/** An HTTP error response in the provider's own shape. */
export interface WireErrorResponse {
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One provider's wire format. */
export interface ChatWire {
  readonly provider: ProviderName;
  /** Prefix of generated tool-call ids (`call_`, `toolu_`, …). */
  readonly toolCallIdPrefix: string;
  readonly streamContentType: string;
  readonly view: (body: unknown, hints: RouteHints) => ConversationView;
  readonly encodeStream: (plan: TurnPlan, context: WireContext) => WireChunk[];
  readonly encodeJson: (plan: TurnPlan, context: WireContext) => unknown;
  /** The provider's in-band error chunks (sent mid-stream by a `stream-error` fault). */
  readonly streamError: (message: string, errorType: string, context: WireContext) => WireChunk[];
  readonly errorResponse: (status: number, message: string) => WireErrorResponse;
}

/** One Server-Sent Event; `event` adds an `event:` line (Anthropic names every event). */
export function sseEvent(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${payload}\n\n`;
}
