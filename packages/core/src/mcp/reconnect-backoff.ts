/** Reconnect backoff of the MCP supervisor. */
export interface ReconnectBackoffOptions {
  /** Delay after the first failure, in ms. Default 500. */
  readonly baseMs?: number;
  /** Upper bound of the delay, in ms. Default 5000. */
  readonly maxMs?: number;
}

/** Default reconnect backoff: 500 ms doubling up to 5 s. */
export const DEFAULT_RECONNECT_BACKOFF = { baseMs: 500, maxMs: 5000 } as const;

/**
 * The wait before the next connection attempt after `failures` consecutive failures (≥ 1): exponential
 * (`baseMs · 2^(failures-1)`, capped at `maxMs`) with "equal jitter" — a uniformly random value between half
 * and all of it, so a fleet of runtimes does not reconnect in lockstep after a server restart. `0` for
 * `failures <= 0`. `random` is injectable for tests.
 */
export function reconnectDelayMs(
  failures: number,
  options: ReconnectBackoffOptions = {},
  random: () => number = Math.random,
): number {
  if (failures <= 0) return 0;
  const baseMs = options.baseMs ?? DEFAULT_RECONNECT_BACKOFF.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_RECONNECT_BACKOFF.maxMs;
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
