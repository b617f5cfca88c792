import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { AuraError } from '@aura/events';
import { isJsonObject } from '../util/json-value.js';
import type { Tool, ToolCallContext, ToolOutput } from './tool.js';
import { formatToolCallError, JSON_ERROR_PREFIX } from './tool-error-detection.js';

/** The reference's read cap: 1 MiB. */
export const FILESYSTEM_MAX_FILE_SIZE = 1_048_576;
/** Default cap on the entries of one (recursive) `list_directory` call. */
export const FILESYSTEM_MAX_LIST_ENTRIES = 1000;

/**
 * Sensitive locations that are never read or listed, checked on the lower-cased canonical path. System
 * directories (`/etc`, `/proc`, `/sys`, `/dev`, `/var/log`) match as a path prefix; credential directories
 * (`/.ssh`, `/.aws`, `/.config`) match as a path segment anywhere (e.g. `~/.ssh`). The reference matched every
 * pattern as a plain substring, which also refused paths such as `/home/me/dev/app` (docs/compat.md).
 */
export const SENSITIVE_PATH_PATTERNS = [
  '/etc',
  '/proc',
  '/sys',
  '/dev',
  '/var/log',
  '/.ssh',
  '/.aws',
  '/.config',
] as const;

/** Options for {@link createFilesystemTools}. */
export interface FilesystemToolsOptions {
  /** Read cap in bytes (default 1 MiB). A model-supplied `max_size` can lower it, never raise it. */
  readonly maxFileSize?: number;
  /** Confine every path to this directory (after resolving symlinks). Default: no confinement. */
  readonly baseDir?: string;
  /** Directory relative paths resolve against (default `process.cwd()` at call time). */
  readonly cwd?: string;
  /** Cap on entries returned by one `list_directory` call, recursive or not (default 1000). */
  readonly maxListEntries?: number;
}

/**
 * A failure caused by the call's arguments (bad path, too large, not a file); never escapes `execute`,
 * which turns it into an error output. `jsonError` selects the `JsonError: ` prefix (malformed arguments).
 */
class FilesystemToolError extends AuraError {
  readonly jsonError: boolean;
  constructor(message: string, jsonError = false) {
    super('TOOL_ARGUMENTS_INVALID', message);
    this.jsonError = jsonError;
  }
}

/**
 * The built-in read-only filesystem tools (core-spec §3.9, registered when `[tools].filesystem = true`):
 * `read_file` and `list_directory`, kind `'filesystem'`. Paths are canonicalised (symlinks resolved) and
 * rejected when the lower-cased canonical path contains a sensitive fragment ({@link SENSITIVE_PATH_PATTERNS},
 * substring match like the reference — so `/home/me/dev/x` is refused too) or leaves `baseDir`.
 *
 * Failures are returned as `{ isError: true }` outputs with the reference's texts behind one
 * `ToolCallError: ` prefix (e.g. `ToolCallError: Path not found: notes.txt`); argument errors use
 * `JsonError: `. `execute` honours `context.signal` (checked before work and between directory entries).
 */
export function createFilesystemTools(options: FilesystemToolsOptions = {}): readonly [Tool, Tool] {
  return [createReadFileTool(options), createListDirectoryTool(options)];
}

/**
 * `read_file {path, max_size?}` → the file's text (raw, not JSON-quoted as the reference's framework does).
 * Errors: `Path not found: <path>`, `Invalid path: Path is not a file`,
 * `Permission denied: File too large: <n> bytes (limit: <m> bytes)`,
 * `Permission denied: Access denied to sensitive directory: <pattern>`, `IO error: <message>` (including
 * `stream did not contain valid UTF-8`).
 */
export function createReadFileTool(options: FilesystemToolsOptions = {}): Tool {
  const cap = options.maxFileSize ?? FILESYSTEM_MAX_FILE_SIZE;
  return {
    name: 'read_file',
    originalName: 'read_file',
    description: 'Read the contents of a file from the filesystem',
    inputSchema: {
      type: 'object',
      properties: { path: { type: 'string', description: 'Path to the file to read' } },
      required: ['path'],
      additionalProperties: false,
    },
    kind: 'filesystem',
    execute: (args, context) =>
      run(context, async () => {
        const path = stringArg(args, 'path');
        const maxSize = optionalSizeArg(args, 'max_size');
        const canonical = await validatePath(path, options);
        const info = await stat(canonical);
        if (!info.isFile()) throw new FilesystemToolError('Invalid path: Path is not a file');
        const limit = Math.min(maxSize ?? cap, cap);
        if (info.size > limit) tooLarge(info.size, limit);
        const bytes = await readFile(canonical, { signal: context.signal });
        if (bytes.length > limit) tooLarge(bytes.length, limit);
        try {
          return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          throw new FilesystemToolError('IO error: stream did not contain valid UTF-8');
        }
      }),
  };
}

/**
 * `list_directory {path, recursive?}` → compact JSON in the reference's struct field order:
 * `{"path","entries":[{"name","path","is_file","is_dir","size"}],"total_count"}` (`size` is `null` for
 * non-files; symlinks are reported as neither file nor directory and never followed). Entries are sorted by
 * name. Unlike the reference (which ignores it), `recursive: true` lists depth-first, never descends into
 * sensitive directories, and stops at `maxListEntries`; a cut listing ends with `"truncated": true`.
 * Errors as for `read_file`, plus `Invalid path: Path is not a directory`.
 */
export function createListDirectoryTool(options: FilesystemToolsOptions = {}): Tool {
  const maxEntries = options.maxListEntries ?? FILESYSTEM_MAX_LIST_ENTRIES;
  return {
    name: 'list_directory',
    originalName: 'list_directory',
    description: 'List the contents of a directory',
    inputSchema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Path to the directory to list' },
        recursive: { type: 'boolean', description: `Also list subdirectories (at most ${maxEntries} entries)` },
      },
      required: ['path'],
      additionalProperties: false,
    },
    kind: 'filesystem',
    execute: (args, context) =>
      run(context, async () => {
        const path = stringArg(args, 'path');
        const recursive = args.recursive === true;
        const canonical = await validatePath(path, options);
        if (!(await stat(canonical)).isDirectory())
          throw new FilesystemToolError('Invalid path: Path is not a directory');
        const entries: FileInfo[] = [];
        const truncated = await listInto(entries, canonical, { recursive, maxEntries, signal: context.signal });
        const listing: Record<string, unknown> = { path: canonical, entries, total_count: entries.length };
        if (truncated) listing.truncated = true;
        return JSON.stringify(listing);
      }),
  };
}

interface FileInfo {
  readonly name: string;
  readonly path: string;
  readonly is_file: boolean;
  readonly is_dir: boolean;
  readonly size: number | null;
}

/** Appends the entries of `directory`; returns `true` when the entry cap cut the listing short. */
async function listInto(
  out: FileInfo[],
  directory: string,
  options: { readonly recursive: boolean; readonly maxEntries: number; readonly signal: AbortSignal },
): Promise<boolean> {
  const names = (await readdir(directory)).sort();
  for (const name of names) {
    options.signal.throwIfAborted();
    if (out.length >= options.maxEntries) return true;
    const path = join(directory, name);
    const info = await lstat(path);
    out.push({
      name,
      path,
      is_file: info.isFile(),
      is_dir: info.isDirectory(),
      size: info.isFile() ? info.size : null,
    });
    if (options.recursive && info.isDirectory() && sensitivePattern(path) === undefined) {
      if (await listInto(out, path, options)) return true;
    }
  }
  return false;
}

async function validatePath(path: string, options: FilesystemToolsOptions): Promise<string> {
  const absolute = isAbsolute(path) ? path : resolve(options.cwd ?? process.cwd(), path);
  let canonical: string;
  try {
    canonical = await realpath(absolute);
  } catch {
    throw new FilesystemToolError(`Path not found: ${path}`);
  }
  if (options.baseDir !== undefined) {
    let base: string;
    try {
      base = await realpath(options.baseDir);
    } catch {
      throw new FilesystemToolError(`Invalid path: Invalid base directory: ${options.baseDir}`);
    }
    const inside = canonical === base || canonical.startsWith(base.endsWith(sep) ? base : `${base}${sep}`);
    if (!inside) {
      throw new FilesystemToolError(
        `Permission denied: Access denied: path outside of base directory ${options.baseDir}`,
      );
    }
  }
  const pattern = sensitivePattern(canonical);
  if (pattern !== undefined)
    throw new FilesystemToolError(`Permission denied: Access denied to sensitive directory: ${pattern}`);
  return canonical;
}

function sensitivePattern(canonical: string): string | undefined {
  const lower = canonical.toLowerCase().replaceAll('\\', '/');
  return SENSITIVE_PATH_PATTERNS.find((pattern) =>
    pattern.startsWith('/.')
      ? lower.endsWith(pattern) || lower.includes(`${pattern}/`)
      : lower === pattern || lower.startsWith(`${pattern}/`),
  );
}

function tooLarge(size: number, limit: number): never {
  throw new FilesystemToolError(`Permission denied: File too large: ${size} bytes (limit: ${limit} bytes)`);
}

function argumentError(message: string): FilesystemToolError {
  return new FilesystemToolError(message, true);
}

function stringArg(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (value === undefined || value === null) throw argumentError(`missing field \`${name}\``);
  if (typeof value !== 'string') throw argumentError(`invalid type for field \`${name}\`: expected a string`);
  return value;
}

function optionalSizeArg(args: Record<string, unknown>, name: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw argumentError(`invalid type for field \`${name}\`: expected a non-negative integer`);
  }
  return value;
}

/** Runs a tool body, mapping known failures to error outputs; aborts propagate as thrown errors. */
async function run(context: ToolCallContext, body: () => Promise<string>): Promise<ToolOutput> {
  context.signal.throwIfAborted();
  try {
    return { text: await body(), isError: false };
  } catch (error) {
    if (context.signal.aborted) throw error;
    if (error instanceof FilesystemToolError) {
      const text = error.jsonError ? `${JSON_ERROR_PREFIX}${error.message}` : formatToolCallError(error.message);
      return { text, isError: true };
    }
    const message = isJsonObject(error) && typeof error.message === 'string' ? error.message : String(error);
    return { text: formatToolCallError(`IO error: ${message}`), isError: true };
  }
}
