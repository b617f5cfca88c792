/**
 * `aura start` (what `npm start` runs): serves the quickstart config with the model taken from the environment,
 * or, when no provider is configured, as the offline demo (scripted model + demo MCP server, clearly labelled).
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AuraConfig, defineConfig, type LoadedConfig, loadConfig } from '@aura/config';
import { parseServeSettings } from '@aura/server';
import { startBanner } from '../demo/banners.js';
import type { DemoBackendOptions } from '../demo/demo-backend.js';
import { demoRequested } from '../demo/demo-flag.js';
import { type ProbeLocalOllamaOptions, pickOllamaModel, probeLocalOllama } from '../demo/local-ollama.js';
import type { CliIo } from '../io.js';
import { createCliLogger } from '../logger.js';
import { type DetectedProvider, detectProvider } from '../provider-from-env.js';
import { type RunningServer, startServer } from './serve.js';

/** The quickstart as `npm start` finds it, relative to the working directory. */
export const QUICKSTART_PATH = 'examples/quickstart.toml';

/** The repository's quickstart (this file sits at packages/cli/{src,dist}/commands/). */
const BUNDLED_QUICKSTART = fileURLToPath(new URL('../../../../examples/quickstart.toml', import.meta.url));

/**
 * Serve options `aura start` turns on unless the environment says otherwise: `aura.*` events, so `curl` and the
 * CLI show the plan → workers → answer flow.
 */
export const QUICKSTART_ENV_DEFAULTS: Readonly<Record<string, string>> = { AURA_CUSTOM_EVENTS: 'true' };

/**
 * Loads the quickstart config with the model `detected` (default: {@link detectProvider} on `env`) and returns
 * it with the detection result. The model replaces `[agent.llm]` (workers without their own `llm` inherit it),
 * so the quickstart works for every provider, including those without an API key. Without a model the file's
 * `[agent.llm]` keeps placeholder values (demo mode replaces them).
 */
export async function loadQuickstart(
  path: string,
  env: NodeJS.ProcessEnv,
  detected: DetectedProvider | undefined = detectProvider(env),
): Promise<{ config: AuraConfig; id: string; file: string | undefined; detected: DetectedProvider | undefined }> {
  // The file's own [agent.llm] reads LLM_* variables; give it values that validate, then replace it.
  const [loaded] = await loadConfig(path, {
    env: { ...env, LLM_PROVIDER: 'openai', LLM_API_KEY: 'unused', LLM_MODEL: 'unused' },
  });
  if (loaded === undefined) throw new Error(`no agent in ${path}`);
  const file = loaded.file;
  if (detected === undefined) return { config: loaded.config, id: loaded.id, file, detected };
  // Keep the file's model-independent settings (context_window feeds the scratchpad budget).
  const contextWindow = loaded.config.agent.llm.context_window;
  const llm = contextWindow === undefined ? detected.llm : { context_window: contextWindow, ...detected.llm };
  const config = defineConfig({ ...loaded.config, agent: { ...loaded.config.agent, llm } });
  return { config, id: loaded.id, file, detected };
}

/** The provider of the quickstart and, when a local Ollama could not be used, why. */
export interface QuickstartProvider {
  readonly detected: DetectedProvider | undefined;
  readonly note?: string;
}

/**
 * {@link detectProvider}, then a reachable local Ollama (`GET http://127.0.0.1:11434/api/tags`, short timeout)
 * with one of its models. `ollama: false` skips the probe. Never throws.
 */
export async function detectQuickstartProvider(
  env: NodeJS.ProcessEnv,
  options: { readonly ollama?: ProbeLocalOllamaOptions | false } = {},
): Promise<QuickstartProvider> {
  const fromEnv = detectProvider(env);
  if (fromEnv !== undefined || options.ollama === false) return { detected: fromEnv };
  const ollama = await probeLocalOllama(options.ollama ?? {});
  if (ollama === undefined) return { detected: undefined };
  const model = pickOllamaModel(ollama, env.LLM_MODEL);
  if (model === undefined) {
    return {
      detected: undefined,
      note: `a local Ollama answers at ${ollama.url} but has no models; run \`ollama pull qwen3:8b\` to use it.`,
    };
  }
  return {
    detected: {
      llm: { provider: 'ollama', base_url: ollama.url, model, fallback_tool_parsing: false },
      source: `a local Ollama at ${ollama.url}`,
    },
  };
}

/** Options of {@link startQuickstart}. */
export interface StartQuickstartOptions {
  /** Config to serve. Default: `examples/quickstart.toml` in the working directory, else the repository's. */
  readonly config?: string;
  /** Run the offline demo even when a provider is configured (`--demo`; also `AURA_DEMO`). Default false. */
  readonly demo?: boolean;
  /** Pace of the demo (tests make it instant). */
  readonly demoBackend?: DemoBackendOptions;
  /** The local Ollama probe (`false` skips it). Default: probe `http://127.0.0.1:11434`. */
  readonly ollama?: ProbeLocalOllamaOptions | false;
  /** Install SIGTERM/SIGINT handlers. Default false. */
  readonly installSignalHandlers?: boolean;
}

/** A running quickstart. */
export interface RunningQuickstart {
  readonly server: RunningServer;
  /** The real provider, or `undefined` in demo mode. */
  readonly detected: DetectedProvider | undefined;
  /** What was printed on stdout. */
  readonly banner: string;
}

/**
 * Starts the quickstart: picks the provider ({@link detectQuickstartProvider}; none or `demo` → demo mode), loads
 * the config, serves it with `HOST` / `PORT` and every other serve variable honoured (`AURA_CUSTOM_EVENTS`
 * defaults to true here) and prints the banner with a `curl` line on stdout.
 *
 * @throws {ConfigError} for an invalid config or serve variable; {@link AuraError} when the port cannot be bound.
 */
export async function startQuickstart(options: StartQuickstartOptions, io: CliIo): Promise<RunningQuickstart> {
  const path = quickstartPath(options.config, io.cwd);
  const shownPath = options.config ?? relative(io.cwd, path);
  const demo = options.demo === true || demoRequested(undefined, io.env);
  const provider: QuickstartProvider = demo
    ? { detected: undefined }
    : await detectQuickstartProvider(io.env, options.ollama === undefined ? {} : { ollama: options.ollama });
  const quickstart = await loadQuickstart(path, io.env, provider.detected);
  const loaded: LoadedConfig = {
    id: quickstart.id,
    config: quickstart.config,
    warnings: [],
    ...(quickstart.file === undefined ? {} : { file: quickstart.file }),
  };
  const settings = parseServeSettings({
    env: { ...QUICKSTART_ENV_DEFAULTS, ...io.env, CONFIG_PATH: path },
    cwd: io.cwd,
  });
  const logger = createCliLogger({
    level: settings.logLevel,
    format: settings.logFormat,
    write: io.stderr,
    color: io.isTty,
  });
  const server = await startServer({
    settings,
    io,
    logger,
    configs: [loaded],
    installSignalHandlers: options.installSignalHandlers === true,
    ...(provider.detected === undefined ? { demo: options.demoBackend ?? true } : {}),
  });
  const { config } = quickstart;
  const workers = Object.keys(config.orchestration?.worker ?? {});
  const detected = provider.detected;
  const banner = startBanner({
    configPath: shownPath,
    url: server.url,
    model: quickstart.id,
    auth: settings.server.apiKeys.length > 0,
    agentDescription:
      config.orchestration?.enabled === true
        ? `an orchestrator with ${workers.length} worker${workers.length === 1 ? '' : 's'} (${workers.join(', ')})`
        : 'a single agent',
    modelSource:
      detected === undefined ? undefined : `${detected.llm.provider}/${detected.llm.model} (from ${detected.source})`,
    demo:
      server.demo === undefined
        ? undefined
        : { mcpServerName: server.demo.mcpServerName, toolNames: server.demo.backend.toolNames },
    customEvents: settings.server.customEvents,
    hasOwnMcpServers: Object.keys(config.mcp?.servers ?? {}).length > 0,
    detectionNote: provider.note,
  });
  io.stdout(banner);
  return { server, detected: provider.detected, banner };
}

function quickstartPath(config: string | undefined, cwd: string): string {
  if (config !== undefined) return resolve(cwd, config);
  const local = resolve(cwd, QUICKSTART_PATH);
  return existsSync(local) ? local : BUNDLED_QUICKSTART;
}

/** `aura start`: serves the quickstart until SIGTERM/SIGINT; resolves to 0 after a graceful shutdown. */
export async function startCommand(
  options: { readonly config?: string; readonly demo?: boolean },
  io: CliIo,
): Promise<number> {
  const running = await startQuickstart(
    {
      ...(options.config === undefined ? {} : { config: options.config }),
      demo: options.demo === true,
      installSignalHandlers: true,
    },
    io,
  );
  await running.server.done;
  return 0;
}
