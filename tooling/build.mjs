#!/usr/bin/env node
// Builds every workspace package in dependency order with tsc (one emit per package).
// Order matters: each package resolves its @aura/* dependencies through their built d.ts.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const order = ['events', 'config', 'testkit', 'core', 'server', 'cli'];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
for (const name of order) {
  const project = join(root, 'packages', name, 'tsconfig.build.json');
  const started = Date.now();
  const result = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build failed in packages/${name}`);
    process.exit(result.status ?? 1);
  }
  console.log(`built @aura/${name} in ${Date.now() - started} ms`);
}
