/** The Hono environment of the Aura app: what middleware stores on the request context. */

/** Per-request values set by the request-id middleware. */
export interface AppVariables {
  /** `req_<32 hex>`, or a valid `x-request-id` the client sent. */
  readonly requestId: string;
  /** `performance.now()` when the request reached the app. */
  readonly startedAt: number;
}

/** Hono `Env` of the Aura app. */
export interface AppEnv {
  readonly Variables: AppVariables;
}
