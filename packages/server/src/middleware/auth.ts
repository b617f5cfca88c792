/** Optional API-key authentication: `Authorization: Bearer <key>` on every route but the open ones. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuraError } from '@aura/events';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/** Options of {@link apiKeyAuthMiddleware}. */
export interface ApiKeyAuthOptions {
  /** Accepted keys; must not be empty (without keys, do not install the middleware). */
  readonly keys: readonly string[];
  /** Paths served without a key. Default `['/health']`. */
  readonly openPaths?: readonly string[];
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The key of an `Authorization: Bearer <key>` header (scheme case-insensitive), or `undefined`. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Requires one of `keys` as a bearer token. Keys are compared as SHA-256 digests with `timingSafeEqual`
 * against every configured key (no early exit), so timing reveals neither the key nor which one matched.
 * Keys and presented tokens are never logged or echoed.
 *
 * @throws {AuraError} `UNAUTHORIZED` (401, `WWW-Authenticate: Bearer`) when the header is missing or malformed,
 *   or the key is not accepted.
 */
export function apiKeyAuthMiddleware(options: ApiKeyAuthOptions): MiddlewareHandler<AppEnv> {
  const accepted = options.keys.map(digest);
  const open = new Set(options.openPaths ?? ['/health']);
  return async function apiKeyAuth(c, next) {
    if (open.has(c.req.path)) {
      await next();
      return;
    }
    const token = bearerToken(c.req.header('authorization'));
    if (token === undefined) {
      c.header('www-authenticate', 'Bearer');
      throw new AuraError('UNAUTHORIZED', 'Missing API key: send it as "Authorization: Bearer <key>"');
    }
    const presented = digest(token);
    let matched = false;
    for (const key of accepted) matched = timingSafeEqual(presented, key) || matched;
    if (!matched) {
      c.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new AuraError('UNAUTHORIZED', 'Invalid API key');
    }
    await next();
  };
}
