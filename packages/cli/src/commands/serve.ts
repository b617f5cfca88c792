/**
 * `aura serve`: load and validate the config(s) before binding, build the runtime, connect eager MCP servers,
 * serve the OpenAI-compatible API, and shut down gracefully on SIGTERM/SIGINT. `startServer` is the same
 * sequence without signal handlers, for tests and embedding.
 */
import { resolve } from 'node:path';
import { formatConfigIssues, type LoadedConfig, loadConfig, resolveDefaultAgent } from '@aura/config';
import { type AgentRuntime, type AgentRuntimeOptions, createAgentRuntime } from '@aura/core';
import {
  type AuraServer,
  createAuraServer,
  createGracefulShutdown,
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
  /** Resolves once the server has shut down. */
  readonly done: Promise<void>;
}

/**
 * Loads the configs, checks `DEFAULT_AGENT`, builds the runtime, connects eager MCP servers and binds.
 *
 * @throws {ConfigError} for invalid configs or an unknown `DEFAULT_AGENT` — before anything is bound.
 * @throws {AuraError} `INTERNAL` when the address cannot be bound (the runtime is closed first).
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { settings, logger } = options;
  const loaded = await loadConfig(resolve(options.io.cwd, settings.configPath), { env: options.io.env });
  for (const config of loaded) {
    const { provider, model } = config.config.agent.llm;
    logger.startup(`Loaded agent '${config.id}' (${provider}/${model})`);
    if (config.warnings.length > 0) logger.warn(formatConfigIssues(config.warnings));
  }
  resolveDefaultAgent(loaded, settings.server.defaultAgent);
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
    serverUrl: settings.serverUrl,
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
  const done = shutdown.done.then(() => {
    removeSignals();
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
  const running = await startServer({ settings, io, logger, installSignalHandlers: true });
  await running.done;
  return 0;
}
