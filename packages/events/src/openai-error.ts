/** `error.type` values Aura produces (server-spec §3); other OpenAI-compatible servers send others. */
export type KnownOpenAiErrorType =
  | 'invalid_request_error'
  | 'internal_error'
  | 'service_unavailable'
  | 'not_found'
  | 'unauthorized';

/** `error.type`: a {@link KnownOpenAiErrorType} or any other string. */
export type OpenAiErrorType = KnownOpenAiErrorType | (string & NonNullable<unknown>);

/** The OpenAI error envelope `{"error":{"message","type","param?","code?"}}`. */
export interface OpenAiErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: OpenAiErrorType;
    /** The offending request field (e.g. `model`); omitted by Aura unless meaningful. */
    readonly param?: string | null;
    /** Machine-readable code (e.g. `model_not_found`); omitted by Aura unless meaningful. */
    readonly code?: string | null;
  };
}

/**
 * Builds an error body with keys in the reference order `message, type, param, code`; `param` and `code`
 * are omitted when not given (server-spec §3 format A), present otherwise (format B).
 */
export function openAiErrorBody(input: {
  readonly message: string;
  readonly type: OpenAiErrorType;
  readonly param?: string | undefined;
  readonly code?: string | undefined;
}): OpenAiErrorBody {
  return {
    error: {
      message: input.message,
      type: input.type,
      ...(input.param === undefined ? {} : { param: input.param }),
      ...(input.code === undefined ? {} : { code: input.code }),
    },
  };
}

/**
 * The exact OpenAI "model not found" body (server-spec §3 format B, HTTP 404):
 * ``The model `<name>` does not exist or you do not have access to it.``
 */
export function modelNotFoundErrorBody(model: string): OpenAiErrorBody {
  return openAiErrorBody({
    message: `The model \`${model}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    param: 'model',
    code: 'model_not_found',
  });
}

/** Shape-level guard: `value` is `{ error: { message: string, ... } }`. */
export function isOpenAiErrorBody(value: unknown): value is OpenAiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { readonly error?: unknown }).error;
  return (
    typeof error === 'object' && error !== null && typeof (error as { readonly message?: unknown }).message === 'string'
  );
}
