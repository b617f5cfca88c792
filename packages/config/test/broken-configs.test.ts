/**
 * The broken configs users meet first: each error names file:line:column, the dotted key path,
 * what was expected and a fix — and all errors of a file come back together.
 */
import { formatConfigIssues, loadConfig } from '@aura/config';
import { afterEach, describe, expect, it } from 'vitest';
import { configErrorAsync, load, loadError, MINIMAL, MINIMAL_AGENT, tempDir } from './helpers.js';

describe('broken configs', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('wrong provider: names the key, lists the providers and suggests the nearest', () => {
    const error = loadError(`${MINIMAL_AGENT}\n[agent.llm]\nprovider = "opneai"\napi_key = "k"\nmodel = "m"\n`);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({
      severity: 'error',
      code: 'invalid_value',
      file: 'test.toml',
      line: 6,
      column: 1,
      path: 'agent.llm.provider',
      hint: 'did you mean `openai`?',
    });
    expect(error.issues[0]?.message).toContain(
      'unknown variant `opneai`, expected one of `openai`, `anthropic`, `bedrock`, `gemini`, `ollama`, `openrouter`',
    );
    expect(error.message).toContain('test.toml:6:1 error agent.llm.provider: unknown variant `opneai`');
  });

  it('missing provider: reports the missing tag with the choices', () => {
    const error = loadError(`${MINIMAL_AGENT}\n[agent.llm]\nmodel = "m"\n`);
    expect(error.issues[0]).toMatchObject({ code: 'missing_key', path: 'agent.llm.provider', line: 5, column: 8 });
    expect(error.issues[0]?.message).toBe('missing field `provider`');
    expect(error.issues[0]?.expected).toContain('`openai`');
  });

  it('unknown key typo in [agent]: error with "did you mean", and the missing key points at the typo', () => {
    const text =
      '[agent]\nname = "T"\nsystm_prompt = "S"\n\n[agent.llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n';
    const error = loadError(text);
    const typo = error.issues.find((issue) => issue.code === 'unknown_key');
    expect(typo).toMatchObject({
      path: 'agent.systm_prompt',
      line: 3,
      column: 1,
      message: 'unknown field `systm_prompt`',
      hint: 'did you mean `system_prompt`?',
    });
    const missing = error.issues.find((issue) => issue.code === 'missing_key');
    expect(missing).toMatchObject({ path: 'agent.system_prompt', message: 'missing field `system_prompt`' });
    expect(missing?.hint).toContain('`systm_prompt`');
    expect(formatConfigIssues(error.issues)).toContain(
      'test.toml:3:1 error agent.systm_prompt: unknown field `systm_prompt`. did you mean `system_prompt`?',
    );
  });

  it('missing required key: points at the table header and says what is expected', () => {
    const error = loadError('[agent]\nname = "T"\n\n[agent.llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n');
    expect(error.issues).toEqual([
      expect.objectContaining({
        code: 'missing_key',
        path: 'agent.system_prompt',
        line: 1,
        column: 2,
        expected: 'string',
        message: 'missing field `system_prompt`',
      }),
    ]);
  });

  it('missing [agent] table: reported at the document root', () => {
    const error = loadError('memory_dir = "/tmp"\n');
    expect(error.issues[0]).toMatchObject({ code: 'missing_key', path: 'agent', message: 'missing field `agent`' });
  });

  it('wrong type: names the TOML types and how to fix quoting', () => {
    const error = loadError(MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nturn_depth = "5"'));
    expect(error.issues[0]).toMatchObject({
      code: 'invalid_type',
      path: 'agent.turn_depth',
      line: 4,
      column: 1,
      message: 'invalid type: expected number, got string',
      hint: 'write numbers without quotes, e.g. 8000',
    });
    const table = loadError(`${MINIMAL}\n[mcp]\nservers = "none"\n`);
    expect(table.issues[0]).toMatchObject({ path: 'mcp.servers', message: 'invalid type: expected table, got string' });
  });

  it('a templated number explains that env values are strings', () => {
    const text = `${MINIMAL}context_window = "{{ env.WINDOW }}"\n`;
    const error = loadError(text, { WINDOW: '128000' });
    expect(error.issues[0]).toMatchObject({ path: 'agent.llm.context_window', line: 9 });
    expect(error.issues[0]?.hint).toContain('{{ env.WINDOW }}');
  });

  it('bad env var: names the variable, the key that uses it and its line; all variables at once', () => {
    const text = `${MINIMAL_AGENT}\n[agent.llm]\nprovider = "openai"\napi_key = "{{ env.MY_KEY }}"\nmodel = "{{ env.MY_MODEL }}"\n\n[mcp.servers.k8s]\ntransport = "http_streamable"\nurl = "{{ env.MY_URL }}"\nheaders = { Authorization = "Bearer {{ env.MY_KEY }}" }\n`;
    const error = loadError(text);
    expect(error.code).toBe('CONFIG_ENV_MISSING');
    expect(error.message.split('\n')[0]).toBe('Missing environment variable(s): MY_KEY, MY_MODEL, MY_URL');
    expect(error.issues.map((issue) => [issue.path, issue.line, issue.column])).toEqual([
      ['agent.llm.api_key', 7, 1],
      ['agent.llm.model', 8, 1],
      ['mcp.servers.k8s.url', 12, 1],
    ]);
    expect(error.issues[0]?.message).toBe(
      'environment variable MY_KEY is not set (also used by mcp.servers.k8s.headers.Authorization)',
    );
    expect(error.issues[0]?.hint).toContain('export MY_KEY=your_value');
  });

  it('bad env var plus a real error: both are reported, the code says the config is invalid', () => {
    const text = MINIMAL.replace('api_key = "k"', 'api_key = "{{ env.MY_KEY }}"').replace('name = "T"', 'nam = "T"');
    const error = loadError(text);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.code).sort()).toEqual(['env_missing', 'missing_key', 'unknown_key']);
    expect(error.message).toContain('Missing environment variable(s): MY_KEY');
  });

  it('a templated provider whose variable is unset reports only the variable (no follow-on noise)', () => {
    const text = `${MINIMAL_AGENT}\n[agent.llm]\nprovider = "{{ env.LLM_PROVIDER }}"\napi_key = "k"\nmodel = "m"\n`;
    const error = loadError(text);
    expect(error.code).toBe('CONFIG_ENV_MISSING');
    expect(error.issues.map((issue) => issue.path)).toEqual(['agent.llm.provider']);
  });

  it('duplicate alias across files: names the second file and line, and where the first one is', async () => {
    const dir = tempDir({
      'a.toml': MINIMAL.replace('name = "T"', 'name = "SRE"\nalias = "sre"'),
      'b.toml': MINIMAL.replace('name = "T"', 'name = "Other"\nalias = "sre"'),
    });
    cleanups.push(dir.cleanup);
    const error = await configErrorAsync(loadConfig(dir.dir, { env: {} }));
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({
      code: 'duplicate_id',
      file: `${dir.dir}/b.toml`,
      line: 3,
      column: 1,
      path: 'agent.alias',
      message: "Duplicate alias 'sre'! Configurations must have a unique alias.",
    });
    expect(error.issues[0]?.hint).toContain(`${dir.dir}/a.toml:3:1`);
  });

  it('errors of several files come back together', async () => {
    const dir = tempDir({
      'a.toml': MINIMAL.replace('provider = "openai"', 'provider = "openia"'),
      'b.toml': MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nturn_dept = 3'),
      'c.toml': MINIMAL.replace('name = "T"', 'name = "C"'),
    });
    cleanups.push(dir.cleanup);
    const error = await configErrorAsync(loadConfig(dir.dir, { env: {} }));
    expect(error.issues.map((issue) => [issue.file?.slice(dir.dir.length + 1), issue.path])).toEqual([
      ['a.toml', 'agent.llm.provider'],
      ['b.toml', 'agent.turn_dept'],
    ]);
    expect(error.message).toContain('in 2 files');
  });

  it('legacy [llm]: the migration text at the [llm] header', () => {
    const error = loadError(`${MINIMAL_AGENT}\n[llm]\nprovider = "openai"\napi_key = "k"\nmodel = "m"\n`);
    expect(error.issues).toEqual([expect.objectContaining({ code: 'legacy_llm', path: 'llm', line: 5, column: 2 })]);
    expect(error.issues[0]?.message).toContain('Move it under [agent.llm]');
    expect(error.issues[0]?.hint).toContain('[agent.llm]');
  });

  it('several errors in one file are reported together, in file order', () => {
    const text = `[agent]
name = "T"
system_prompt = "S"
hidden = "yes"
temperature = 0.2

[agent.llm]
provider = "ollama"
model = "m"
api_key = "x"
num_ctx = 8192

[orchestration.timeouts]
per_call_timeout = 30
`;
    const error = loadError(text);
    expect(error.issues.map((issue) => `${issue.line}:${issue.column} ${issue.path}`)).toEqual([
      '4:1 agent.hidden',
      '5:1 agent.temperature',
      '10:1 agent.llm.api_key',
      '11:1 agent.llm.num_ctx',
      '14:1 orchestration.timeouts.per_call_timeout',
    ]);
    expect(error.issues[3]?.hint).toContain('[agent.llm.additional_params]');
    expect(error.issues[4]?.hint).toBe('did you mean `per_call_timeout_secs`?');
    expect(error.message).toContain('Invalid configuration in test.toml: 5 errors');
  });

  it('a top-level key written below a table header gets a TOML-specific hint', () => {
    const error = loadError(
      `${MINIMAL}memory_dir = "/tmp/x"\n`.replace('[agent.llm]', 'memory_dir = "/tmp/x"\n[agent.llm]'),
    );
    const issue = error.issues.find((candidate) => candidate.path === 'agent.memory_dir');
    expect(issue?.hint).toContain('top-level key');
  });

  it('an [agent] key written after the [agent.llm] header is explained, not just rejected', () => {
    const error = loadError(`${MINIMAL}turn_depth = 8\n`);
    expect(error.issues[0]).toMatchObject({ path: 'agent.llm.turn_depth', line: 9, column: 1 });
    expect(error.issues[0]?.hint).toBe(
      '`turn_depth` is a key of [agent]; in TOML every key after [agent.llm] belongs to that table, so move it above [agent.llm]',
    );
  });

  it('with an unknown provider, only keys that no provider accepts are flagged', () => {
    const error = loadError(
      `${MINIMAL_AGENT}\n[agent.llm]\nprovider = "azure"\nmodel = "m"\napi_key = "k"\ndeployment = "d"\n`,
    );
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalid_value', 'agent.llm.provider'],
      ['unknown_key', 'agent.llm.deployment'],
    ]);
  });

  it('secrets are never echoed: keys, headers and env values stay out of every message', () => {
    const secret = 'sk-live-SECRET-123';
    const text = `[agent]
name = "T"
system_prompt = "S"
api_key = "${secret}"

[agent.llm]
provider = "openai"
api_key = "${secret}" oops
`;
    const syntax = loadError(text);
    expect(syntax.message).not.toContain(secret);
    const schema = loadError(
      `[agent]\nname = "T"\nsystem_prompt = "S"\napi_key = "${secret}"\n\n[agent.llm]\nprovider = "openai"\napi_key = 5\nmodel = "m"\n\n[mcp.servers.x]\ntransport = "http_streamable"\nurl = "u"\nheaders = { Authorization = 7, token = "${secret}" }\n`,
      { TOKEN: secret },
    );
    const rendered = `${schema.message}\n${JSON.stringify(schema.issues)}`;
    expect(schema.issues.length).toBeGreaterThanOrEqual(3);
    expect(rendered).not.toContain(secret);
  });

  describe('ignored keys become warnings on a successful load', () => {
    it('a typo in [mcp.servers.x] does not pass in silence', () => {
      const text = `${MINIMAL}\n[mcp.servers.k8s]\ntransport = "http_streamable"\nurl = "http://x"\ndescripton = "d"\n`;
      const { warnings } = load(text);
      expect(warnings).toEqual([
        expect.objectContaining({
          severity: 'warning',
          code: 'unknown_key',
          path: 'mcp.servers.k8s.descripton',
          line: 13,
          column: 1,
          message: 'unknown key `descripton` is ignored',
          hint: 'did you mean `description`?',
        }),
      ]);
    });

    it('a key of another transport is explained', () => {
      const text = `${MINIMAL}\n[mcp.servers.local]\ntransport = "stdio"\ncmd = ["npx"]\nurl = "http://x"\n`;
      expect(load(text).warnings[0]?.hint).toContain('transport = "stdio"');
    });

    it('unknown top-level and [orchestration] keys are warnings', () => {
      const text = `agnet_name = "x"\n${MINIMAL}\n[orchestration]\nquality_threshold = 0.7\n`;
      expect(load(text).warnings.map((issue) => issue.path)).toEqual(['agnet_name', 'orchestration.quality_threshold']);
    });

    it('[agent].context and [tools].custom_tools are accepted but flagged as without effect', () => {
      const text = `${MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\ncontext = ["x"]')}\n[tools]\ncustom_tools = ["y"]\n`;
      const { config, warnings } = load(text);
      expect(config.agent.context).toEqual(['x']);
      expect(config.tools?.custom_tools).toEqual(['y']);
      expect(warnings.map((issue) => [issue.code, issue.path])).toEqual([
        ['no_effect', 'agent.context'],
        ['no_effect', 'tools.custom_tools'],
      ]);
    });

    it('the timeout warnings of core-spec §1.12 step 5', () => {
      const text = `${MINIMAL}
[orchestration]
enabled = true

[orchestration.timeouts]
per_call_timeout_secs = 30
stream_inactivity_timeout_secs = 30

[hitl]
[hitl.route]
mode = "conversational"
`;
      const { warnings } = load(text);
      expect(warnings.map((issue) => issue.path)).toEqual([
        'orchestration.timeouts.stream_inactivity_timeout_secs',
        'hitl.route.timeout_secs',
      ]);
      const off = load(`${MINIMAL}\n[orchestration]\nenabled = true\n`);
      expect(off.warnings[0]?.message).toContain('both orchestration timeouts are 0');
    });
  });

  describe('[hitl]', () => {
    const hitl = (body: string) => `${MINIMAL}\n[hitl]\n${body}\n`;

    it('parses a webhook route with defaults and lowercases tool header overrides', () => {
      const { config } = load(
        hitl(
          'require_approval = ["kubectl_*", "restart_[a-z]*"]\n\n[hitl.route]\nmode = "webhook"\nurl = "https://approvals.example.com/aura"\ntool_headers_from_response = { "Authorization" = "X-Approver-Token" }',
        ),
      );
      expect(config.hitl).toEqual({
        require_approval: ['kubectl_*', 'restart_[a-z]*'],
        route: {
          mode: 'webhook',
          url: 'https://approvals.example.com/aura',
          timeout_secs: 300,
          headers: {},
          headers_from_request: {},
          tool_headers_from_response: { authorization: 'x-approver-token' },
        },
      });
      expect(load(hitl('[hitl.route]\nmode = "conversational"')).config.hitl?.route).toEqual({
        mode: 'conversational',
        timeout_secs: 60,
      });
    });

    it('rejects bad globs, a non-http webhook url, reserved and duplicate headers, and a missing route', () => {
      const error = loadError(
        hitl(
          'require_approval = ["ok_*", "kubectl_["]\n\n[hitl.route]\nmode = "webhook"\nurl = "ftp://x"\ntool_headers_from_response = { "Host" = "x", "A" = "a", "a" = "b" }',
        ),
      );
      expect(error.issues.map((issue) => [issue.path, issue.message])).toEqual([
        ['hitl.require_approval[1]', "invalid glob pattern: unclosed character class: '[' without a matching ']'"],
        ['hitl.route.url', 'webhook url must start with http:// or https://'],
        ['hitl.route.tool_headers_from_response.Host', 'reserved transport header cannot be overridden: host'],
        ['hitl.route.tool_headers_from_response.a', 'duplicate tool header override name after lowercasing: a'],
      ]);
      expect(error.issues[0]).toMatchObject({ line: 11, column: 29 });
      const noRoute = loadError(hitl('require_approval = ["x"]'));
      expect(noRoute.issues[0]).toMatchObject({ code: 'missing_key', path: 'hitl.route' });
    });
  });
});
