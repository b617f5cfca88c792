/**
 * Problems found (or repairs made) while adapting a tool schema to a provider's dialect.
 * `error`: the provider will reject the schema as it stands. `warning`: we changed the schema in a way that
 * loses information (a constraint dropped, a recursion cut) but the result is accepted.
 */
export interface SchemaIssue {
  readonly severity: 'error' | 'warning';
  /** JSON pointer (with `#` root) of the node concerned, e.g. `#/properties/cfg/items`. */
  readonly path: string;
  readonly message: string;
}

/** Options shared by the dialect converters. */
export interface SchemaDialectOptions {
  /** Receives every repair and unfixable problem; converters never throw for schema content. */
  readonly onIssue?: (issue: SchemaIssue) => void;
}

/** Appends one JSON-pointer segment (`~` → `~0`, `/` → `~1`). */
export function childPath(path: string, ...segments: ReadonlyArray<string | number>): string {
  let out = path;
  for (const segment of segments) out += `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return out;
}
