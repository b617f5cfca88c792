import { writeFile } from 'node:fs/promises';
import { configJsonSchema } from '@aura/config';
import { renderConfigDocs } from '../config-docs.js';
import type { CliIo } from '../io.js';

/**
 * `aura schema [--output file]`: the JSON Schema (draft-07) of the config language, generated from the
 * same schema the loader validates with. Editors with a TOML language server (Taplo / Even Better TOML)
 * use it for completion and checking.
 */
export async function schemaCommand(
  options: { readonly output?: string; readonly format?: string },
  io: CliIo,
): Promise<number> {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'markdown') {
    io.stderr(`aura schema: unknown format '${format}' (expected json or markdown)\n`);
    return 2;
  }
  const schema = configJsonSchema();
  const text = format === 'markdown' ? renderConfigDocs(schema) : `${JSON.stringify(schema, null, 2)}\n`;
  if (options.output === undefined) {
    io.stdout(text);
    return 0;
  }
  await writeFile(options.output, text, 'utf8');
  io.stderr(`wrote ${options.output}\n`);
  return 0;
}
