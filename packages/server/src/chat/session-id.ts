/** Chat session id resolution (server-spec §7.4). */
import { randomUUID } from 'node:crypto';
import { AuraError, CHAT_SESSION_ID_HEADER, OPENWEBUI_CHAT_ID_HEADER } from '@aura/events';
import type { HttpErrorData } from '../errors-to-http.js';

/**
 * Request headers: a `Headers`-like object, or a plain record (names matched case-insensitively; for an
 * array value the first entry is used).
 */
export type HeaderLookup =
  | { get(name: string): string | null | undefined }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Reads one header case-insensitively; `undefined` when absent. */
export function readHeader(headers: HeaderLookup, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null | undefined }).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Readonly<Record<string, unknown>>)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

/** A fresh session id: `cs_` + 32 lowercase hex digits (a UUIDv4 without dashes). */
export function generateChatSessionId(): string {
  return `cs_${randomUUID().replaceAll('-', '')}`;
}

/** Longest accepted client-supplied session id, in characters. */
export const MAX_CHAT_SESSION_ID_LENGTH = 256;

// Control characters would corrupt logs, SSE headers and store keys.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Options of {@link resolveChatSessionId}. */
export interface ResolveChatSessionIdOptions {
  /** `metadata.chat_session_id` of the body, when a string. */
  readonly metadataSessionId?: string | undefined;
  readonly headers: HeaderLookup;
  /** Generator for a new id; default {@link generateChatSessionId}. */
  readonly generate?: () => string;
}

/**
 * The chat session id: `metadata.chat_session_id` → `X-Chat-Session-Id` → `x-openwebui-chat-id` →
 * a generated `cs_<32 hex>`. Values are trimmed; blank values are skipped (the reference used them as
 * is).
 *
 * @throws {AuraError} `REQUEST_INVALID` (400) when the chosen value is longer than
 *   {@link MAX_CHAT_SESSION_ID_LENGTH} or contains control characters.
 */
export function resolveChatSessionId(options: ResolveChatSessionIdOptions): string {
  const sources: readonly [label: string, value: string | undefined][] = [
    ['metadata.chat_session_id', options.metadataSessionId],
    ['X-Chat-Session-Id header', readHeader(options.headers, CHAT_SESSION_ID_HEADER)],
    ['x-openwebui-chat-id header', readHeader(options.headers, OPENWEBUI_CHAT_ID_HEADER)],
  ];
  for (const [label, raw] of sources) {
    const value = raw?.trim();
    if (value === undefined || value === '') continue;
    if (value.length > MAX_CHAT_SESSION_ID_LENGTH || CONTROL_CHARACTERS.test(value)) {
      throw new AuraError<HttpErrorData>(
        'REQUEST_INVALID',
        `Invalid chat session id in ${label}: it must be at most ${MAX_CHAT_SESSION_ID_LENGTH} characters without control characters`,
        label.startsWith('metadata') ? { data: { param: 'metadata.chat_session_id' } } : {},
      );
    }
    return value;
  }
  return (options.generate ?? generateChatSessionId)();
}
