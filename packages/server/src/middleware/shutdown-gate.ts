/** The shutdown gate (server-spec §11.7 step 1): once shutdown has begun, every new request gets 503. */
import { AuraError } from '@aura/events';
import type { MiddlewareHandler } from 'hono';
import { auraErrorToHttp } from '../errors-to-http.js';
import type { AppEnv } from '../http/app-env.js';

/** The message of the 503 (the reference's text). */
export const SHUTTING_DOWN_MESSAGE = 'Server is shutting down';

/**
 * Answers `503 {"error":{"message":"Server is shutting down","type":"service_unavailable"}}` with
 * `Connection: close` while `isShuttingDown()` — `/health` included, so readiness probes fail at once.
 */
export function shutdownGateMiddleware(isShuttingDown: () => boolean): MiddlewareHandler<AppEnv> {
  return async function shutdownGate(c, next) {
    if (!isShuttingDown()) {
      await next();
      return;
    }
    const { status, body } = auraErrorToHttp(new AuraError('RUN_ABORTED', SHUTTING_DOWN_MESSAGE));
    return c.json(body, status, { connection: 'close' });
  };
}
