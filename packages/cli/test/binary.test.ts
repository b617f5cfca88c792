import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = resolve(repoRoot, 'node_modules/.bin/aura');

/** The installed binary (`npm ci` links it; `npm test` builds before testing). */
function aura(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(bin, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
}

describe('node_modules/.bin/aura', () => {
  it('is linked by npm and built', () => {
    expect(existsSync(bin)).toBe(true);
    expect(existsSync(resolve(repoRoot, 'packages/cli/dist/main.js'))).toBe(true);
  });

  it('validate examples/ exits 0 on a machine without provider keys', () => {
    const run = aura(['validate', 'examples/']);
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('9 agents valid');
  });

  it('--version prints the package version and --help the commands', () => {
    expect(aura(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = aura(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['validate', 'schema', 'start']) expect(help.stdout).toContain(command);
  });
});
