import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const examples = resolve(fileURLToPath(new URL('../../../examples', import.meta.url)));

describe('aura schema', () => {
  it('prints a draft-07 JSON Schema that accepts every shipped example and rejects a typo', async () => {
    const run = await runCli(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.$schema).toContain('draft-07');
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const files = readdirSync(examples).filter((name) => name.endsWith('.toml'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const document = parse(readFileSync(join(examples, file), 'utf8'));
      expect({ file, valid: validate(document), errors: validate.errors }).toMatchObject({ file, valid: true });
    }
    const typo = parse(
      '[agent]\nname = "x"\nsystm_prompt = "y"\n[agent.llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n',
    );
    expect(validate(typo)).toBe(false);
  });
});

describe('docs/configuration.md', () => {
  it('is exactly what `aura schema --format markdown` generates (regenerate it when the schema changes)', async () => {
    const run = await runCli(['schema', '--format', 'markdown']);
    expect(run.code).toBe(0);
    const committed = readFileSync(resolve(examples, '../docs/configuration.md'), 'utf8');
    expect(committed).toBe(run.stdout);
    for (const section of [
      '[agent]',
      '[agent.llm (provider = "ollama")]',
      '[mcp.servers.<name> (transport = "stdio")]',
      '[orchestration.worker.<name>]',
      '[hitl]',
    ]) {
      expect(committed).toContain(`## \`${section}\``);
    }
  });
});
