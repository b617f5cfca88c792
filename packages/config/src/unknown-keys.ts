import * as z from 'zod';
import { formatTableHeader, isPlainRecord, type PathSegment } from './key-path.js';
import { closestMatch } from './suggest.js';

/** An object key the schema does not define. */
export interface UnknownKey {
  readonly path: readonly PathSegment[];
  readonly key: string;
  /** The enclosing table rejects unknown keys (an error); otherwise the key is ignored (a warning). */
  readonly strict: boolean;
  /** The keys that table accepts. */
  readonly validKeys: readonly string[];
  readonly hint?: string;
}

/** Keys that moved from `[agent]` to `[agent.llm]` (breaking change of 2026-04-10). */
const MOVED_TO_LLM = new Set(['temperature', 'reasoning_effort', 'max_tokens', 'context_window', 'additional_params']);
/** Former dedicated Ollama keys that now belong in `additional_params`. */
const OLLAMA_PARAMS = new Set(['num_ctx', 'num_predict']);

/** A table on the way down: its path and the keys it accepts. */
interface Table {
  readonly path: readonly PathSegment[];
  readonly keys: readonly string[];
}

interface UnionContext {
  readonly discriminator: string;
  readonly tag: string;
  /** key → tags of the variants that accept it. */
  readonly keyOwners: ReadonlyMap<string, readonly string[]>;
}

/**
 * Walks `value` alongside `schema` and returns every key that no schema object defines, with a
 * hint (nearest valid key, a key that moved, a key that belongs to another provider, a top-level
 * key written below a table header). Tagged unions are followed through their tag; when the tag
 * is missing or unknown, keys are checked against the union of all variants. Pure.
 */
export function findUnknownKeys(schema: z.core.$ZodType, value: unknown): UnknownKey[] {
  const found: UnknownKey[] = [];

  const walk = (node: z.core.$ZodType, current: unknown, path: PathSegment[], ancestors: readonly Table[]): void => {
    const inner = unwrap(node);
    if (inner instanceof z.ZodDiscriminatedUnion) {
      walkUnion(inner, current, path, ancestors);
    } else if (inner instanceof z.ZodObject) {
      walkObject(inner, current, path, ancestors, undefined);
    } else if (inner instanceof z.ZodRecord) {
      if (!isPlainRecord(current)) return;
      for (const [key, item] of Object.entries(current)) walk(inner.def.valueType, item, [...path, key], ancestors);
    } else if (inner instanceof z.ZodArray) {
      if (!Array.isArray(current)) return;
      current.forEach((item, index) => {
        walk(inner.def.element, item, [...path, index], ancestors);
      });
    }
  };

  const walkObject = (
    object: z.ZodObject,
    current: unknown,
    path: PathSegment[],
    ancestors: readonly Table[],
    union: UnionContext | undefined,
  ): void => {
    if (!isPlainRecord(current)) return;
    const shape: Record<string, z.core.$ZodType> = object.shape;
    const validKeys = Object.keys(shape);
    const strict = object.def.catchall instanceof z.ZodNever;
    const inner = [...ancestors, { path, keys: validKeys }];
    for (const [key, item] of Object.entries(current)) {
      const child = shape[key];
      if (child !== undefined) {
        walk(child, item, [...path, key], inner);
        continue;
      }
      const hint = hintFor(key, path, validKeys, union, ancestors);
      found.push({ path: [...path, key], key, strict, validKeys, ...(hint === undefined ? {} : { hint }) });
    }
  };

  const walkUnion = (
    union: z.ZodDiscriminatedUnion,
    current: unknown,
    path: PathSegment[],
    ancestors: readonly Table[],
  ): void => {
    if (!isPlainRecord(current)) return;
    const discriminator = union.def.discriminator;
    const variants = union.options.flatMap((option) => {
      const object = unwrap(option);
      if (!(object instanceof z.ZodObject)) return [];
      const tagSchema = unwrap(object.shape[discriminator]);
      const tags = tagSchema instanceof z.ZodLiteral ? tagSchema.def.values.map(String) : [];
      return [{ object, tags }];
    });
    const keyOwners = new Map<string, string[]>();
    for (const variant of variants) {
      for (const key of Object.keys(variant.object.shape)) {
        keyOwners.set(key, [...(keyOwners.get(key) ?? []), ...variant.tags]);
      }
    }
    const tag = current[discriminator];
    const match = variants.find((variant) => typeof tag === 'string' && variant.tags.includes(tag));
    if (match !== undefined && typeof tag === 'string') {
      walkObject(match.object, current, path, ancestors, { discriminator, tag, keyOwners });
      return;
    }
    // Unknown or missing tag: only keys that no variant accepts can be reported.
    const allKeys = [...keyOwners.keys()];
    const strict = variants.every((variant) => variant.object.def.catchall instanceof z.ZodNever);
    for (const key of Object.keys(current)) {
      if (keyOwners.has(key)) continue;
      const hint = hintFor(key, path, allKeys, undefined, ancestors);
      found.push({ path: [...path, key], key, strict, validKeys: allKeys, ...(hint === undefined ? {} : { hint }) });
    }
  };

  walk(schema, value, [], []);
  return found;
}

function hintFor(
  key: string,
  path: readonly PathSegment[],
  validKeys: readonly string[],
  union: UnionContext | undefined,
  ancestors: readonly Table[],
): string | undefined {
  const table = formatTableHeader(path);
  if (path.length === 1 && path[0] === 'agent' && MOVED_TO_LLM.has(key)) {
    return `\`${key}\` moved from [agent] to [agent.llm]: put it under [agent.llm]`;
  }
  if (union !== undefined) {
    if (union.discriminator === 'provider' && union.tag === 'ollama' && OLLAMA_PARAMS.has(key)) {
      return `Ollama options go in ${formatTableHeader([...path, 'additional_params'])}: move \`${key}\` there`;
    }
    const owners = union.keyOwners.get(key);
    if (owners !== undefined && owners.length > 0) {
      return `\`${key}\` is not accepted when ${union.discriminator} = "${union.tag}" (it is valid for ${owners.join(', ')})`;
    }
  }
  // A key of an enclosing table written after a sub-table header (a classic TOML slip).
  for (const ancestor of [...ancestors].reverse()) {
    if (!ancestor.keys.includes(key)) continue;
    const owner = ancestor.path.length === 0 ? 'a top-level key' : `a key of ${formatTableHeader(ancestor.path)}`;
    const where = ancestor.path.length === 0 ? 'above the first [table] header' : `above ${table}`;
    return `\`${key}\` is ${owner}; in TOML every key after ${table} belongs to that table, so move it ${where}`;
  }
  const suggestion = closestMatch(key, validKeys);
  return suggestion === undefined ? undefined : `did you mean \`${suggestion}\`?`;
}

/** Strips wrappers that do not change the shape: optional, default, prefault, transforms, refinements. */
function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let current = schema;
  for (let depth = 0; depth < 32 && current !== undefined; depth += 1) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodReadonly ||
      current instanceof z.ZodCatch
    ) {
      current = current.def.innerType;
    } else if (current instanceof z.ZodPipe) {
      current = current.def.in;
    } else if (current instanceof z.ZodLazy) {
      current = current.def.getter();
    } else {
      return current;
    }
  }
  return current;
}
