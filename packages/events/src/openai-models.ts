/** One entry of `GET /v1/models` (server-spec §5). */
export interface ModelObject {
  /** Effective id of the agent (alias, else name). */
  readonly id: string;
  readonly object: 'model';
  /** Unix seconds. */
  readonly created: number;
  readonly owned_by: string;
  /** Aura extension: the agent's description, omitted when not configured. */
  readonly description?: string;
}

/** The body of `GET /v1/models`. */
export interface ModelList {
  readonly object: 'list';
  readonly data: readonly ModelObject[];
}

/** Builds a {@link ModelObject} with keys in wire order; `description` omitted when `undefined`. */
export function modelObject(input: {
  readonly id: string;
  readonly created: number;
  readonly owned_by: string;
  readonly description?: string | undefined;
}): ModelObject {
  return {
    id: input.id,
    object: 'model',
    created: input.created,
    owned_by: input.owned_by,
    ...(input.description === undefined ? {} : { description: input.description }),
  };
}

/** Builds the `GET /v1/models` body. */
export function modelList(data: readonly ModelObject[]): ModelList {
  return { object: 'list', data };
}
