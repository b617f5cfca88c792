/**
 * @module @aura/cli — the `aura` command. `main(argv)` returns the exit code instead of exiting, so it can
 * be driven in-process by tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, formatConfigIssues, loadDotenv } from '@aura/config';
import { Command, CommanderError } from 'commander';
import { schemaCommand } from './commands/schema.js';
import { serveCommand, serveCommandOptions, serveEnvironmentOnlyHelp } from './commands/serve.js';
import { startCommand } from './commands/start.js';
import { validateCommand } from './commands/validate.js';
import { type CliIo, processIo } from './io.js';
import { AURA_VERSION } from './version.js';

/** Builds the commander program; actions store their exit code in `result`. */
function buildProgram(io: CliIo, result: { code: number }): Command {
  const program = new Command('aura')
    .description(
      'Aura: a production agent harness. Agents in TOML, six LLM providers, MCP tools, an OpenAI-compatible API.',
    )
    .version(AURA_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run `aura --help` for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  program
    .command('validate')
    .description(
      'Check config files or directories exactly as the server would load them; prints one line per agent, or every error with file:line:col.',
    )
    .argument('[paths...]', 'config files or directories of *.toml (default: $CONFIG_PATH, else config.toml)')
    .option('--require-env', 'treat unset {{ env.X }} variables as errors (default: warnings, for CI without secrets)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nA .env file in the working directory is read first (variables already set win).\nExit status: 0 when every config is valid, 1 otherwise.',
    )
    .action(async (paths: string[], options: { requireEnv?: boolean; json?: boolean }) => {
      loadDotenvFromCwd(io);
      const targets = paths.length > 0 ? paths : [io.env.CONFIG_PATH ?? 'config.toml'];
      result.code = await validateCommand(
        targets,
        { requireEnv: options.requireEnv === true, json: options.json === true },
        io,
      );
    });

  program
    .command('schema')
    .description('Print the JSON Schema of the config language (for editor completion and checking).')
    .option('-o, --output <file>', 'write the schema to a file instead of stdout')
    .option('-f, --format <format>', 'json (JSON Schema) or markdown (the reference in docs/configuration.md)', 'json')
    .addHelpText('after', '\nUse it with Even Better TOML / Taplo: add `#:schema ./aura.schema.json` to a config.')
    .action(async (options: { output?: string; format?: string }) => {
      result.code = await schemaCommand(options, io);
    });

  const serve = program
    .command('serve')
    .description(
      'Serve the agents over the OpenAI-compatible API (/v1/chat/completions, /v1/models, /aura/info, /health). Every option is a flag or an environment variable; a flag wins.',
    )
    .option(
      '--demo',
      "demo mode: run every agent on Aura's scripted demo model and give it the demo MCP server (canned SRE data); no model is called (env AURA_DEMO, default off)",
    )
    .addHelpText(
      'after',
      `\nEnvironment only:\n${serveEnvironmentOnlyHelp()}\n\nA .env file in the working directory is read first (variables already set win). The config is validated before\nthe port is bound. SIGTERM/SIGINT shut down gracefully (a second signal exits at once). Booleans accept\n1/true/t/yes/y/on and 0/false/f/no/n/off. See docs/server.md.`,
    )
    .action(async (options: Record<string, unknown>) => {
      loadDotenvFromCwd(io);
      result.code = await serveCommand(options, io);
    });
  for (const { option } of serveCommandOptions()) serve.addOption(option);

  program
    .command('start')
    .description(
      'What `npm start` runs: serve the quickstart with the provider taken from the environment, or the offline demo when none is configured.',
    )
    .option('-c, --config <path>', 'config to start with (default: examples/quickstart.toml)')
    .option('--demo', 'run the offline demo even when a provider is configured (env AURA_DEMO)')
    .addHelpText(
      'after',
      [
        '',
        'The provider is the first of: LLM_PROVIDER (+ LLM_API_KEY, LLM_MODEL), OPENAI_API_KEY, ANTHROPIC_API_KEY,',
        'GEMINI_API_KEY / GOOGLE_API_KEY, OPENROUTER_API_KEY, OLLAMA_HOST, AWS credentials, a local Ollama on port',
        "11434. With none, the demo runs: answers are scripted by Aura's test kit and the tools serve canned data.",
        'HOST, PORT and every `aura serve` variable apply; AURA_CUSTOM_EVENTS defaults to true. A .env file in the',
        'working directory is read first (variables already set win).',
      ].join('\n'),
    )
    .action(async (options: { config?: string; demo?: boolean }) => {
      loadDotenvFromCwd(io);
      result.code = await startCommand(options, io);
    });

  return program;
}

function loadDotenvFromCwd(io: CliIo): void {
  const file = join(io.cwd, '.env');
  if (existsSync(file)) loadDotenv([file], io.env);
}

/**
 * Runs the CLI with `argv` (without the node and script entries) and resolves to the exit code.
 * Config errors are printed with file:line:col; unexpected errors with their message.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const result = { code: 0 };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : error.exitCode || 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`${formatConfigIssues(error.issues, { color: io.isTty })}\n`);
      return 1;
    }
    io.stderr(`aura: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
