/**
 * core-spec §11 "Config parsing / validation", cases 1–27, adapted to our messages: each case
 * asserts the reference's wording as a substring, plus the key path our issues add.
 */
import { loadConfig } from '@aura/config';
import { afterEach, describe, expect, it } from 'vitest';
import { configErrorAsync, load, loadError, MINIMAL, MINIMAL_AGENT, tempDir } from './helpers.js';

const withLlm = (llm: string) => `${MINIMAL_AGENT}\n[agent.llm]\n${llm}\n`;

describe('core-spec §11 config parsing / validation', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('1. a minimal openai config loads with the documented defaults', () => {
    const { config, warnings } = load(MINIMAL);
    expect(config.agent.turn_depth).toBe(5);
    expect(config.agent.hidden).toBe(false);
    expect(config.mcp).toBeUndefined();
    expect(config.vector_stores).toEqual([]);
    expect(config.agent.nudge_last_turn).toBe(false);
    expect(config.agent.nudge_turns_remaining).toBeUndefined();
    expect(config.agent.llm).toEqual({ provider: 'openai', api_key: 'k', model: 'm' });
    expect(warnings).toEqual([]);
  });

  it('2. a legacy top-level [llm] table is rejected with the migration text', () => {
    const error = loadError(`[llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n\n${MINIMAL_AGENT}`);
    expect(error.message).toContain('legacy top-level [llm]');
    expect(error.message).toContain('[agent.llm]');
    expect(error.issues[0]).toMatchObject({ code: 'legacy_llm', path: 'llm', line: 1, column: 2 });
  });

  it.each(['temperature = 0.5', 'max_tokens = 10', 'context_window = 1000', 'reasoning_effort = "low"'])(
    '3. [agent] rejects the moved LLM key %s',
    (line) => {
      const key = line.split(' ')[0] ?? '';
      const error = loadError(
        `${MINIMAL_AGENT}${line}\n\n[agent.llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n`,
      );
      expect(error.message).toContain(`unknown field \`${key}\``);
      expect(error.issues[0]).toMatchObject({ path: `agent.${key}`, line: 4, column: 1 });
      expect(error.issues[0]?.hint).toContain('[agent.llm]');
    },
  );

  it('3. [agent] rejects additional_params (moved to [agent.llm])', () => {
    const error = loadError(
      `${MINIMAL_AGENT}\n[agent.additional_params]\nseed = 1\n\n[agent.llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n`,
    );
    expect(error.message).toContain('unknown field `additional_params`');
  });

  it('4. [agent.llm] rejects an unknown key', () => {
    const error = loadError(withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"\nrandom_field = "x"'));
    expect(error.message).toContain('unknown field `random_field`');
    expect(error.issues[0]).toMatchObject({ path: 'agent.llm.random_field', line: 9, column: 1 });
  });

  it('5. ollama needs no api_key and defaults base_url and fallback_tool_parsing', () => {
    const { config } = load(withLlm('provider = "ollama"\nmodel = "llama3.2"'));
    expect(config.agent.llm).toEqual({
      provider: 'ollama',
      model: 'llama3.2',
      base_url: 'http://localhost:11434',
      fallback_tool_parsing: false,
    });
  });

  it('6. ollama rejects api_key', () => {
    const error = loadError(withLlm('provider = "ollama"\nmodel = "m"\napi_key = "x"'));
    expect(error.message).toContain('unknown field `api_key`');
    expect(error.issues[0]?.hint).toContain('provider = "ollama"');
  });

  it('7. an empty api_key is a validation error', () => {
    const error = loadError(withLlm('provider = "openai"\napi_key = ""\nmodel = "m"'));
    expect(error.errors.map((issue) => issue.message)).toEqual(['LLM API key is required for [agent.llm]']);
    expect(error.issues[0]).toMatchObject({ code: 'validation', path: 'agent.llm.api_key', line: 7, column: 1 });
  });

  it('8. no [agent.llm] table gives the same error as 7, with a hint to add the table', () => {
    const error = loadError(MINIMAL_AGENT);
    expect(error.errors.map((issue) => issue.message)).toEqual(['LLM API key is required for [agent.llm]']);
    expect(error.issues[0]?.hint).toContain('add an [agent.llm] table');
  });

  it('9. lenient integers: 200000.0 reads as 200000; 3.5 and -1 are rejected', () => {
    const { config } = load(withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"\ncontext_window = 200000.0'));
    expect(config.agent.llm.context_window).toBe(200000);
    const fractional = loadError(withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"\nmax_tokens = 3.5'));
    expect(fractional.message).toContain('expected whole number');
    expect(fractional.issues[0]?.path).toBe('agent.llm.max_tokens');
    const negative = loadError(withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"\nmax_tokens = -1'));
    expect(negative.message).toContain('expected non-negative number');
    const text = loadError(withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"\nmax_tokens = "8000"'));
    expect(text.issues[0]).toMatchObject({ code: 'invalid_type', path: 'agent.llm.max_tokens' });
  });

  it('10. lenient booleans accept "true" / " false " and reject "True"', () => {
    expect(
      load(MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nhidden = "true"')).config.agent.hidden,
    ).toBe(true);
    expect(
      load(MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nhidden = " false "')).config.agent.hidden,
    ).toBe(false);
    const error = loadError(MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nhidden = "True"'));
    expect(error.message).toContain('expected "true" or "false", got "True"');
    expect(error.issues[0]).toMatchObject({ path: 'agent.hidden', line: 4, column: 1 });
  });

  it('11. unset variables are all reported at once, in first-seen order, with export lines', () => {
    const single = loadError(withLlm('provider = "openai"\napi_key = "{{ env.OPENAI_API_KEY }}"\nmodel = "m"'));
    expect(single.code).toBe('CONFIG_ENV_MISSING');
    expect(single.message).toContain('Missing environment variable(s): OPENAI_API_KEY');
    expect(single.message).toContain('export OPENAI_API_KEY=your_value');
    expect(single.issues[0]).toMatchObject({ code: 'env_missing', path: 'agent.llm.api_key', line: 7, column: 1 });
    const two = loadError(withLlm('provider = "openai"\napi_key = "{{ env.SECOND_A }}"\nmodel = "{{ env.SECOND_B }}"'));
    expect(two.message).toContain('Missing environment variable(s): SECOND_A, SECOND_B');
  });

  it('12. placeholders inside comments are ignored', () => {
    const text = withLlm(
      'provider = "openai"\n# api_key = "{{ env.NOPE }}"\napi_key = "k" # {{ env.NOPE_TOO }}\nmodel = "m"',
    );
    expect(load(text).config.agent.llm).toMatchObject({ api_key: 'k' });
  });

  it('13. a default applies only while the variable is unset', () => {
    const text = withLlm('provider = "openai"\napi_key = "k"\nmodel = "{{ env.UNSET_X | default: \'gpt-4o\' }}"');
    expect(load(text).config.agent.llm.model).toBe('gpt-4o');
    expect(load(text, { UNSET_X: 'abc' }).config.agent.llm.model).toBe('abc');
  });

  it('14. a templated additional_params value stays a string', () => {
    const text = `${withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"')}\n[agent.llm.additional_params]\nseed = "{{ env.SEED }}"\n`;
    expect(load(text, { SEED: '12345' }).config.agent.llm.additional_params).toEqual({ seed: '12345' });
  });

  it('15. an unquoted placeholder is a TOML parse error with a position and a hint', () => {
    const error = loadError(withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"\nmax_tokens = {{ env.N }}'));
    expect(error.message).toContain('TOML parse error');
    expect(error.issues[0]).toMatchObject({ code: 'toml_syntax', file: 'test.toml', line: 9 });
    expect(error.issues[0]?.hint).toContain('quoted string');
  });

  it('16. scratchpad needs memory_dir, then context_window; with both it loads with defaults', () => {
    const llm = 'provider = "openai"\napi_key = "k"\nmodel = "m"';
    const noDir = loadError(`${withLlm(llm)}\n[agent.scratchpad]\nenabled = true\n`);
    expect(noDir.message).toContain('memory_dir');
    const noWindow = loadError(`memory_dir = "/tmp/x"\n${withLlm(llm)}\n[agent.scratchpad]\nenabled = true\n`);
    expect(noWindow.errors.map((issue) => issue.message)).toEqual([
      'Scratchpad enabled but [agent.llm].context_window is not set',
    ]);
    const { config } = load(
      `memory_dir = "/tmp/x"\n${withLlm(`${llm}\ncontext_window = 1000`)}\n[agent.scratchpad]\nenabled = true\n`,
    );
    expect(config.agent.scratchpad).toEqual({
      enabled: true,
      context_safety_margin: 0.2,
      max_extraction_tokens: 10000,
      turn_depth_bonus: 6,
    });
  });

  const orchestrated = (extra: string, topLevel = '') =>
    `${topLevel}${withLlm('provider = "openai"\napi_key = "k"\nmodel = "m"\ncontext_window = 128000')}
[agent.scratchpad]
enabled = true

[orchestration]
enabled = true

[orchestration.artifacts]
memory_dir = "/tmp/x"
${extra}`;

  it('17. the orchestration artifacts memory_dir is a fallback for scratchpad', () => {
    const { config } = load(orchestrated(''));
    expect(config.orchestration?.artifacts.memory_dir).toBe('/tmp/x');
  });

  it('18. a scratchpad worker whose own LLM lacks context_window is rejected, naming the worker', () => {
    const worker = `
[orchestration.worker.alpha]
description = "d"
preamble = "p"

[orchestration.worker.alpha.llm]
provider = "openai"
api_key = "k"
model = "m"
`;
    const error = loadError(orchestrated(worker, 'memory_dir = "/tmp/top"\n'));
    expect(error.message).toContain("worker 'alpha'");
    expect(error.message).toContain('context_window');
    expect(error.errors[0]?.path).toBe('orchestration.worker.alpha.llm.context_window');
  });

  it('19. worker names that collide case-insensitively are rejected, naming both', () => {
    const workers = ['Alpha', 'alpha'].map(
      (name) => `[orchestration.worker.${name}]\ndescription = "d"\npreamble = "p"\n`,
    );
    const error = loadError(`${MINIMAL}\n[orchestration]\nenabled = false\n\n${workers.join('\n')}`);
    expect(error.message).toContain('Duplicate worker name');
    expect(error.message).toContain("'Alpha' and 'alpha'");
    expect(error.issues[0]).toMatchObject({ path: 'orchestration.worker.alpha', line: 17, column: 23 });
  });

  it('20. an in_memory store with an empty OpenAI embedding key is rejected, naming the store', () => {
    const store =
      '[[vector_stores]]\nname = "docs"\ntype = "in_memory"\n\n[vector_stores.embedding_model]\nprovider = "openai"\nmodel = "e"\napi_key = ""\n';
    const error = loadError(`${MINIMAL}\n${store}`);
    expect(error.errors.map((issue) => issue.message)).toEqual([
      "Embedding model API key is required for vector store 'docs'",
    ]);
    expect(error.issues[0]?.path).toBe('vector_stores[0].embedding_model.api_key');
  });

  it('21. bedrock_kb requires knowledge_base_id; managed defaults to false', () => {
    const base = '[[vector_stores]]\nname = "kb"\ntype = "bedrock_kb"\nregion = "us-east-1"\n';
    const error = loadError(`${MINIMAL}\n${base}`);
    expect(error.message).toContain('knowledge_base_id');
    expect(error.issues[0]).toMatchObject({ code: 'missing_key', path: 'vector_stores[0].knowledge_base_id' });
    const withId = load(`${MINIMAL}\n${base}knowledge_base_id = "id"\n`).config.vector_stores[0];
    expect(withId).toMatchObject({ type: 'bedrock_kb', managed: false });
    const managed = load(`${MINIMAL}\n${base}knowledge_base_id = "id"\nmanaged = true\n`).config.vector_stores[0];
    expect(managed).toMatchObject({ managed: true });
  });

  it('22. [mcp] requires servers; stdio servers and scratchpad thresholds parse with defaults', () => {
    const error = loadError(`${MINIMAL}\n[mcp]\nsanitize_schemas = true\n`);
    expect(error.message).toContain('missing field `servers`');
    expect(load(`${MINIMAL}\n[mcp.servers]\n`).config.mcp).toEqual({
      sanitize_schemas: true,
      connect: 'eager',
      servers: {},
    });
    const { config } = load(`${MINIMAL}
[mcp.servers.x]
transport = "stdio"
cmd = ["uvx"]
args = ["a"]
env = { K = "v" }

[mcp.servers.x.scratchpad]
"*_list_*" = { min_tokens = 512 }
d = {}
`);
    expect(config.mcp).toEqual({
      sanitize_schemas: true,
      connect: 'eager',
      servers: {
        x: {
          transport: 'stdio',
          cmd: ['uvx'],
          args: ['a'],
          env: { K: 'v' },
          scratchpad: { '*_list_*': { min_tokens: 512 }, d: { min_tokens: 5120 } },
          prefix_tools: false,
          isolation: 'shared',
        },
      },
    });
  });

  it('23. a directory loads in path order; an empty directory is an error', async () => {
    const full = tempDir({
      'b.toml': MINIMAL.replace('name = "T"', 'name = "B"'),
      'a.toml': MINIMAL.replace('name = "T"', 'name = "A"'),
      'notes.txt': 'ignored',
    });
    const empty = tempDir({ 'readme.md': '# nothing' });
    cleanups.push(full.cleanup, empty.cleanup);
    expect((await loadConfig(full.dir, { env: {} })).map((loaded) => loaded.id)).toEqual(['A', 'B']);
    const error = await configErrorAsync(loadConfig(empty.dir, { env: {} }));
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain('No .toml configuration files found');
  });

  it.each([
    [['name = "X"', 'name = "X"'], "same agent name 'X'"],
    [['name = "X"\nalias = "x"', 'name = "Y"\nalias = "x"'], "Duplicate alias 'x'"],
    [['name = "A"\nalias = "y"', 'name = "y"'], "same agent name 'y'"],
  ])('24. uniqueness of effective ids: %j → %s', async (agents, expected) => {
    const files = Object.fromEntries(
      agents.map((agent, index) => [`${index}.toml`, MINIMAL.replace('name = "T"', agent)]),
    );
    const dir = tempDir(files);
    cleanups.push(dir.cleanup);
    const error = await configErrorAsync(loadConfig(dir.dir, { env: {} }));
    expect(error.message).toContain(expected);
    expect(error.issues[0]).toMatchObject({ code: 'duplicate_id', file: expect.stringContaining('1.toml') });
  });

  it('24. the same name with different aliases is fine', async () => {
    const dir = tempDir({
      'a.toml': MINIMAL.replace('name = "T"', 'name = "X"\nalias = "x1"'),
      'b.toml': MINIMAL.replace('name = "T"', 'name = "X"\nalias = "x2"'),
    });
    cleanups.push(dir.cleanup);
    expect((await loadConfig(dir.dir, { env: {} })).map((loaded) => loaded.id)).toEqual(['x1', 'x2']);
  });

  // 25–27: the matching itself (`tool_matches_filter`, `glob_match`) lives in core; the config
  // guarantees what feeds it: filters kept verbatim, and `[]` distinct from an omitted key.
  it('25. mcp_filter: [] stays an empty list, an omitted key stays undefined, globs are kept verbatim', () => {
    const withFilter = (filter: string) =>
      load(MINIMAL.replace('system_prompt = "S"', `system_prompt = "S"\n${filter}`));
    expect(withFilter('mcp_filter = []').config.agent.mcp_filter).toEqual([]);
    expect(load(MINIMAL).config.agent.mcp_filter).toBeUndefined();
    expect(withFilter('mcp_filter = ["mezmo_*", "Query?"]').config.agent.mcp_filter).toEqual(['mezmo_*', 'Query?']);
  });

  it('26. client_tool_filter: [] is kept as an empty list (core treats it as "all")', () => {
    const { config } = load(MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nclient_tool_filter = []'));
    expect(config.agent.client_tool_filter).toEqual([]);
  });

  it('27. glob patterns in filters are plain strings (no syntax check for simple globs)', () => {
    const filter = 'mcp_filter = ["tool_?", "*", "mezmo_*", "*Query*", "[weird"]';
    const { config } = load(MINIMAL.replace('system_prompt = "S"', `system_prompt = "S"\n${filter}`));
    expect(config.agent.mcp_filter).toEqual(['tool_?', '*', 'mezmo_*', '*Query*', '[weird']);
  });
});
