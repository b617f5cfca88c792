#!/usr/bin/env node
// House rules that a linter does not cover: the one-way package graph, core's folder edges,
// and the ~400-line cap on source files (tests and fixtures excluded). Prints every violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 400;

/** Which @aura packages each package may import (STYLE.md §3). */
const allowed = {
  events: [],
  config: ['events'],
  testkit: ['events', 'config'],
  core: ['events', 'config'],
  server: ['events', 'config', 'core'],
  cli: ['events', 'config', 'core', 'server', 'testkit'],
};
/** Test files may additionally use the test kit. */
const allowedInTests = { core: ['testkit'], server: ['testkit'], config: [], events: [], testkit: [], cli: [] };
/** Folder layers inside core: a folder may import only itself and lower layers. */
const coreLayers = [
  ['util', 'errors.ts'],
  ['telemetry'],
  ['llm', 'tools'],
  ['mcp', 'rag', 'scratchpad', 'hitl', 'sessions', 'skills'],
  ['agent'],
  ['orchestration'],
  ['runtime', 'create-runtime.ts', 'index.ts'],
];

const problems = [];
const isTest = (file) =>
  /\.test(-d)?\.ts$/.test(file) || file.includes(`${sep}test${sep}`) || file.includes('__fixtures__');

function walk(dir, out) {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (entry.endsWith('.ts')) out.push(path);
  }
  return out;
}

function coreLayerOf(relPath) {
  const first = relPath.split('/')[0];
  return coreLayers.findIndex((layer) => layer.includes(first));
}

for (const pkg of Object.keys(allowed)) {
  const pkgDir = join(root, 'packages', pkg);
  const files = [
    ...walk(join(pkgDir, 'src'), []),
    ...(safeIsDir(join(pkgDir, 'test')) ? walk(join(pkgDir, 'test'), []) : []),
  ];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    const test = isTest(file);
    if (!test) {
      const lines = text.split('\n').filter((line) => line.trim() !== '').length;
      if (lines > MAX_LINES) problems.push(`${rel}: ${lines} non-blank lines (cap ${MAX_LINES}); split it by concept`);
    }
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]@aura\/([a-z-]+)['"]/g)) {
      const target = match[1];
      if (target === pkg) continue;
      const ok = allowed[pkg].includes(target) || (test && allowedInTests[pkg].includes(target));
      if (!ok)
        problems.push(
          `${rel}: imports @aura/${target}, but ${pkg} may only import ${allowed[pkg].join(', ') || 'nothing'}`,
        );
    }
    if (pkg === 'core' && !test && file.includes(`${sep}src${sep}`)) {
      const srcRel = relative(join(pkgDir, 'src'), file).split(sep).join('/');
      const from = coreLayerOf(srcRel);
      for (const match of text.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = relative(join(pkgDir, 'src'), join(dirname(file), match[1]))
          .split(sep)
          .join('/');
        const to = coreLayerOf(target);
        if (from >= 0 && to > from)
          problems.push(`${rel}: imports ${target}, a higher layer of core (see STYLE.md §3 folder edges)`);
      }
    }
  }
}

function safeIsDir(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

if (problems.length > 0) {
  console.error(`architecture check: ${problems.length} problem(s)`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log('architecture check: ok');
