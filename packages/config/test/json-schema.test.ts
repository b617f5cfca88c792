/**
 * `configJsonSchema()` (served by `aura schema`): a draft-07 schema editors can use on Aura TOML.
 * It must accept every reference config as written (placeholders included) and catch typos where
 * the loader rejects them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema, LLM_PROVIDERS, MCP_TRANSPORTS } from '@aura/config';
import { Ajv } from 'ajv';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { fixturesDir, MINIMAL } from './helpers.js';

const validate = new Ajv({ allErrors: true, strict: false }).compile(configJsonSchema());
const check = (toml: string): boolean => validate(JSON.parse(JSON.stringify(parse(toml))));

describe('configJsonSchema', () => {
  it('is a draft-07 schema that strict ajv compiles', () => {
    const schema = configJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(() => new Ajv({ strict: true, strictTypes: false }).compile(schema)).not.toThrow();
  });

  it('accepts every reference fixture as written, with its {{ env.X }} placeholders', () => {
    const names = readdirSync(fixturesDir).filter((name) => name.endsWith('.toml'));
    expect(names.length).toBeGreaterThan(0);
    const rejected = names.filter((name) => !check(readFileSync(join(fixturesDir, name), 'utf8')));
    expect(rejected, JSON.stringify(validate.errors)).toEqual([]);
  });

  it('rejects a typo in [agent] and in [agent.llm], and the legacy [llm] table', () => {
    expect(check(MINIMAL)).toBe(true);
    expect(check(MINIMAL.replace('system_prompt', 'systm_prompt'))).toBe(false);
    expect(check(`${MINIMAL}temprature = 0.2\n`)).toBe(false);
    expect(check(`${MINIMAL}\n[llm]\nprovider = "openai"\n`)).toBe(false);
  });

  it('rejects a wrong provider or transport but accepts a templated one', () => {
    expect(check(MINIMAL.replace('"openai"', '"opneai"'))).toBe(false);
    expect(check(MINIMAL.replace('"openai"', '"{{ env.LLM_PROVIDER }}"'))).toBe(true);
    expect(check(MINIMAL.replace('"openai"', '"{{ env.LLM_PROVIDER | default: \'openai\' }}"'))).toBe(true);
    const server = (transport: string) => `${MINIMAL}\n[mcp.servers.x]\ntransport = "${transport}"\nurl = "http://x"\n`;
    expect(check(server('http_streamable'))).toBe(true);
    expect(check(server('websocket'))).toBe(false);
  });

  it('follows the loader on scalars: lenient booleans accept "true"/"false", numbers are not templatable', () => {
    const agent = (line: string) => MINIMAL.replace('system_prompt = "S"', `system_prompt = "S"\n${line}`);
    expect(check(agent('hidden = " true "'))).toBe(true);
    expect(check(agent('hidden = "{{ env.HIDDEN }}"'))).toBe(true);
    expect(check(agent('hidden = "yes"'))).toBe(false);
    expect(check(agent('turn_depth = 8000.0'))).toBe(true);
    expect(check(agent('turn_depth = -1'))).toBe(false);
    expect(check(agent('turn_depth = "{{ env.DEPTH }}"'))).toBe(false);
    expect(check(agent('enable_client_tools = "true"'))).toBe(false);
  });

  it('lets ignored tables keep unknown keys (the loader only warns there)', () => {
    expect(check(`${MINIMAL}\n[orchestration]\nquality_threshold = 0.7\n`)).toBe(true);
    expect(check(`${MINIMAL}\n[orchestration.timeouts]\nper_call = 1\n`)).toBe(false);
  });

  it('documents keys and enumerates providers and transports for editors', () => {
    const text = JSON.stringify(configJsonSchema());
    for (const provider of LLM_PROVIDERS) expect(text).toContain(`"const":"${provider}"`);
    for (const transport of MCP_TRANSPORTS) expect(text).toContain(`"const":"${transport}"`);
    const agent = configJsonSchema().properties;
    expect(JSON.stringify(agent)).toContain('System prompt (the coordinator prompt in orchestration mode).');
    // Load-time defaults (the clock) are never advertised.
    expect(text).not.toMatch(/"default":\d{13}/);
  });

  it('returns a fresh object every time', () => {
    const first = configJsonSchema();
    first.title = 'changed';
    expect(configJsonSchema().title).toBe('Aura agent configuration');
  });
});
