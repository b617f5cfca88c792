/** One log line per request and the harness-overhead header on every response. */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { ServerLogger } from '../http/server-logger.js';
import { formatOverheadMs, OVERHEAD_HEADER } from '../timing/overhead-tracker.js';

/**
 * Sets {@link OVERHEAD_HEADER} to the handling time when the route did not set a more precise value (the
 * chat route subtracts model and tool time), and logs `METHOD path status duration` at info level.
 */
export function accessLogMiddleware(logger: ServerLogger): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    await next();
    const elapsed = performance.now() - c.get('startedAt');
    if (!c.res.headers.has(OVERHEAD_HEADER)) c.res.headers.set(OVERHEAD_HEADER, formatOverheadMs(elapsed));
    logger.info(`${c.req.method} ${c.req.path} ${c.res.status}`, {
      requestId: c.get('requestId'),
      durationMs: Math.round(elapsed * 1000) / 1000,
      streaming: c.res.headers.get('content-type') === 'text/event-stream',
    });
  };
}
