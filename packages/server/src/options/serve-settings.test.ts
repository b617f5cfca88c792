import { ConfigError } from '@aura/config';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_OPTIONS } from '../server-options.js';
import { SERVE_OPTIONS, serveOptionsMarkdown } from './serve-option-table.js';
import { parseServeSettings } from './serve-settings.js';

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseServeSettings', () => {
  it('defaults match the reference', () => {
    const settings = parseServeSettings({ env: {} });
    expect(settings).toMatchObject({
      configPath: 'config.toml',
      host: '127.0.0.1',
      port: 8080,
      logLevel: 'warn',
      logFormat: 'pretty',
      serverUrl: undefined,
      enableA2a: false,
      promptJournal: false,
      escapeHatch: true,
    });
    expect(settings.server).toEqual(DEFAULT_SERVER_OPTIONS);
  });

  it('AURA_SERVER_URL is kept (trailing slash trimmed); unset, the server derives it from the bound address', () => {
    expect(parseServeSettings({ env: { AURA_SERVER_URL: 'https://aura.example.com/' } }).serverUrl).toBe(
      'https://aura.example.com',
    );
  });

  it('reads every environment variable, and a flag wins over its variable', () => {
    const settings = parseServeSettings({
      env: {
        CONFIG_PATH: 'agents/',
        HOST: '0.0.0.0',
        PORT: '3000',
        DEFAULT_AGENT: 'sre',
        TOOL_RESULT_MODE: 'open-web-ui',
        TOOL_RESULT_MAX_LENGTH: '0',
        STREAMING_BUFFER_SIZE: '16',
        AURA_CUSTOM_EVENTS: 'yes',
        AURA_EMIT_REASONING: 'on',
        AURA_EMIT_SCRATCHPAD_TOOL_EVENTS: '1',
        AURA_DEBUG_PROVIDER_ERRORS: 't',
        STREAMING_TIMEOUT_SECS: '0',
        FIRST_CHUNK_TIMEOUT_SECS: '5',
        STREAM_INACTIVITY_TIMEOUT_SECS: '7',
        SHUTDOWN_TIMEOUT_SECS: '3',
        AURA_HEARTBEAT_INTERVAL_SECS: '10',
        AURA_MAX_BODY_BYTES: '1024',
        AURA_API_KEYS: 'k1, k2',
        AURA_LOG_FORMAT: 'json',
        AURA_ENABLE_A2A: 'false',
        AURA_PROMPT_JOURNAL: 'true',
        AURA_ESCAPE_HATCH: 'no',
      },
      flags: { port: '4000', customEvents: 'off', verbose: true, toolResultMode: 'aura' },
    });
    expect(settings).toMatchObject({
      configPath: 'agents/',
      host: '0.0.0.0',
      port: 4000,
      logLevel: 'info',
      logFormat: 'json',
      serverUrl: undefined,
      promptJournal: true,
      escapeHatch: false,
    });
    expect(settings.server).toEqual({
      ...DEFAULT_SERVER_OPTIONS,
      defaultAgent: 'sre',
      toolResultMode: 'aura',
      toolResultMaxLength: 0,
      streamingBufferSize: 16,
      customEvents: false,
      emitReasoning: true,
      emitScratchpadToolEvents: true,
      debugProviderErrors: true,
      streamingTimeoutSecs: 0,
      firstChunkTimeoutSecs: 5,
      streamInactivityTimeoutSecs: 7,
      shutdownTimeoutSecs: 3,
      heartbeatIntervalSecs: 10,
      maxBodyBytes: 1024,
      apiKeys: ['k1', 'k2'],
    });
  });

  it('a bare boolean flag means true; -d beats -v; blank values count as unset', () => {
    const settings = parseServeSettings({
      env: { AURA_CUSTOM_EVENTS: 'false', DEFAULT_AGENT: '  ', PORT: '' },
      flags: { customEvents: true, verbose: true, debug: true },
    });
    expect(settings.server.customEvents).toBe(true);
    expect(settings.logLevel).toBe('debug');
    expect(settings.server.defaultAgent).toBeUndefined();
    expect(settings.port).toBe(8080);
  });

  it('reports every bad value at once, naming the flag or variable, never echoing keys', () => {
    const error = errorOf(() =>
      parseServeSettings({
        env: { AURA_CUSTOM_EVENTS: 'maybe', TOOL_RESULT_MODE: 'openwebui', PORT: '99999', AURA_API_KEYS: ' , ' },
        flags: { streamingBufferSize: '0', serverUrl: 'not a url' },
      }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'PORT',
      'TOOL_RESULT_MODE',
      '--server-url',
      'AURA_API_KEYS',
      '--streaming-buffer-size',
      'AURA_CUSTOM_EVENTS',
    ]);
    expect(error.message).toContain("invalid value 'maybe' for --aura-custom-events / AURA_CUSTOM_EVENTS");
    expect(error.issues.find((issue) => issue.path === 'AURA_API_KEYS')?.message).toBe(
      'invalid value for AURA_API_KEYS',
    );
  });

  it('reads API keys from a file (combined with AURA_API_KEYS) and fails on a missing or empty file', () => {
    const files: Record<string, string> = {
      '/etc/aura/keys': '# production\nfile-key\n',
      '/etc/aura/empty': '# none\n',
    };
    const readFile = (path: string): string => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return text;
    };
    const settings = parseServeSettings({
      env: { AURA_API_KEYS: 'env-key', AURA_API_KEYS_FILE: 'keys' },
      cwd: '/etc/aura',
      readFile,
    });
    expect(settings.server.apiKeys).toEqual(['env-key', 'file-key']);
    const missing = errorOf(() => parseServeSettings({ env: {}, flags: { apiKeysFile: '/nope' }, readFile }));
    expect(missing.issues[0]).toMatchObject({ path: '--api-keys-file', message: expect.stringContaining('ENOENT') });
    const empty = errorOf(() => parseServeSettings({ env: { AURA_API_KEYS_FILE: '/etc/aura/empty' }, readFile }));
    expect(empty.issues[0]?.message).toContain('holds no key');
  });
});

describe('the option table', () => {
  it('names every setting once and renders one Markdown row per option', () => {
    const names = SERVE_OPTIONS.map((option) => option.name);
    expect(new Set(names).size).toBe(names.length);
    const envs = SERVE_OPTIONS.flatMap((option) => (option.env === undefined ? [] : [option.env]));
    expect(new Set(envs).size).toBe(envs.length);
    const markdown = serveOptionsMarkdown();
    expect(markdown.split('\n')).toHaveLength(SERVE_OPTIONS.length + 2);
    expect(markdown).toContain('| `-p`, `--port` | `PORT` | `8080` |');
  });
});
