/**
 * Every config the reference ships (../shared/fixtures/aura-configs) must load with the same
 * meaning. Fails loudly — never skips — when the fixtures directory is missing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { effectiveMemoryDir, effectiveWorkerLlm, type LoadedConfig, loadConfig } from '@aura/config';
import { beforeAll, describe, expect, it } from 'vitest';
import { configErrorAsync, FIXTURE_ENV, fixturesDir } from './helpers.js';

describe('reference fixture configs', () => {
  it('the fixtures directory exists (this suite must not silently pass without it)', () => {
    expect(existsSync(fixturesDir), `missing fixtures directory ${fixturesDir}`).toBe(true);
    expect(readdirSync(fixturesDir).filter((name) => name.endsWith('.toml')).length).toBeGreaterThanOrEqual(20);
  });

  const loaded = new Map<string, LoadedConfig>();
  beforeAll(async () => {
    for (const name of readdirSync(fixturesDir).filter((entry) => entry.endsWith('.toml'))) {
      const [config] = await loadConfig(join(fixturesDir, name), { env: FIXTURE_ENV });
      if (config !== undefined) loaded.set(name, config);
    }
  });
  const get = (name: string): LoadedConfig => {
    const config = loaded.get(name);
    if (config === undefined) throw new Error(`fixture ${name} did not load`);
    return config;
  };

  it('every fixture loads, with no warnings except the known ignored `quality_threshold`', () => {
    const names = readdirSync(fixturesDir).filter((entry) => entry.endsWith('.toml'));
    expect([...loaded.keys()].sort()).toEqual(names.sort());
    const warnings = [...loaded].flatMap(([name, config]) => config.warnings.map((issue) => `${name} ${issue.path}`));
    expect(warnings.sort()).toEqual([
      'examples_quickstart-orchestration-math_config.toml orchestration.quality_threshold',
      'quickstart.toml orchestration.quality_threshold',
    ]);
  });

  it('the directory as a whole is rejected, like the reference: two names repeat without aliases', async () => {
    const error = await configErrorAsync(loadConfig(fixturesDir, { env: FIXTURE_ENV }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.errors.map((issue) => [basename(issue.file ?? ''), issue.path, issue.message])).toEqual([
      [
        'examples_quickstart-orchestration-math_config.toml',
        'agent.name',
        "Multiple configurations with the same agent name 'Math Orchestrator'! Use an alias to differentiate between two agents with the same name.",
      ],
      [
        'examples_reference.toml',
        'agent.name',
        "Multiple configurations with the same agent name 'Assistant'! Use an alias to differentiate between two agents with the same name.",
      ],
    ]);
    expect(error.errors[0]?.hint).toContain('configs_example-math-orchestration.toml:28:1');
  });

  it('quickstart.toml: an orchestrator with three workers, scratchpad and a templated provider', () => {
    const { config, id } = get('quickstart.toml');
    expect(id).toBe('Aura Orchestrator');
    expect(effectiveMemoryDir(config)).toBe('/tmp/aura');
    expect(config.agent.turn_depth).toBe(15);
    expect(config.agent.llm).toEqual({
      provider: 'openai',
      api_key: 'llm-test',
      model: 'gpt-4o',
      context_window: 200000,
    });
    expect(config.agent.scratchpad).toEqual({
      enabled: true,
      context_safety_margin: 0.2,
      max_extraction_tokens: 10000,
      turn_depth_bonus: 6,
    });
    const orchestration = config.orchestration;
    expect(orchestration).toMatchObject({
      enabled: true,
      max_planning_cycles: 2,
      allow_direct_answers: true,
      allow_clarification: true,
      tools_in_planning: 'summary',
      timeouts: { per_call_timeout_secs: 120, stream_inactivity_timeout_secs: 0 },
    });
    const workers = Object.entries(orchestration?.worker ?? {}).map(([name, worker]) => [name, worker.turn_depth]);
    expect(workers).toEqual([
      ['incident-responder', 8],
      ['metrics-analyst', 15],
      ['log-analyst', 10],
    ]);
    expect(orchestration?.worker['log-analyst']?.mcp_filter).toBeUndefined();
    expect(config.mcp).toEqual({ sanitize_schemas: true, connect: 'eager', servers: {} });
  });

  it('quickstart.toml with another provider from the environment', async () => {
    const [config] = await loadConfig(join(fixturesDir, 'quickstart.toml'), {
      env: { ...FIXTURE_ENV, LLM_PROVIDER: 'anthropic' },
    });
    expect(config?.config.agent.llm.provider).toBe('anthropic');
  });

  it('examples_reference.toml: three transports, tools, defaults', () => {
    const { config } = get('examples_reference.toml');
    expect(config.agent).toMatchObject({ name: 'Assistant', turn_depth: 5, hidden: false, enable_client_tools: false });
    expect(config.agent.llm).toEqual({ provider: 'openai', api_key: 'sk-test-openai', model: 'gpt-5.2' });
    expect(config.tools).toEqual({ filesystem: false, custom_tools: [] });
    expect(config.mcp?.servers).toEqual({
      example_http: {
        transport: 'http_streamable',
        url: 'http://localhost:8081/mcp',
        description: 'Example HTTP MCP server',
        headers: { Authorization: 'Bearer mcp-test' },
        headers_from_request: {},
        scratchpad: {},
        prefix_tools: false,
      },
      example_sse: {
        transport: 'sse',
        url: 'http://localhost:8082/sse',
        description: 'Example SSE MCP server',
        headers: {},
        headers_from_request: {},
        scratchpad: {},
        prefix_tools: false,
      },
      example_stdio: {
        transport: 'stdio',
        cmd: ['npx'],
        args: ['-y', '@modelcontextprotocol/server-everything'],
        env: {},
        description: 'Example STDIO MCP server',
        scratchpad: {},
        prefix_tools: false,
        isolation: 'shared',
      },
    });
    expect(config.vector_stores).toEqual([]);
  });

  it('kubernetes-sre-orchestrated-multi-model: workers carry their own LLM; flat memory_dir is folded', () => {
    const { config } = get('examples_complete_kubernetes-sre-orchestrated-multi-model.toml');
    expect(config.agent.llm).toMatchObject({ model: 'gpt-5.4', context_window: 200000 });
    expect(config.mcp?.sanitize_schemas).toBe(false);
    expect(config.tools?.filesystem).toBe(true);
    const orchestration = config.orchestration;
    expect(orchestration?.artifacts.memory_dir).toBe('/tmp/aura-multi-model-observability-orchestration');
    expect(effectiveMemoryDir(config)).toBe('/tmp/aura-multi-model-observability-orchestration');
    expect(orchestration?.tools_in_planning).toBe('full');
    expect(orchestration?.timeouts.per_call_timeout_secs).toBe(180);
    for (const name of ['k8s-discovery', 'prometheus-analyst']) {
      const worker = orchestration?.worker[name];
      expect(worker?.llm).toEqual({
        provider: 'openai',
        api_key: 'sk-test-openai',
        model: 'gpt-4o',
        context_window: 128000,
      });
      if (worker !== undefined) expect(effectiveWorkerLlm(config, worker).model).toBe('gpt-4o');
    }
    expect(orchestration?.worker['k8s-discovery']?.mcp_filter).toHaveLength(14);
  });

  it('examples_minimal_ollama.toml: additional_params and fallback parsing', () => {
    const { config } = get('examples_minimal_ollama.toml');
    expect(config.agent.llm).toEqual({
      provider: 'ollama',
      model: 'qwen3:30b-a3b',
      base_url: 'http://localhost:11434',
      temperature: 0.7,
      fallback_tool_parsing: true,
      additional_params: { num_ctx: 32000 },
    });
  });

  it('minimal providers: bedrock region from env, others with their keys', () => {
    expect(get('examples_minimal_bedrock.toml').config.agent.llm).toEqual({
      provider: 'bedrock',
      model: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
      region: 'us-east-1',
    });
    expect(get('examples_minimal_anthropic.toml').config.agent.llm.provider).toBe('anthropic');
    expect(get('examples_minimal_gemini.toml').config.agent.llm).toMatchObject({
      provider: 'gemini',
      api_key: 'google-test',
    });
    expect(get('examples_minimal_openrouter.toml').config.agent.llm.provider).toBe('openrouter');
  });

  it('hidden agent, aliases, descriptions and model_owner', () => {
    expect(get('examples_complete_hidden-agent.toml').config.agent).toMatchObject({ hidden: true, turn_depth: 2 });
    const datadog = get('examples_complete_incident-response-datadog.toml');
    expect(datadog.id).toBe('incident-response/datadog');
    expect(datadog.config.agent).toMatchObject({
      model_owner: 'mezmo',
      description: 'Incident triage with PagerDuty context and Datadog metrics',
    });
    expect(datadog.config.mcp?.servers.datadog).toMatchObject({
      headers: { 'DD-API-KEY': 'dd-test', 'DD-APPLICATION-KEY': 'dd-app-test' },
    });
  });

  it('a `| default:` placeholder uses the default when the variable is unset', () => {
    const { config } = get('configs_example-math-orchestration.toml');
    expect(config.mcp?.servers.mock).toMatchObject({ url: 'http://127.0.0.1:9999/mcp', headers: {} });
    expect(config.orchestration?.artifacts.memory_dir).toBe('/tmp/aura-math-orchestration');
    expect(config.orchestration?.timeouts.stream_inactivity_timeout_secs).toBe(45);
    expect(config.orchestration?.worker.data?.mcp_filter).toEqual(['list_files', 'chain_tool']);
  });

  it('scratchpad fixtures: per-server thresholds and worker inheritance', () => {
    const { config } = get('configs_integration-scratchpad.toml');
    expect(config.memory_dir).toBe('/tmp/aura-scratchpad-test');
    const server = config.mcp?.servers['scratchpad-test'];
    expect(server?.scratchpad).toEqual({
      'sp_get_large_*': { min_tokens: 50 },
      'sp_get_small_*': { min_tokens: 99999 },
      sp_get_boundary_json: { min_tokens: 125 },
      sp_get_nested_json: { min_tokens: 50 },
    });
    expect(config.orchestration?.worker['data-explorer']?.scratchpad).toBeUndefined();
    expect(config.orchestration).toMatchObject({ allow_direct_answers: false, max_planning_cycles: 1 });
  });

  it('orchestration skills and artifacts sub-table', () => {
    const loadedSkills = get('configs_integration-orchestration.toml');
    expect(loadedSkills.config.agent.skills).toEqual({ local: [{ source: './skills' }] });
    expect(loadedSkills.file).toBe(join(fixturesDir, 'configs_integration-orchestration.toml'));
    expect(loadedSkills.config.orchestration?.artifacts).toEqual({
      memory_dir: '/tmp/aura-orchestration-test',
      result_artifact_threshold: 4000,
      result_summary_length: 2000,
      session_history_turns: 3,
      persistence_drain_timeout_ms: 2000,
      tool_output_artifact_threshold: 500,
      tool_output_duration_threshold_ms: 5000,
      show_tool_reasoning_in_continuation: false,
      max_session_runs: 20,
    });
  });

  it('web-server test config: vector store, header forwarding and a 0.0 temperature', () => {
    const { config, id } = get('crates_aura-web-server_tests_test-config.toml');
    expect(id).toBe('test-assistant');
    expect(config.vector_stores).toEqual([
      {
        name: 'test_docs',
        type: 'in_memory',
        context_prefix: 'Test documentation',
        embedding_model: { provider: 'openai', model: 'text-embedding-ada-002', api_key: 'sk-test-openai' },
      },
    ]);
    expect(config.mcp?.servers.mock_test_server).toMatchObject({
      headers_from_request: {
        Authorization: 'authorization',
        'X-Test-Header1': 'x-test-header1',
        'X-Test-Header2': 'x-test-header2',
      },
    });
    expect(config.agent.llm.temperature).toBe(0);
    expect(config.agent.turn_depth).toBe(3);
  });
});
