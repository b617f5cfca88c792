/** Request ids: every response carries `x-request-id` (server-spec §7.4 keeps it internal; we expose it). */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/** The request id header, read from the request and set on every response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Incoming ids that are echoed: 1–128 characters of `A-Z a-z 0-9 . _ : -` (anything else is replaced). */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A fresh request id: `req_` + 32 lowercase hex digits. */
export function generateRequestId(): string {
  return `req_${randomUUID().replaceAll('-', '')}`;
}

/**
 * Assigns the request id (a valid incoming `x-request-id` is kept, so ids propagate through proxies),
 * records the arrival time, and sets `x-request-id` on the response, error responses included.
 */
export function requestIdMiddleware(): MiddlewareHandler<AppEnv> {
  return async function requestId(c, next) {
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const id = incoming !== undefined && VALID_REQUEST_ID.test(incoming) ? incoming : generateRequestId();
    c.set('requestId', id);
    c.set('startedAt', performance.now());
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}
