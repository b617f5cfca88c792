import { AuraError } from './aura-error.js';

/**
 * Exhaustiveness check for the default branch of a `switch` over a discriminated union: it only compiles
 * when every member is handled. Reaching it at run time (a value from a newer peer, or a cast) throws.
 *
 * @throws {AuraError} `INTERNAL`, naming the unexpected value (`context` prefixes the message).
 * @example
 * function label(event: RuntimeEvent): string {
 *   switch (event.type) {
 *     // ...every case...
 *     default:
 *       return assertNever(event);
 *   }
 * }
 */
export function assertNever(value: never, context = 'Unexpected value'): never {
  throw new AuraError('INTERNAL', `${context}: ${describe(value)}`, { data: { value } });
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of ['type', 'event', 'kind']) {
      if (typeof record[key] === 'string') return `${key} "${record[key]}"`;
    }
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
