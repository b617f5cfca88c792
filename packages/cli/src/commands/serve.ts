/**
 * `aura serve`: load and validate the config(s) before binding, build the runtime, connect eager MCP servers,
 * serve the OpenAI-compatible API, and shut down gracefully on SIGTERM/SIGINT. `startServer` is the same
 * sequence without signal handlers, for tests and embedding. `--demo` / `AURA_DEMO` serves the configs on the
 * test kit's scripted demo model and demo MCP server instead of real ones (see `../demo/`).
 */
import { resolve } from 'node:path';
import { formatConfigIssues, type LoadedConfig, loadConfig, resolveDefaultAgent } from '@aura/config';
import { type AgentRuntime, type AgentRuntimeOptions, createAgentRuntime } from '@aura/core';
import {
  type AuraServer,
  createAuraServer,
  createGracefulShutdown,
  deriveServerUrl,
  installShutdownSignals,
  parseServeSettings,
  SERVE_OPTIONS,
  type ServeFlagValue,
  type ServeOptionName,
  type ServeSettings,
  serveNode,
  timeoutAdvisories,
} from '@aura/server';
import { Option } from 'commander';
import { serveDemoBanner } from '../demo/banners.js';
import type { DemoBackend, DemoBackendOptions } from '../demo/demo-backend.js';
import { toDemoConfig } from '../demo/demo-config.js';
import { demoRequested } from '../demo/demo-flag.js';
import type { CliIo } from '../io.js';
import { type CliLogger, createCliLogger } from '../logger.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  readonly settings: ServeSettings;
  /** Environment (config templating) and working directory (relative config path). */
  readonly io: Pick<CliIo, 'env' | 'cwd'>;
  readonly logger: CliLogger;
  /** Builds models; tests point providers at the mock provider. Default: the real provider packages. */
  readonly createModel?: AgentRuntimeOptions['createModel'];
  /** Install SIGTERM/SIGINT handlers (the `aura serve` command does). Default false. */
  readonly installSignalHandlers?: boolean;
  /** Configs already loaded (`aura start` loads the quickstart itself). Default: load `settings.configPath`. */
  readonly configs?: readonly LoadedConfig[];
  /**
   * Demo mode: start the scripted demo model and the demo MCP server in process, run every agent and worker on
   * the former and give them the latter (`true` for the default pace). Unset `{{ env.X }}` variables are then
   * warnings, not errors (the demo replaces the models they usually feed). Default off.
   */
  readonly demo?: boolean | DemoBackendOptions;
}

/** What demo mode started (see {@link StartServerOptions.demo}). */
export interface RunningDemo {
  readonly backend: DemoBackend;
  /** The name the demo MCP server has in the configs (`demo`, unless a config already used it). */
  readonly mcpServerName: string;
}

/** A running server. */
export interface RunningServer {
  /** `http://<bound address>:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly server: AuraServer;
  readonly runtime: AgentRuntime;
  /** Graceful shutdown (the same sequence as SIGTERM); resolves when the server has stopped. */
  close(reason?: string): Promise<void>;
  /** Resolves once the server has shut down (and the demo backend, if any, has stopped). */
  readonly done: Promise<void>;
  /** The demo backend, in demo mode. */
  readonly demo: RunningDemo | undefined;
}

/**
 * Loads the configs, checks `DEFAULT_AGENT`, builds the runtime, connects eager MCP servers and binds.
 *
 * @throws {ConfigError} for invalid configs or an unknown `DEFAULT_AGENT` — before anything is bound.
 * @throws {AuraError} `INTERNAL` when the address cannot be bound (the runtime is closed first).
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { settings, logger } = options;
  const demoOptions = options.demo === true ? {} : options.demo === false ? undefined : options.demo;
  let loaded =
    options.configs === undefined
      ? await loadConfig(resolve(options.io.cwd, settings.configPath), {
          env: options.io.env,
          ...(demoOptions === undefined ? {} : { missingEnv: 'warn' as const }),
        })
      : [...options.configs];
  resolveDefaultAgent(loaded, settings.server.defaultAgent);
  let demo: RunningDemo | undefined;
  if (demoOptions !== undefined) {
    // Loaded on demand: the test kit (mock provider, MCP server) is only needed in demo mode.
    const { startDemoBackend } = await import('../demo/demo-backend.js');
    const backend = await startDemoBackend(demoOptions);
    const endpoints = {
      openaiBaseUrl: backend.provider.urls.openai,
      mcpUrl: backend.mcp.url,
      toolNames: backend.toolNames,
    };
    try {
      const rewritten = loaded.map((config) => toDemoConfig(config, endpoints));
      loaded = rewritten.map((entry) => entry.loaded);
      demo = { backend, mcpServerName: rewritten[0]?.mcpServerName ?? 'demo' };
      logger.startup('Demo mode: every agent runs on the scripted demo model; no model is called', {
        mockProvider: backend.provider.url,
        demoMcpServer: backend.mcp.url,
      });
    } catch (error) {
      await backend.close();
      throw error;
    }
  }
  try {
    return await serveLoaded(options, loaded, demo);
  } catch (error) {
    await demo?.backend.close();
    throw error;
  }
}

async function serveLoaded(
  options: StartServerOptions,
  loaded: readonly LoadedConfig[],
  demo: RunningDemo | undefined,
): Promise<RunningServer> {
  const { settings, logger } = options;
  for (const config of loaded) {
    const { provider, model } = config.config.agent.llm;
    logger.startup(`Loaded agent '${config.id}' (${provider}/${model})`);
    if (config.warnings.length > 0) logger.warn(formatConfigIssues(config.warnings));
  }
  for (const warning of timeoutAdvisories(loaded, settings.server)) logger.warn(warning);
  if (settings.enableA2a) {
    logger.warn('A2A (--enable-a2a / AURA_ENABLE_A2A) is not available in this version; its routes are not mounted');
  }
  const runtime = createAgentRuntime({
    agents: loaded.map(runtimeAgent),
    logger,
    cwd: options.io.cwd,
    streamingTimeoutSecs: settings.server.streamingTimeoutSecs,
    promptJournal: settings.promptJournal,
    escapeHatch: settings.escapeHatch,
    ...(options.createModel === undefined ? {} : { createModel: options.createModel }),
  });
  const server = createAuraServer(runtime, settings.server, { logger });
  let http: Awaited<ReturnType<typeof serveNode>>;
  try {
    await runtime.start();
    http = await serveNode(server.app, { host: settings.host, port: settings.port });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  logger.startup(`Aura listening on ${http.url}`, {
    agents: loaded.map((config) => config.id),
    auth: settings.server.apiKeys.length > 0 ? `${settings.server.apiKeys.length} API key(s)` : 'off',
    // Derived from the bound port, so `--port 0` shows the port actually used.
    serverUrl: settings.serverUrl ?? deriveServerUrl(settings.host, http.port),
  });
  const shutdown = createGracefulShutdown({
    controller: server.controller,
    runtime,
    server: http,
    shutdownTimeoutSecs: settings.server.shutdownTimeoutSecs,
    logger,
  });
  const removeSignals =
    options.installSignalHandlers === true
      ? installShutdownSignals({
          onSignal: (signal) => {
            logger.startup(
              `Received ${signal}: shutting down (in-flight requests get up to ${settings.server.shutdownTimeoutSecs} s; send it again to exit at once)`,
            );
            void shutdown.shutdown(signal);
          },
        })
      : () => undefined;
  const done = shutdown.done.then(async () => {
    removeSignals();
    await demo?.backend.close();
    logger.startup('Aura stopped');
  });
  return {
    url: http.url,
    port: http.port,
    server,
    runtime,
    close: async (reason = 'close requested') => {
      await shutdown.shutdown(reason);
      await done;
    },
    done,
    demo,
  };
}

function runtimeAgent(loaded: LoadedConfig) {
  return { id: loaded.id, config: loaded.config, ...(loaded.file === undefined ? {} : { file: loaded.file }) };
}

/** The commander options of `aura serve`, built from the shared option table, with their setting names. */
export function serveCommandOptions(): { readonly option: Option; readonly name: ServeOptionName }[] {
  return SERVE_OPTIONS.flatMap((spec) => {
    if (spec.flag === undefined) return [];
    const flags = [spec.short, spec.flag].filter((part) => part !== undefined).join(', ');
    const value =
      spec.kind === 'presence' ? '' : spec.kind === 'boolean' ? ' [bool]' : ` ${spec.valueName ?? '<value>'}`;
    const env = spec.env === undefined ? '' : `env ${spec.env}, `;
    const option = new Option(`${flags}${value}`, `${spec.meaning} (${env}default ${spec.defaultText})`);
    return [{ option, name: spec.name }];
  });
}

/** Help lines for the options that exist only as environment variables (keys stay out of `ps`). */
export function serveEnvironmentOnlyHelp(): string {
  return SERVE_OPTIONS.filter((spec) => spec.flag === undefined && spec.env !== undefined)
    .map((spec) => `  ${spec.env}  ${spec.meaning} (default ${spec.defaultText})`)
    .join('\n');
}

/**
 * `aura serve`: runs until SIGTERM/SIGINT and resolves to 0 after a graceful shutdown.
 *
 * @param flags commander's parsed options (attribute names).
 * @throws {ConfigError} for bad options, invalid configs or an unknown `DEFAULT_AGENT` (printed by `main`).
 */
export async function serveCommand(flags: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const byName: Partial<Record<ServeOptionName, ServeFlagValue>> = {};
  for (const { option, name } of serveCommandOptions()) {
    const value = flags[option.attributeName()];
    if (typeof value === 'string' || typeof value === 'boolean') byName[name] = value;
  }
  const settings = parseServeSettings({ flags: byName, env: io.env, cwd: io.cwd });
  const logger = createCliLogger({
    level: settings.logLevel,
    format: settings.logFormat,
    write: io.stderr,
    color: io.isTty,
  });
  const demo = demoRequested(flags.demo, io.env);
  const running = await startServer({ settings, io, logger, installSignalHandlers: true, demo });
  if (running.demo !== undefined) {
    io.stdout(
      serveDemoBanner({
        url: running.url,
        model: settings.server.defaultAgent ?? running.runtime.agents[0]?.id ?? 'aura',
        auth: settings.server.apiKeys.length > 0,
        mcpServerName: running.demo.mcpServerName,
        toolNames: running.demo.backend.toolNames,
        customEvents: settings.server.customEvents,
      }),
    );
  }
  await running.done;
  return 0;
}
