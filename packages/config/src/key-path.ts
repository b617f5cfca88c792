/** One step of a key path: a table key or an array index. */
export type PathSegment = string | number;

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

/**
 * Renders a key path the way a TOML user would write it: `agent.llm.api_key`,
 * `vector_stores[0].name`, `mcp.servers.k8s.scratchpad."k8s_list_*"`. Keys that are not TOML
 * bare keys are double-quoted so the path stays unambiguous. The empty path renders as `""`
 * (the document root).
 */
export function formatKeyPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
      continue;
    }
    const key = BARE_KEY.test(segment) ? segment : JSON.stringify(segment);
    out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** Renders a single key as it would appear in a TOML file (quoted when not a bare key). */
export function formatKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

/** Renders a table path as a TOML header, e.g. `[agent.llm]` or `[orchestration.worker.alpha.llm]`. */
export function formatTableHeader(path: readonly PathSegment[]): string {
  return `[${formatKeyPath(path.filter((segment) => typeof segment === 'string'))}]`;
}

/** Reads the value at `path` inside plain objects/arrays; `undefined` when any step is missing. */
export function valueAtPath(root: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isPlainRecord(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/** A TOML table as parsed: a non-null, non-array object that is not a date. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
