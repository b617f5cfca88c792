/**
 * Issue "Agent runtime" benchmarks in one run: the agent loop's per-turn overhead against a bare `streamText`
 * loop (bench/runtime-loop.ts) and MCP call latency pooled vs raw SDK vs connect-per-call, plus stdio first-call
 * latency pooled vs spawn-per-request (bench/runtime-mcp.ts). Each part prints its own table and ratios against
 * a baseline measured in the same run; this script exits non-zero when either misses its target.
 *
 * Run after `npm run build`: `npx tsx bench/runtime.ts [--quick]`
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick');
const parts: { name: string; file: string; args: string[] }[] = [
  { name: 'agent loop overhead', file: 'runtime-loop.ts', args: quick ? ['--runs', '100'] : [] },
  { name: 'MCP call latency', file: 'runtime-mcp.ts', args: quick ? ['--quick'] : [] },
];
let failed = 0;
for (const part of parts) {
  process.stdout.write(`\n=== ${part.name} (bench/${part.file}) ===\n`);
  const script = fileURLToPath(new URL(part.file, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...part.args], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
