/** `GET /health` (server-spec §4): liveness plus the session-store ping. */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { AURA_SERVER_VERSION } from '../version.js';

/** The A2A protocol version Aura implements (reported even while A2A is disabled, like the reference). */
export const A2A_PROTOCOL_VERSION = '1.0';

/** The `/health` body. */
export interface HealthBody {
  readonly status: 'healthy' | 'degraded';
  /** RFC 3339, UTC, with a `+00:00` offset. */
  readonly timestamp: string;
  readonly aura_version: string;
  readonly a2a_server: { readonly version: string };
  readonly session_store: {
    readonly backend: 'memory';
    readonly ping: { readonly ok: true; readonly latency_ms: number };
  };
}

/** The health body at `now`. The session store is in-process memory (no external store yet), so it is always up. */
export function healthBody(now: Date = new Date()): HealthBody {
  return {
    status: 'healthy',
    timestamp: now.toISOString().replace(/Z$/, '+00:00'),
    aura_version: AURA_SERVER_VERSION,
    a2a_server: { version: A2A_PROTOCOL_VERSION },
    session_store: { backend: 'memory', ping: { ok: true, latency_ms: 0 } },
  };
}

/** Mounts `GET /health` (answered without authentication; 503 once shutdown began, via the gate). */
export function mountHealthRoute(app: Hono<AppEnv>): void {
  app.get('/health', (c) => c.json(healthBody()));
}
