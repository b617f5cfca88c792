/** Per-response identifiers (server-spec §7.4). */
import { randomUUID } from 'node:crypto';

/** A fresh completion id: `chatcmpl-<uuid v4 with dashes>`, the `id` of every chunk or response. */
export function generateCompletionId(): string {
  return `chatcmpl-${randomUUID()}`;
}

/** `created` of a response: Unix seconds of `now` (default: the current time). */
export function unixSeconds(now: Date = new Date()): number {
  return Math.floor(now.getTime() / 1000);
}
