import type { JsonSchema } from '../../tools/tool.js';
import { isJsonObject, type JsonObject, setOwn } from '../../util/json-value.js';
import { GEMINI_FORMATS, geminiEnumAccepted } from './gemini-rules.js';
import { inlineLocalRefs } from './inline-refs.js';
import { normalizeRootObjectSchema } from './root-object-schema.js';
import { childPath, type SchemaDialectOptions } from './schema-issue.js';

/** Options for {@link toGeminiSchema}. */
export interface GeminiSchemaOptions extends SchemaDialectOptions {
  /** How often a recursive `$ref` is expanded before being cut (default 3). */
  readonly maxRefDepth?: number;
}

const ARRAY_KEYWORDS = ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains'];
const OBJECT_KEYWORDS = ['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'];
const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern'];
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

/**
 * The Gemini dialect: rewrites a (sanitised) tool schema so that `@ai-sdk/google`'s own
 * `convertJSONSchemaToOpenAPISchema` turns it into a `parameters` object the Gemini API accepts.
 *
 * Already done by `@ai-sdk/google` (and therefore NOT done here): keeping only the keywords Gemini knows
 * (type, description, required, format, enum, properties, items, anyOf, allOf, oneOf, minLength — which drops
 * `additionalProperties`, `$schema`, `$id`, `title`, `default`, `examples`, …), `const` → `enum`, numeric enums
 * → `format: "enum"` strings, `type: [T, "null"]` → `type: T` + `nullable`, `anyOf` with a null branch →
 * `nullable`, inlining non-recursive `#/$defs/X` / `#/definitions/X` references, and an empty root object →
 * no parameters.
 *
 * Done here, because the provider would otherwise reject the request (or the converter throw):
 * - root made an object schema without top-level combinators ({@link normalizeRootObjectSchema});
 * - every local `$ref` inlined (any JSON pointer), recursion cut after `maxRefDepth` levels with a
 *   permissive `{type: "object"}` node, dangling/remote refs replaced the same way; `$defs` removed;
 * - boolean sub-schemas (`true` would become `{type: "boolean"}` in the converter) and typeless nodes get a
 *   type: inferred from `properties`/`items`, otherwise the permissive `object`;
 * - `oneOf` → `anyOf`; `allOf` merged into its node (Gemini has neither);
 * - a `type` array with several non-null types split into `anyOf` branches carrying their own keywords;
 * - `properties`/`required` removed from non-object nodes and `items` from non-array nodes; `required`
 *   limited to declared properties; arrays without `items` get `items: {type: "string"}`; tuple `items`
 *   become one `anyOf` item schema;
 * - enums the converter cannot express (mixed types, objects, empty) removed, their values moved into the
 *   description; formats Gemini rejects (anything but `enum`/`date-time` for strings, `float`/`double`,
 *   `int32`/`int64` for numbers) removed and noted in the description; `nullable: true` → type array.
 *
 * Pure; never throws. Lossy changes are reported through `options.onIssue` as warnings.
 */
export function toGeminiSchema(schema: JsonSchema, options: GeminiSchemaOptions = {}): JsonSchema {
  const onIssue = options.onIssue;
  const warn = (path: string, message: string): void => onIssue?.({ severity: 'warning', path, message });
  const root = normalizeRootObjectSchema(schema, onIssue);
  const inlined = inlineLocalRefs(root, {
    ...(options.maxRefDepth === undefined ? {} : { maxRefDepth: options.maxRefDepth }),
    permissive: (siblings) => permissiveNode(siblings),
    ...(onIssue === undefined ? {} : { onIssue }),
  });
  return convertNode(inlined, '#', warn);
}

/** The stand-in for "any value": Gemini has no such type, and objects are the common case (`Dict[str, Any]`). */
function permissiveNode(siblings: JsonObject = {}): JsonObject {
  const node: JsonObject = { type: 'object' };
  if (typeof siblings.description === 'string') node.description = siblings.description;
  return node;
}

type Warn = (path: string, message: string) => void;

function convertNode(raw: unknown, path: string, warn: Warn): JsonObject {
  if (raw === true) return permissiveNode();
  if (!isJsonObject(raw)) {
    warn(path, raw === false ? 'false schema replaced by a permissive schema' : 'non-schema value replaced');
    return permissiveNode();
  }
  const node: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) setOwn(node, key, value);

  if (node.nullable === true) {
    if (typeof node.type === 'string' && node.type !== 'null') node.type = [node.type, 'null'];
    else if (
      Array.isArray(node.anyOf) &&
      !node.anyOf.some((branch) => isJsonObject(branch) && branch.type === 'null')
    ) {
      node.anyOf = [...node.anyOf, { type: 'null' }];
    }
  }
  delete node.nullable;
  // A merged branch may bring its own allOf; bounded because each round consumes one nesting level.
  for (let round = 0; round < 32 && Array.isArray(node.allOf); round += 1) mergeAllOf(node, path, warn);
  delete node.allOf;
  if (Object.hasOwn(node, 'oneOf')) {
    if (Array.isArray(node.oneOf) && !Array.isArray(node.anyOf)) node.anyOf = node.oneOf;
    else warn(path, 'oneOf dropped (Gemini supports only anyOf)');
    delete node.oneOf;
  }
  dropValidationOnlyAnyOf(node, path, warn);
  splitTypeArray(node, path, warn);
  fixEnum(node, path, warn);
  inferType(node, path, warn);
  pruneByType(node, path, warn);

  if (isJsonObject(node.properties)) {
    const properties: JsonObject = {};
    for (const [name, child] of Object.entries(node.properties)) {
      setOwn(properties, name, convertNode(child, childPath(path, 'properties', name), warn));
    }
    node.properties = properties;
  }
  fixRequired(node, path, warn);
  fixItems(node, path, warn);
  if (Array.isArray(node.anyOf)) {
    node.anyOf = node.anyOf.map((branch, index) => convertNode(branch, childPath(path, 'anyOf', index), warn));
  }
  fixFormat(node, path, warn);
  return node;
}

function mergeAllOf(node: JsonObject, path: string, warn: Warn): void {
  const branches = node.allOf as unknown[];
  delete node.allOf;
  for (const branch of branches) {
    if (!isJsonObject(branch)) continue;
    for (const [key, value] of Object.entries(branch)) {
      if (key === 'properties' && isJsonObject(value)) {
        const properties: JsonObject = isJsonObject(node.properties) ? { ...node.properties } : {};
        for (const [name, child] of Object.entries(value)) {
          if (!Object.hasOwn(properties, name)) setOwn(properties, name, child);
        }
        node.properties = properties;
      } else if (key === 'required' && Array.isArray(value)) {
        const own = Array.isArray(node.required) ? node.required : [];
        node.required = [...new Set([...own, ...value])];
      } else if (!Object.hasOwn(node, key)) {
        setOwn(node, key, value);
      }
    }
  }
  warn(path, 'allOf merged into its schema (Gemini has no allOf)');
}

const STRUCTURAL = ['type', 'properties', 'items', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', '$ref', 'prefixItems'];

/** `anyOf: [{required: [...]}, …]` beside a typed node only constrains; Gemini cannot express it. */
function dropValidationOnlyAnyOf(node: JsonObject, path: string, warn: Warn): void {
  if (!Array.isArray(node.anyOf) || (node.type === undefined && node.properties === undefined)) return;
  const validationOnly = node.anyOf.every((branch) => isJsonObject(branch) && !STRUCTURAL.some((k) => k in branch));
  if (!validationOnly) return;
  delete node.anyOf;
  warn(path, 'validation-only anyOf dropped');
}

function keywordsFor(type: string): readonly string[] {
  if (type === 'array') return ARRAY_KEYWORDS;
  if (type === 'object') return OBJECT_KEYWORDS;
  if (type === 'string') return STRING_KEYWORDS;
  if (type === 'number' || type === 'integer') return NUMBER_KEYWORDS;
  return [];
}

/** `type: ["string", "array", …]` → `anyOf` of one branch per type, each with its own keywords. */
function splitTypeArray(node: JsonObject, path: string, warn: Warn): void {
  if (!Array.isArray(node.type)) return;
  const types = node.type.filter((type): type is string => typeof type === 'string');
  const nonNull = types.filter((type) => type !== 'null');
  if (nonNull.length <= 1) {
    node.type = nonNull.length === 0 ? 'null' : types.includes('null') ? [nonNull[0], 'null'] : nonNull[0];
    return;
  }
  if (Array.isArray(node.anyOf)) {
    node.type = types.includes('null') ? [nonNull[0], 'null'] : nonNull[0];
    warn(path, `type ${JSON.stringify(types)} narrowed to "${nonNull[0]}" (node already has anyOf)`);
    return;
  }
  const branches: JsonObject[] = nonNull.map((type) => {
    const branch: JsonObject = { type };
    for (const key of keywordsFor(type)) if (Object.hasOwn(node, key)) setOwn(branch, key, node[key]);
    if (typeof node.format === 'string' && type !== 'object' && type !== 'array') branch.format = node.format;
    return branch;
  });
  for (const key of [...ARRAY_KEYWORDS, ...OBJECT_KEYWORDS, ...STRING_KEYWORDS, ...NUMBER_KEYWORDS, 'format']) {
    delete node[key];
  }
  if (types.includes('null')) branches.push({ type: 'null' });
  delete node.type;
  node.anyOf = branches;
}

function inferType(node: JsonObject, path: string, warn: Warn): void {
  if (node.type !== undefined || Array.isArray(node.anyOf)) return;
  if (Array.isArray(node.enum) || Object.hasOwn(node, 'const')) return;
  if (isJsonObject(node.properties)) node.type = 'object';
  else if (node.items !== undefined || node.prefixItems !== undefined) node.type = 'array';
  else {
    node.type = 'object';
    warn(path, 'schema without a type (any value) declared as object for Gemini');
  }
}

function singleType(node: JsonObject): string | undefined {
  if (typeof node.type === 'string') return node.type;
  if (Array.isArray(node.type))
    return node.type.find((type): type is string => typeof type === 'string' && type !== 'null');
  return undefined;
}

function pruneByType(node: JsonObject, path: string, warn: Warn): void {
  const type = singleType(node);
  if (type === undefined) return;
  if (type !== 'object') {
    for (const key of ['properties', 'required'] as const) {
      if (Object.hasOwn(node, key)) {
        delete node[key];
        warn(path, `${key} removed from a node of type "${type}"`);
      }
    }
  }
  if (type !== 'array') {
    for (const key of ['items', 'prefixItems'] as const) {
      if (Object.hasOwn(node, key)) {
        delete node[key];
        warn(path, `${key} removed from a node of type "${type}"`);
      }
    }
  }
}

function fixRequired(node: JsonObject, path: string, warn: Warn): void {
  if (!Object.hasOwn(node, 'required')) return;
  const properties = isJsonObject(node.properties) ? node.properties : {};
  const listed = Array.isArray(node.required) ? node.required : [];
  const kept = [
    ...new Set(listed.filter((name): name is string => typeof name === 'string' && Object.hasOwn(properties, name))),
  ];
  if (kept.length !== listed.length) warn(path, 'required names without a declared property removed');
  if (kept.length === 0) delete node.required;
  else node.required = kept;
}

function fixItems(node: JsonObject, path: string, warn: Warn): void {
  const tuple = Array.isArray(node.items) ? node.items : Array.isArray(node.prefixItems) ? node.prefixItems : undefined;
  delete node.prefixItems;
  if (singleType(node) !== 'array') return;
  if (tuple !== undefined && !isJsonObject(node.items)) {
    const converted = tuple.map((item, index) => convertNode(item, childPath(path, 'items', index), warn));
    node.items =
      converted.length === 1 ? converted[0] : converted.length === 0 ? { type: 'string' } : { anyOf: converted };
    warn(path, 'tuple items merged into one item schema');
  } else if (node.items === undefined) {
    node.items = { type: 'string' };
    warn(path, 'array without items given items of type string');
  } else {
    node.items = convertNode(node.items, childPath(path, 'items'), warn);
  }
}

function appendDescription(node: JsonObject, note: string): void {
  node.description =
    typeof node.description === 'string' && node.description !== '' ? `${node.description} (${note})` : note;
}

function fixEnum(node: JsonObject, path: string, warn: Warn): void {
  const values = Array.isArray(node.enum) ? node.enum : Object.hasOwn(node, 'const') ? [node.const] : undefined;
  if (values === undefined || geminiEnumAccepted(values, node.type)) return;
  const key = Array.isArray(node.enum) ? 'enum' : 'const';
  delete node.enum;
  delete node.const;
  if (values.length > 0)
    appendDescription(node, `Allowed values: ${values.map((value) => JSON.stringify(value)).join(', ')}`);
  if (node.type === undefined && !Array.isArray(node.anyOf)) node.type = typeForValues(values);
  warn(path, `${key} not expressible for Gemini; moved into the description`);
}

/** A declared type for a node whose enum had to go: the type most of the allowed values can be sent as. */
function typeForValues(values: readonly unknown[]): string {
  const present = values.filter((value) => value !== null);
  if (present.some((value) => typeof value === 'string')) return 'string';
  if (present.length > 0 && present.every((value) => typeof value === 'number')) return 'number';
  if (present.length > 0 && present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.length > 0 && present.every((value) => Array.isArray(value))) return 'array';
  return present.some((value) => typeof value === 'object') ? 'object' : 'string';
}

function fixFormat(node: JsonObject, path: string, warn: Warn): void {
  if (node.format === undefined) return;
  const type = singleType(node);
  const allowed = type === undefined ? undefined : GEMINI_FORMATS[type];
  if (typeof node.format === 'string' && allowed?.includes(node.format) === true) return;
  const format = node.format;
  if (typeof format === 'string') appendDescription(node, `format: ${format}`);
  delete node.format;
  warn(path, `format ${JSON.stringify(format)} not supported by Gemini; moved into the description`);
}
