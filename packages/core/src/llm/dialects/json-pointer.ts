import { isJsonObject } from '../../util/json-value.js';

/**
 * Resolves a local JSON-Schema reference (`#`, `#/$defs/Name`, `#/definitions/Name`, or any JSON pointer such
 * as `#/properties/a/items`) against `document`. Pointer segments are percent-decoded, then `~1` → `/` and
 * `~0` → `~`. Returns `undefined` for remote references (`https://…`, `other.json#…`), anchors (`#name`),
 * malformed escapes and paths that do not exist.
 */
export function resolveLocalRef(document: unknown, ref: string): { readonly value: unknown } | undefined {
  if (ref === '#') return { value: document };
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (/~(?![01])/.test(segment)) return undefined;
    segment = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      const index = Number(segment);
      if (index >= current.length) return undefined;
      current = current[index];
    } else if (isJsonObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return { value: current };
}
