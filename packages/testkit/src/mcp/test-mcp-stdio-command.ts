import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AuraError } from '@aura/events';

/** A command line that starts a stdio MCP server: spawn `command` with `args`. */
export interface TestMcpStdioCommand {
  readonly command: string;
  readonly args: string[];
}

/**
 * The command that starts the stdio test MCP server (`stdio-main`) with the current Node binary.
 * It runs the compiled `packages/testkit/dist/mcp/stdio-main.js` when that exists and is not older than any
 * source file of `src/mcp/` (a stale build would test old code), else the TypeScript source through the repository's `tsx` loader
 * (`node --import <tsx> stdio-main.ts`, one process, no shell, with the repository's tsconfig.json pinned so
 * `@aura/*` imports resolve to sources). Paths are resolved from this module's location, never from the
 * working directory. Configure the server through the spawn environment (`AURA_TEST_MCP_LOG`,
 * `AURA_TEST_MCP_PAGE_SIZE`, `AURA_TEST_MCP_TOOLS`, `AURA_TEST_MCP_NAME`; see `stdio-main.ts`).
 * Throws an `AuraError` `CONFIG_NOT_FOUND` when neither the build nor the source with `tsx` is available.
 */
export function testMcpStdioCommand(): TestMcpStdioCommand {
  // This module lives in <package>/src/mcp/ (source) or <package>/dist/mcp/ (build).
  const packageRoot = new URL('../../', import.meta.url);
  const compiled = fileURLToPath(new URL('dist/mcp/stdio-main.js', packageRoot));
  const source = fileURLToPath(new URL('src/mcp/stdio-main.ts', packageRoot));
  const hasSource = existsSync(source);
  if (existsSync(compiled) && (!hasSource || statSync(compiled).mtimeMs >= newestSourceMtime(dirname(source)))) {
    return { command: process.execPath, args: [compiled] };
  }
  if (!hasSource) {
    throw new AuraError(
      'CONFIG_NOT_FOUND',
      `Test MCP stdio server not found: neither ${compiled} nor ${source} exists`,
    );
  }
  let loader: string;
  try {
    loader = createRequire(import.meta.url).resolve('tsx');
  } catch (error) {
    throw new AuraError('CONFIG_NOT_FOUND', `Test MCP stdio server: ${compiled} is missing and tsx is not installed`, {
      cause: error,
    });
  }
  // tsx looks for tsconfig.json (whose `paths` map @aura/* to sources) in the working directory unless told
  // otherwise; pin the repository's one so the child never depends on where it was spawned from.
  const tsconfig = fileURLToPath(new URL('../../tsconfig.json', packageRoot));
  const pinTsconfig = existsSync(tsconfig)
    ? ['--import', `data:text/javascript,process.env.TSX_TSCONFIG_PATH=${encodeURIComponent(JSON.stringify(tsconfig))}`]
    : [];
  return { command: process.execPath, args: [...pinTsconfig, '--import', pathToFileURL(loader).href, source] };
}

/** The newest modification time of the TypeScript files in `directory` (the stdio server's sources). */
function newestSourceMtime(directory: string): number {
  return Math.max(
    ...readdirSync(directory)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => statSync(join(directory, name)).mtimeMs),
  );
}
