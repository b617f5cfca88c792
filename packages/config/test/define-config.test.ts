/** Embedding without TOML: `defineConfig` validates a typed object with the same rules. */
import {
  type AuraConfig,
  ConfigError,
  type ConfigIssue,
  configId,
  defineConfig,
  effectiveMemoryDir,
} from '@aura/config';
import { describe, expect, it } from 'vitest';
import { configError } from './helpers.js';

describe('defineConfig', () => {
  it('applies defaults and normalises lenient scalars, with the TOML vocabulary', () => {
    const config: AuraConfig = defineConfig({
      agent: {
        name: 'sre',
        system_prompt: 'You are an SRE assistant.',
        hidden: 'true',
        turn_depth: 8000.0,
        llm: { provider: 'anthropic', api_key: 'k', model: 'claude' },
      },
      mcp: { servers: { k8s: { transport: 'http_streamable', url: 'http://k8s/mcp' } } },
    });
    expect(config.agent).toMatchObject({
      hidden: true,
      turn_depth: 8000,
      nudge_last_turn: false,
      skills: { local: [] },
    });
    expect(typeof config.agent.created_at).toBe('number');
    expect(config.mcp).toEqual({
      sanitize_schemas: true,
      connect: 'eager',
      servers: {
        k8s: {
          transport: 'http_streamable',
          url: 'http://k8s/mcp',
          headers: {},
          headers_from_request: {},
          scratchpad: {},
          prefix_tools: false,
        },
      },
    });
    expect(configId(config)).toBe('sre');
  });

  it('folds the flat legacy orchestration keys into artifacts (flat values win)', () => {
    const config = defineConfig({
      agent: { name: 'o', system_prompt: 'p', llm: { provider: 'openai', api_key: 'k', model: 'm' } },
      orchestration: {
        enabled: true,
        memory_path: '/flat',
        result_summary_length: 10,
        artifacts: { memory_dir: '/table', result_summary_length: 99, result_artifact_threshold: 7 },
      },
    });
    expect(config.orchestration?.artifacts).toMatchObject({
      memory_dir: '/flat',
      result_summary_length: 10,
      result_artifact_threshold: 7,
    });
    expect(config.orchestration).not.toHaveProperty('memory_path');
    expect(config.orchestration).not.toHaveProperty('result_summary_length');
    expect(effectiveMemoryDir(config)).toBe('/flat');
  });

  it('top-level memory_dir wins over the orchestration one', () => {
    const config = defineConfig({
      memory_dir: '/top',
      agent: { name: 'o', system_prompt: 'p', llm: { provider: 'ollama', model: 'm' } },
      orchestration: { artifacts: { memory_path: '/legacy' } },
    });
    expect(config.orchestration?.artifacts.memory_dir).toBe('/legacy');
    expect(effectiveMemoryDir(config)).toBe('/top');
  });

  it('rejects memory_dir together with its alias memory_path in one table', () => {
    const error = configError(() =>
      defineConfig({
        agent: { name: 'o', system_prompt: 'p', llm: { provider: 'ollama', model: 'm' } },
        orchestration: { artifacts: { memory_dir: '/a', memory_path: '/b' } },
      }),
    );
    expect(error.issues[0]).toMatchObject({ path: 'orchestration.artifacts.memory_path' });
    expect(error.issues[0]?.message).toContain('duplicate field `memory_dir`');
  });

  it('throws ConfigError with key paths (no file or line) for every error at once', () => {
    const error = configError(() =>
      defineConfig({
        agent: {
          name: 'x',
          system_prompt: 'p',
          llm: { provider: 'openai', api_key: '', model: 'm' },
          skills: { local: [{ source: '' }] },
        },
        vector_stores: [
          {
            name: 'docs',
            type: 'qdrant',
            url: 'u',
            collection_name: 'c',
            embedding_model: { provider: 'bedrock', model: 'e', region: '' },
          },
        ],
      }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([
      ['agent.llm.api_key', 'LLM API key is required for [agent.llm]'],
      [
        'vector_stores[0].embedding_model.region',
        "Embedding model region is required for Bedrock provider in vector store 'docs'",
      ],
      ['agent.skills.local[0].source', 'Skill source path cannot be empty'],
    ]);
    expect(error.issues.every((issue) => issue.file === undefined && issue.line === undefined)).toBe(true);
  });

  it('reports warnings through onWarning', () => {
    const warnings: ConfigIssue[] = [];
    defineConfig(
      {
        agent: { name: 'x', system_prompt: 'p', context: ['unused'], llm: { provider: 'ollama', model: 'm' } },
      },
      { onWarning: (issue) => warnings.push(issue) },
    );
    expect(warnings.map((issue) => issue.code)).toEqual(['no_effect']);
  });

  it('rejects unknown keys in [agent] even from untyped JavaScript objects', () => {
    const input: unknown = JSON.parse('{"agent":{"name":"x","system_prompt":"p","systemPrompt":"q"}}');
    // Simulates a JavaScript caller: the object is not checked by TypeScript.
    const error = configError(() => defineConfig(input as Parameters<typeof defineConfig>[0]));
    expect(error.issues.find((issue) => issue.code === 'unknown_key')).toMatchObject({
      path: 'agent.systemPrompt',
      hint: 'did you mean `system_prompt`?',
    });
  });
});
