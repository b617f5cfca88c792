/** `POST /v1/chat/completions` (server-spec §7–§12): validation, agent selection, then stream or JSON. */
import type { Hono } from 'hono';
import { prepareChatRequest } from '../chat/prepare-chat-request.js';
import type { AppEnv } from '../http/app-env.js';
import { type NodeHttpBindings, nodeBindingsOf } from '../http/node-bindings.js';
import { readJsonBody } from '../http/read-json-body.js';
import { type ChatRequestFacts, type ChatRouteContext, checkRequestForAgent } from './chat-run.js';
import { completeChatCompletion } from './complete-chat-completion.js';
import { streamChatCompletion } from './stream-chat-completion.js';

/**
 * Mounts the route. Everything that can be refused is refused before a byte is sent, with a real status:
 * 415 (content type), 413 (body size), 400 (non-UTF-8, invalid JSON, empty messages, bad last message),
 * 422 (schema), 404 (`model_not_found`).
 */
export function mountChatCompletionsRoute(app: Hono<AppEnv>, context: ChatRouteContext): void {
  app.post('/v1/chat/completions', async (c) => {
    const node = nodeBindingsOf(c.env);
    const body = await readJsonBody(c.req.raw, {
      maxBytes: context.options.maxBodyBytes,
      ...(node === undefined ? {} : { incoming: node.incoming }),
    });
    const prepared = prepareChatRequest({
      body,
      headers: c.req.raw.headers,
      agents: context.runtime.agents,
      defaultAgent: context.options.defaultAgent,
    });
    checkRequestForAgent(prepared);
    const facts = new RequestFacts(c.get('requestId'), c.get('startedAt'), c.req.raw, node);
    return prepared.request.stream
      ? streamChatCompletion(context, prepared, facts)
      : completeChatCompletion(context, prepared, facts);
  });
}

/**
 * {@link ChatRequestFacts} of one request. A class, so the lazy `clientSignal` is a prototype getter: an object
 * literal with an accessor is kept in slow (dictionary) mode, and this object lives as long as the stream.
 */
class RequestFacts implements ChatRequestFacts {
  readonly headers: Headers;
  readonly #raw: Request;

  constructor(
    readonly requestId: string,
    readonly startedAt: number,
    raw: Request,
    readonly node: NodeHttpBindings | undefined,
  ) {
    this.headers = raw.headers;
    this.#raw = raw;
  }

  /** Lazy: a stream served by Node watches its response instead, and the signal costs an AbortController. */
  get clientSignal(): AbortSignal {
    return this.#raw.signal;
  }
}
