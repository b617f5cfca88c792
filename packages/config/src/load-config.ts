import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ConfigErrorCode } from '@aura/events';
import { checkUniqueIds } from './agent-ids.js';
import { ConfigError, type ConfigIssue, makeIssue, sortIssues } from './config-issue.js';
import { configId } from './effective.js';
import type { LoadedConfig } from './loaded-config.js';
import { failureSummary, type MissingEnvMode, parseConfigText } from './parse-config-text.js';
import { type KeyPositions, lookupKeyPosition } from './toml-positions.js';

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Variables for `{{ env.X }}` placeholders. Default `process.env`. Never modified. */
  readonly env?: NodeJS.ProcessEnv;
  /** Unset variables without a default: `error` (default) or `warn` (see {@link MissingEnvMode}). */
  readonly missingEnv?: MissingEnvMode;
  /** Aborts pending file reads (the load then rejects with the abort reason). */
  readonly signal?: AbortSignal;
}

/** Options for {@link loadConfigFromString}. */
export interface LoadConfigFromStringOptions {
  /** Label used in issues and kept as `LoadedConfig.file` (e.g. the path the text came from). */
  readonly file?: string;
  /** Variables for `{{ env.X }}` placeholders. Default `process.env`. Never modified. */
  readonly env?: NodeJS.ProcessEnv;
  /** Unset variables without a default: `error` (default) or `warn` (see {@link MissingEnvMode}). */
  readonly missingEnv?: MissingEnvMode;
}

interface Source {
  readonly file: string | undefined;
  readonly positions: () => KeyPositions;
}

const sources = new WeakMap<LoadedConfig, Source>();

/**
 * Parses and validates one TOML config text: `{{ env.X }}` templating (on parsed string values),
 * legacy-layout check, schema (strict `[agent]`, `[agent.llm]`, `[orchestration.timeouts]`; other
 * unknown keys become warnings) and the reference's cross-field validation. Synchronous; does not
 * read `.env` files (see `loadDotenv`).
 *
 * @throws ConfigError with every issue of the text: `CONFIG_ENV_MISSING` when the only errors are
 *   unset variables (message starts with `Missing environment variable(s): ...`), else
 *   `CONFIG_INVALID`.
 */
export function loadConfigFromString(text: string, options: LoadConfigFromStringOptions = {}): LoadedConfig {
  const parsed = parseConfigText(text, options.file, options.env ?? process.env, options.missingEnv);
  if (parsed.config === undefined || parsed.issues.some((issue) => issue.severity === 'error')) {
    throw failure(parsed.issues, parsed.missingVariables);
  }
  return toLoaded(parsed.config, options.file, parsed.issues, { file: options.file, positions: parsed.positions });
}

/**
 * Loads `path`: a `.toml` file, or a directory whose direct entries ending in `.toml` are loaded
 * in byte order of their full path (no recursion; other files ignored). Every file is checked
 * (all issues of all files are collected), then effective ids (alias, else name) must be unique
 * across files. `LoadedConfig.file` is the absolute path; issues name the path as given.
 * Honours `signal` for file reads.
 *
 * @throws ConfigError `CONFIG_NOT_FOUND` (missing path, or a directory without `.toml` files),
 *   `CONFIG_ENV_MISSING` (only unset variables) or `CONFIG_INVALID` (anything else), carrying the
 *   issues of every file.
 */
export async function loadConfig(path: string, options: LoadConfigOptions = {}): Promise<LoadedConfig[]> {
  const checked = await checkConfigPath(path, options);
  if (checked.issues.some((issue) => issue.severity === 'error')) {
    throw failure(checked.issues, checked.missingVariables);
  }
  return [...checked.loaded];
}

/** Outcome of {@link checkConfigPath}: what loaded, and every issue of every file. */
export interface ConfigPathCheck {
  /** The files given or found, in load order. */
  readonly files: readonly string[];
  /** Configs that were built (all of them when there is no error). */
  readonly loaded: readonly LoadedConfig[];
  /** Every issue of every file (errors and warnings), sorted by file and position. */
  readonly issues: readonly ConfigIssue[];
  /** Unset env variables without a default, in first-seen order. */
  readonly missingVariables: readonly string[];
}

/**
 * The non-throwing core of {@link loadConfig}, for tools that report instead of failing
 * (`aura validate`): loads `path` the same way and returns every issue of every file together with
 * whatever could be built. With `missingEnv: 'warn'`, unset variables are warnings.
 *
 * @throws ConfigError `CONFIG_NOT_FOUND` only (missing path, or a directory without `.toml` files).
 */
export async function checkConfigPath(path: string, options: LoadConfigOptions = {}): Promise<ConfigPathCheck> {
  const env = options.env ?? process.env;
  const files = await configFiles(path);
  const loaded: LoadedConfig[] = [];
  const issues: ConfigIssue[] = [];
  const missing: string[] = [];
  for (const file of files) {
    options.signal?.throwIfAborted();
    const text = await readText(file, options.signal);
    const parsed = parseConfigText(text, file, env, options.missingEnv);
    issues.push(...parsed.issues);
    missing.push(...parsed.missingVariables.filter((name) => !missing.includes(name)));
    if (parsed.config !== undefined) {
      loaded.push(toLoaded(parsed.config, resolve(file), parsed.issues, { file, positions: parsed.positions }));
    }
  }
  issues.push(
    ...checkUniqueIds(loaded, (config, key) => {
      const source = sources.get(config);
      const position = source === undefined ? undefined : lookupKeyPosition(source.positions(), ['agent', key]);
      return { file: source?.file, line: position?.line, column: position?.column };
    }),
  );
  return { files, loaded, issues: sortIssues(issues), missingVariables: missing };
}

async function readText(file: string, signal: AbortSignal | undefined): Promise<string> {
  try {
    return await readFile(file, { encoding: 'utf8', ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw notFound(file, `Configuration file '${file}' cannot be read: ${describeIoError(error)}`);
  }
}

async function configFiles(path: string): Promise<string[]> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    throw notFound(path, `Configuration path '${path}' cannot be read: ${describeIoError(error)}`);
  }
  if (!isDirectory) return [path];
  const entries = await readdir(path).catch((error: unknown) => {
    throw notFound(path, `Configuration directory '${path}' cannot be read: ${describeIoError(error)}`);
  });
  const candidates = entries
    .filter((name) => name.endsWith('.toml') && name !== '.toml')
    .map((name) => join(path, name));
  const files: string[] = [];
  for (const candidate of candidates) {
    // Follows symlinks; sub-directories named `*.toml` are not config files.
    if (
      await stat(candidate).then(
        (info) => info.isFile(),
        () => false,
      )
    )
      files.push(candidate);
  }
  files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (files.length === 0) {
    throw notFound(path, `No .toml configuration files found in directory '${path}'`);
  }
  return files;
}

function toLoaded(
  config: LoadedConfig['config'],
  file: string | undefined,
  issues: readonly ConfigIssue[],
  source: Source,
): LoadedConfig {
  const warnings = issues.filter((issue) => issue.severity === 'warning');
  const loaded: LoadedConfig =
    file === undefined ? { id: configId(config), config, warnings } : { id: configId(config), file, config, warnings };
  sources.set(loaded, source);
  return loaded;
}

function failure(issues: readonly ConfigIssue[], missingVariables: readonly string[]): ConfigError {
  const errors = issues.filter((issue) => issue.severity === 'error');
  const onlyEnv = errors.length > 0 && errors.every((issue) => issue.code === 'env_missing');
  const code: ConfigErrorCode = onlyEnv ? 'CONFIG_ENV_MISSING' : 'CONFIG_INVALID';
  const summary = failureSummary(missingVariables);
  return new ConfigError(code, issues, summary === undefined ? {} : { summary });
}

function notFound(path: string, message: string): ConfigError {
  const issue = makeIssue({ severity: 'error', code: 'not_found', path: '', message, file: path });
  return new ConfigError('CONFIG_NOT_FOUND', [issue], { summary: message });
}

function describeIoError(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'No such file or directory';
  return error instanceof Error ? error.message : String(error);
}
