/**
 * The one error base class of Aura. Every package throws `AuraError` (or a subclass) with a stable
 * string `code`, never a bare string or an ad-hoc `Error`, so the server can map codes to HTTP status
 * in one place and clients can branch on `code` instead of parsing messages.
 *
 * `instanceof` works across duplicated copies of this package through a `Symbol.for` brand.
 */
import type { AuraErrorCode } from './error-codes.js';

const BRAND = Symbol.for('aura.error');

/** Options accepted by {@link AuraError}. */
export interface AuraErrorOptions<TData = unknown> {
  /** The underlying error, kept for logs and `error.cause` chains. */
  readonly cause?: unknown;
  /** Structured, machine-readable detail. Never put secrets here. */
  readonly data?: TData;
  /** Whether retrying the same operation may succeed (rate limits, 5xx, transient network). */
  readonly retryable?: boolean;
}

export class AuraError<TData = unknown> extends Error {
  readonly code: AuraErrorCode;
  readonly data: TData | undefined;
  readonly retryable: boolean;
  readonly [BRAND] = true;

  constructor(code: AuraErrorCode, message: string, options: AuraErrorOptions<TData> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.data = options.data;
    this.retryable = options.retryable ?? false;
  }

  /** Brand check that also works when two copies of `@aura/events` are loaded. */
  static isInstance(value: unknown): value is AuraError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return AuraError.isInstance(value);
  }
}

/** Type guard for one specific code. */
export function isAuraError<C extends AuraErrorCode>(value: unknown, code?: C): value is AuraError & { code: C } {
  return AuraError.isInstance(value) && (code === undefined || value.code === code);
}
