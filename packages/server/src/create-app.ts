/**
 * `createAuraServer`: the Hono app of the OpenAI-compatible API over an injected runtime, plus the controller
 * the shutdown sequence drives. No socket is opened here (see `lifecycle/serve-node.ts`), so tests can call
 * `app.request()` in process.
 */
import type { AgentRuntime } from '@aura/core';
import { Hono } from 'hono';
import type { AppEnv } from './http/app-env.js';
import { forwardedHeaders } from './http/forwarded-headers.js';
import { type ServerLogger, silentServerLogger } from './http/server-logger.js';
import { createServerController, type ServerController } from './lifecycle/server-controller.js';
import { accessLogMiddleware } from './middleware/access-log.js';
import { apiKeyAuthMiddleware } from './middleware/auth.js';
import { createErrorHandler, methodNotAllowed, notFoundHandler } from './middleware/error-handler.js';
import { requestIdMiddleware } from './middleware/request-id.js';
import { shutdownGateMiddleware } from './middleware/shutdown-gate.js';
import { mountChatCompletionsRoute } from './routes/chat-completions.js';
import { mountHealthRoute } from './routes/health.js';
import { mountInfoRoute } from './routes/info.js';
import { mountModelsRoute } from './routes/models.js';
import { resolveServerOptions, type ServerOptions, type ServerOptionsInput } from './server-options.js';

/** Dependencies of {@link createAuraServer}. */
export interface AuraServerDependencies {
  /** Receives request lines (info), rejections (debug) and failures (error). Default: silent. */
  readonly logger?: ServerLogger;
}

/** The app and its lifecycle controls. */
export interface AuraServer {
  /** The Hono app (`app.fetch` for any server, `app.request` in tests). */
  readonly app: Hono<AppEnv>;
  /** Active runs, the shutdown gate and the drain. */
  readonly controller: ServerController;
  /** The options in effect (defaults filled). */
  readonly options: ServerOptions;
}

/**
 * Builds the app: `GET /health`, `GET /v1/models`, `GET /aura/info`, `POST /v1/chat/completions`; unknown paths
 * 404 and wrong methods 405 (OpenAI-shaped bodies). Middleware in order: request id, access log + overhead
 * header, shutdown gate (503, `/health` included), API-key auth when `apiKeys` is non-empty (`/health` open).
 *
 * @throws {AuraError} `CONFIG_INVALID` when `options` has an invalid value (see `resolveServerOptions`).
 */
export function createAuraServer(
  runtime: AgentRuntime,
  options: ServerOptionsInput = {},
  dependencies: AuraServerDependencies = {},
): AuraServer {
  const resolved = resolveServerOptions(options);
  const logger = dependencies.logger ?? silentServerLogger;
  const controller = createServerController();
  const authEnabled = resolved.apiKeys.length > 0;
  const forward = (headers: Headers): Headers => forwardedHeaders(headers, { dropAuthorization: authEnabled });
  const app = new Hono<AppEnv>();

  app.use(requestIdMiddleware());
  app.use(accessLogMiddleware(logger));
  app.use(shutdownGateMiddleware(() => controller.shuttingDown));
  if (authEnabled) app.use(apiKeyAuthMiddleware({ keys: resolved.apiKeys }));

  mountHealthRoute(app);
  mountModelsRoute(app, runtime.agents);
  mountInfoRoute(app, {
    runtime,
    defaultAgent: resolved.defaultAgent,
    toolsTimeoutSecs: resolved.infoToolsTimeoutSecs,
    forwardedHeaders: forward,
    logger,
  });
  mountChatCompletionsRoute(app, { runtime, options: resolved, controller, logger, forwardedHeaders: forward });
  for (const [path, method] of [
    ['/health', 'GET'],
    ['/v1/models', 'GET'],
    ['/aura/info', 'GET'],
    ['/v1/chat/completions', 'POST'],
  ] as const) {
    app.all(path, methodNotAllowed(method === 'GET' ? ['GET', 'HEAD'] : [method]));
  }
  app.notFound(notFoundHandler);
  app.onError(createErrorHandler({ logger, debugProviderErrors: resolved.debugProviderErrors }));
  return { app, controller, options: resolved };
}

/** Same as {@link createAuraServer}; the name STYLE.md uses for app factories. */
export const createApp = createAuraServer;
