/** Response head of a streamed chat completion (server-spec §8.1). */
import { CHAT_SESSION_ID_HEADER } from '@aura/events';

/**
 * Headers of the SSE response: `text/event-stream`, no caching, no proxy buffering, and the chat session
 * id (`x-chat-session-id`) so clients learn a generated id.
 */
export function chatStreamHeaders(sessionId: string): Record<string, string> {
  return {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    [CHAT_SESSION_ID_HEADER]: sessionId,
  };
}
