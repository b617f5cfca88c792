/** The app's error and not-found handlers: every failure leaves as an OpenAI-shaped error body. */
import { AuraError } from '@aura/events';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { auraErrorToHttp } from '../errors-to-http.js';
import type { AppEnv } from '../http/app-env.js';
import type { ServerLogger } from '../http/server-logger.js';

/** Options of {@link createErrorHandler}. */
export interface ErrorHandlerOptions {
  readonly logger: ServerLogger;
  /** `AURA_DEBUG_PROVIDER_ERRORS`. */
  readonly debugProviderErrors: boolean;
}

/**
 * Maps a thrown error through `auraErrorToHttp`. Failures inside Aura (500) are logged as errors with the
 * error, upstream and availability failures (502–504) as warnings, rejected requests (4xx) at debug level;
 * anything that is not an `AuraError` becomes `500 Internal server error` and its message never reaches the
 * client.
 */
export function createErrorHandler(options: ErrorHandlerOptions): ErrorHandler<AppEnv> {
  return function handleError(error, c) {
    const { status, body } = auraErrorToHttp(error, { debugProviderErrors: options.debugProviderErrors });
    const requestId = c.get('requestId');
    const line = `${c.req.method} ${c.req.path} ${status}: ${body.error.message}`;
    if (status === 500) options.logger.error(line, { requestId, error });
    else if (status >= 500) options.logger.warn(line, { requestId });
    else options.logger.debug(line, { requestId });
    return c.json(body, status);
  };
}

/** Unknown paths: `404 {"error":{"message":"No route for GET /x","type":"not_found"}}`. */
export const notFoundHandler: NotFoundHandler<AppEnv> = (c) => {
  const { status, body } = auraErrorToHttp(new AuraError('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`));
  return c.json(body, status);
};

/**
 * Handler for a known path requested with the wrong method: 405 with `Allow`.
 *
 * @throws {AuraError} always (`REQUEST_INVALID`, `data.status` 405).
 */
export function methodNotAllowed(allowed: readonly string[]) {
  return function rejectMethod(c: Context<AppEnv>): never {
    c.header('allow', allowed.join(', '));
    throw new AuraError(
      'REQUEST_INVALID',
      `Method ${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(' or ')}`,
      {
        data: { status: 405 },
      },
    );
  };
}
