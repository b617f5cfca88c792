/**
 * The Node request and response behind a Hono request when the app is served by `@hono/node-server`
 * (`c.env.incoming` / `c.env.outgoing`), and the marker response that tells the adapter a route has already
 * written its response to `outgoing` itself.
 */
import { IncomingMessage, ServerResponse } from 'node:http';

/** The Node objects of one request (`@hono/node-server`'s `HttpBindings`). */
export interface NodeHttpBindings {
  readonly incoming: IncomingMessage;
  readonly outgoing: ServerResponse;
}

/**
 * The Node request and response in a Hono `c.env`, or `undefined` when the app is not served by
 * `@hono/node-server` over HTTP/1 (`app.request()`, another host, HTTP/2). Never throws.
 */
export function nodeBindingsOf(env: unknown): NodeHttpBindings | undefined {
  if (typeof env !== 'object' || env === null) return undefined;
  const { incoming, outgoing } = env as { readonly incoming?: unknown; readonly outgoing?: unknown };
  return incoming instanceof IncomingMessage && outgoing instanceof ServerResponse ? { incoming, outgoing } : undefined;
}

/**
 * The header of `@hono/node-server`'s own `RESPONSE_ALREADY_SENT` (`utils/response`): a bodiless response carrying
 * it is left alone by the adapter. Not that constant itself: it is one shared object built at import time, and
 * middleware sets per-request headers on the response it sees.
 */
const ALREADY_SENT_HEADER = 'x-hono-already-sent';

let nativeResponse: typeof Response | undefined;

/**
 * `@hono/node-server` replaces `globalThis.Response` with a lightweight subclass
 * (`Object.setPrototypeOf(Response, GlobalResponse)`), and responses of that class take a cached path that
 * ignores the already-sent header and would write a second head. The marker must be built with the native class,
 * which is the root of the constructor chain.
 */
function nativeResponseClass(): typeof Response {
  if (nativeResponse !== undefined) return nativeResponse;
  let candidate: unknown = globalThis.Response;
  for (;;) {
    const parent: unknown = Object.getPrototypeOf(candidate);
    if (typeof parent !== 'function' || parent === Function.prototype) break;
    candidate = parent;
  }
  nativeResponse = candidate as typeof Response;
  return nativeResponse;
}

/**
 * A bodiless response for a route that has written (or is writing) its response straight to the Node
 * `ServerResponse`: the adapter writes nothing for it, while middleware still sees `status` and `headers` (the
 * access log reads them; headers set on it after the route returned do not reach the client).
 */
export function alreadySentResponse(status: number, headers: Readonly<Record<string, string>>): Response {
  const NativeResponse = nativeResponseClass();
  return new NativeResponse(null, { status, headers: { ...headers, [ALREADY_SENT_HEADER]: 'true' } });
}
