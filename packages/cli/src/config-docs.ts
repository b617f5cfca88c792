/**
 * Renders the config reference (docs/configuration.md) from the config JSON Schema, so the
 * documentation is generated from the same schema the loader validates with and cannot drift.
 */
type Schema = { readonly [key: string]: unknown };

const ENV_PATTERN_MARKER = 'env\\.';

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function branches(schema: Schema): Schema[] {
  const anyOf = schema.anyOf ?? schema.oneOf;
  return Array.isArray(anyOf) ? anyOf.filter(isSchema) : [];
}

/**
 * Drops the string alternatives the schema adds for templating (`{{ env.X }}` next to enums, tags and
 * booleans) and lenient booleans (`"true"` / `"false"`); {@link typeLabel} mentions the latter.
 */
function meaningfulBranches(schema: Schema): Schema[] {
  return branches(schema).filter(
    (branch) => typeof branch.pattern !== 'string' || !branch.pattern.includes(ENV_PATTERN_MARKER),
  );
}

function typeLabel(schema: Schema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => `\`${String(value)}\``).join(' | ');
  const alternatives = meaningfulBranches(schema);
  if (alternatives.length > 0) {
    const labels = [...new Set(alternatives.map(typeLabel))];
    if (
      branches(schema).some((branch) => typeof branch.pattern === 'string' && branch.pattern.includes('true|false'))
    ) {
      labels.push('`"true"`/`"false"`');
    }
    return labels.join(' or ');
  }
  if (schema.type === 'array') return `array of ${isSchema(schema.items) ? typeLabel(schema.items) : 'values'}`;
  if (schema.type === 'object') {
    if (isSchema(schema.additionalProperties) && !isSchema(schema.properties)) {
      return `table of ${typeLabel(schema.additionalProperties)}`;
    }
    return 'table';
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = typeof schema.minimum === 'number' ? ` ≥ ${schema.minimum}` : '';
    const max = typeof schema.maximum === 'number' ? ` ≤ ${schema.maximum}` : '';
    return `${schema.type === 'integer' ? 'integer' : 'number'}${min}${max}`;
  }
  return typeof schema.type === 'string' ? schema.type : 'value';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

interface Section {
  readonly title: string;
  readonly description?: string;
  readonly rows: string[];
}

function describeObject(schema: Schema, title: string, sections: Section[]): void {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const section: Section = {
    title,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    rows: [],
  };
  sections.push(section);
  for (const [key, raw] of Object.entries(properties)) {
    if (!isSchema(raw)) continue;
    if (raw.not !== undefined) continue; // forbidden keys (the legacy top-level `llm`)
    const defaultValue =
      raw.default === undefined ? (required.has(key) ? '**required**' : '') : `\`${JSON.stringify(raw.default)}\``;
    section.rows.push(
      `| \`${key}\` | ${escapeCell(typeLabel(raw))} | ${defaultValue} | ${escapeCell(typeof raw.description === 'string' ? raw.description : '')} |`,
    );
    describeNested(raw, `${title}.${key}`, sections);
  }
}

function describeNested(schema: Schema, title: string, sections: Section[]): void {
  if (isSchema(schema.properties)) {
    describeObject(schema, title, sections);
    return;
  }
  const variants = meaningfulBranches(schema).filter((branch) => isSchema(branch.properties));
  const tag = variants.length > 1 ? tagKey(variants) : undefined;
  if (tag !== undefined) {
    for (const variant of variants) {
      const value = tagValue(variant, tag);
      describeObject(variant, `${title} (${tag} = "${value}")`, sections);
    }
    return;
  }
  if (isSchema(schema.additionalProperties)) describeNested(schema.additionalProperties, `${title}.<name>`, sections);
  if (schema.type === 'array' && isSchema(schema.items)) describeNested(schema.items, `${title}[]`, sections);
  const single = variants[0];
  if (variants.length === 1 && single !== undefined) describeObject(single, title, sections);
}

function tagKey(variants: readonly Schema[]): string | undefined {
  const first = variants[0];
  if (first === undefined || !isSchema(first.properties)) return undefined;
  return Object.keys(first.properties).find((key) => variants.every((variant) => tagValue(variant, key) !== undefined));
}

function tagValue(variant: Schema, key: string): string | undefined {
  const property = isSchema(variant.properties) ? variant.properties[key] : undefined;
  if (!isSchema(property)) return undefined;
  if (typeof property.const === 'string') return property.const;
  const constant = branches(property).find((branch) => typeof branch.const === 'string');
  return constant === undefined ? undefined : String(constant.const);
}

/** The whole reference page as markdown. */
export function renderConfigDocs(schema: Schema): string {
  const sections: Section[] = [];
  describeObject(schema, 'top level', sections);
  const header = [
    '# Configuration reference',
    '',
    '<!-- Generated by `aura schema --format markdown` from the config schema. Do not edit by hand. -->',
    '',
    'One TOML file declares one agent. `CONFIG_PATH` names a file or a directory of `*.toml` files. String values',
    "may use `{{ env.NAME }}` or `{{ env.NAME | default: 'value' }}` (names are upper case; comments are ignored).",
    'Unknown keys are errors in `[agent]`, `[agent.llm]` and `[orchestration.timeouts]`, and warnings elsewhere.',
    'Run `aura validate <path>` to check a config and `aura schema` for the JSON Schema (editor support).',
    '',
  ];
  const body = sections
    .filter((section) => section.rows.length > 0)
    .flatMap((section) => [
      `## \`${section.title === 'top level' ? '(top level)' : `[${section.title.replace(/^top level\./, '')}]`}\``,
      '',
      ...(section.description === undefined ? [] : [section.description, '']),
      '| Key | Type | Default | Meaning |',
      '|---|---|---|---|',
      ...section.rows,
      '',
    ]);
  return `${[...header, ...body].join('\n').trimEnd()}\n`;
}
