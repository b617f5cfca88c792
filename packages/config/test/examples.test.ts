/**
 * Every `examples/**\/*.toml` of this repository must load (globbed at run time: examples are
 * added independently of this package).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, formatConfigIssues, loadConfig } from '@aura/config';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ENV, repoRoot } from './helpers.js';

function tomlFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : tomlFiles(path);
    return entry.isFile() && entry.name.endsWith('.toml') ? [path] : [];
  });
}

/**
 * The README's dummy values, plus a dummy for any other variable an example needs without a
 * default (examples may name their own, e.g. GEMINI_API_KEY); defaults stay in effect.
 */
function envFor(text: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...FIXTURE_ENV };
  for (const match of text.matchAll(/\{\{\s*env\.([A-Z_][A-Z0-9_]*)\s*\}\}/g)) {
    const name = match[1];
    if (name !== undefined && env[name] === undefined) env[name] = `test-${name.toLowerCase()}`;
  }
  return env;
}

describe('repository examples', () => {
  it('examples/**/*.toml exist and every one loads without errors', async () => {
    const files = tomlFiles(join(repoRoot, 'examples')).sort();
    expect(files.length, 'no examples/**/*.toml found in the repository').toBeGreaterThan(0);
    const failures: string[] = [];
    for (const file of files) {
      try {
        await loadConfig(file, { env: envFor(readFileSync(file, 'utf8')) });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        failures.push(`${relative(repoRoot, file)}\n${formatConfigIssues(error.errors)}`);
      }
    }
    expect(failures.join('\n\n')).toBe('');
  });
});
