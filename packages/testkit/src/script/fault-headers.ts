import type { HttpErrorFault } from './model-turn.js';

/** Response headers of an `http-error` fault, lower-cased: its own headers plus `retry-after(-ms)`. */
export function faultHeaders(fault: HttpErrorFault): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(fault.headers ?? {})) headers[name.toLowerCase()] = value;
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  return headers;
}
