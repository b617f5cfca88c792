/**
 * Issue "The server" benchmarks: Aura's streaming overhead against a bare pass-through proxy measured in the same
 * run, against the same upstream — the test kit's mock provider with a fixed TTFT and token rate.
 *
 * Every party runs in its own process (so RSS and CPU are attributable, and the load generator never shares
 * their event loop): the mock provider (bench/server/mock-process.ts), the bare `node:http` proxy
 * (bench/server/proxy-process.ts — the floor), and `aura serve` from the built CLI with a minimal single-agent
 * config pointing at the mock. With `taskset` and ≥ 2 cores the party under test is pinned to CPU 1 and the mock
 * and the load generator (this process) to CPU 0, so each party gets the same dedicated core.
 *
 * 1. Streams at each concurrency level (default 1, 100, 1000): closed-loop workers over keep-alive sockets
 *    (one unmeasured round opens them), started out of phase across one stream length. TTFT = request start →
 *    first content delta; throughput = completed streams and content deltas per second of the level's wall time;
 *    peak RSS of the party; CPU of the party, the mock and the load generator. Each level runs in `--rounds`
 *    rounds (default 3) that alternate the parties' order (A B, B A, A B), and each party's rounds are pooled:
 *    a single window's alignment with a party's garbage collections moved one party's p99 by ±10 % between runs
 *    (the bare proxy's c=1000 p99 ranged 89–114 ms over six runs of one window each). Streams per level
 *    (default 40, 3000, 10 000, split over the rounds): the p99 is then the 30th / 100th slowest stream at
 *    c=100 / c=1000 (it was the 10th / 50th with 1000 / 5000 streams).
 * 2. Memory per open idle stream: fresh processes, `--idle` streams whose upstream stalls after its response
 *    head; (RSS with all open − settled idle RSS) / streams. Then every stream is aborted: the upstream
 *    requests must be released, and the time until the party's descriptors are back to idle is reported.
 * 3. Readiness (measured first, on every core): spawn → first `/health` 200, `--ready-runs` times for Aura and
 *    for the bare proxy.
 *
 * Targets (exit 1 on a miss): Aura TTFT p99 ≤ 1.2× the proxy's and throughput ≥ 0.5× the proxy's at every
 * level, ≤ 64 KB per open idle stream, `aura serve` ready in ≤ 400 ms (median); every stream must complete.
 *
 * Run after `npm run build`: `npx tsx bench/server.ts [--levels 1,100,1000] [--requests 40,3000,10000] [--rounds 3]
 *   [--ttft-ms 50] [--token-ms 50] [--tokens 32] [--idle 5000] [--ready-runs 10] [--no-pin] [--parties proxy,aura]
 *   [--aura-node-flags="--cpu-prof --cpu-prof-dir=/tmp/prof"]` (`--idle 0` / `--ready-runs 0` skip those parts;
 *   `--aura-node-flags` profiles the Aura processes, which are stopped with SIGTERM so the profile is written).
 * Every child process is killed when the bench ends, fails or is interrupted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './server/args.js';
import { chatBody, runLevel } from './server/load.js';
import { type IdleFigures, measureIdle } from './server/measure-idle.js';
import { type LevelFigures, measureLevel, poolRounds } from './server/measure-level.js';
import { measureReady, type ReadyFigures } from './server/measure-ready.js';
import { type Party, startAura, startMock, startProxy, writeAuraConfig } from './server/parties.js';
import { canPin, killAllChildren } from './server/processes.js';
import { fixed, markdownTable, mb } from './server/report.js';

const args = parseArgs(process.argv.slice(2));
const numbers = (name: string, fallback: string): number[] => (args.get(name) ?? fallback).split(',').map(Number);
const LEVELS = numbers('--levels', '1,100,1000');
const REQUESTS = numbers('--requests', '40,3000,10000');
const SHAPE = {
  ttftMs: Number(args.get('--ttft-ms') ?? 50),
  tokenMs: Number(args.get('--token-ms') ?? 50),
  tokens: Number(args.get('--tokens') ?? 32),
  chunkChars: 4,
};
const PARTIES = (args.get('--parties') ?? 'proxy,aura').split(',');
const IDLE = Number(args.get('--idle') ?? 5000);
const READY_RUNS = Number(args.get('--ready-runs') ?? 10);
const ROUNDS = Number(args.get('--rounds') ?? 3);
const AURA_NODE_FLAGS = (args.get('--aura-node-flags') ?? '').split(' ').filter((flag) => flag !== '');
const TARGET = { ttftRatio: 1.2, throughputRatio: 0.5, kbPerStream: 64, readyMs: 400 };
// Role chunk at ttft − token, N content deltas, then finish, usage and [DONE] one token interval apart each.
const STREAM_MS = SHAPE.ttftMs + (SHAPE.tokens + 2) * SHAPE.tokenMs;

async function main(): Promise<number> {
  if (!existsSync(fileURLToPath(new URL('../packages/cli/dist/main.js', import.meta.url)))) {
    console.error('bench/server: the CLI is not built; run `npm run build` first');
    return 1;
  }
  const pin = args.get('--no-pin') !== 'true' && availableParallelism() >= 2 && canPin();
  const loadCpu = pin ? '0' : undefined;
  const partyCpu = pin ? '1' : undefined;
  // Children inherit this process's affinity; start-up is timed on every core, as in production.
  const allCpus = pin ? `0-${availableParallelism() - 1}` : undefined;
  if (pin) spawnSync('taskset', ['-a', '-pc', '0', String(process.pid)], { stdio: 'ignore' });
  console.log(
    `server bench: mock TTFT ${SHAPE.ttftMs} ms, ${SHAPE.tokens} content deltas every ${SHAPE.tokenMs} ms ` +
      `(stream ≈ ${STREAM_MS} ms); levels ${LEVELS.join(', ')}; ${pin ? 'party on CPU 1, mock + load generator on CPU 0' : 'not pinned'}`,
  );
  const mock = await startMock(SHAPE, loadCpu);
  const config = await writeAuraConfig(mock.openaiUrl);
  const upstream = new URL(mock.openaiUrl).origin;
  // Start-up first, while nothing but the idle mock runs (later phases leave large heaps being freed).
  if (READY_RUNS > 0) process.stdout.write('  ready …\n');
  const ready = READY_RUNS > 0 ? await measureReady({ mock, config, runs: READY_RUNS, cpus: allCpus }) : [];

  const start = (name: string): Promise<Party> =>
    name === 'aura'
      ? startAura({ config, cpus: partyCpu, nodeFlags: AURA_NODE_FLAGS })
      : startProxy(upstream, partyCpu);
  const parties: Party[] = [];
  for (const name of PARTIES) parties.push(await start(name));
  for (const party of parties) {
    await runLevel({
      port: party.port,
      concurrency: 50,
      requests: 300,
      body: chatBody('warm up'),
      expectedTokens: SHAPE.tokens,
      staggerMs: STREAM_MS,
    });
  }
  const levels: LevelFigures[] = [];
  for (const [index, concurrency] of LEVELS.entries()) {
    const requests = REQUESTS[index] ?? concurrency * 5;
    // Rounds alternate the parties (A B, B A, A B …) and are pooled per party: one window's luck with garbage
    // collections is not the level's figure.
    const rounds = new Map(parties.map((party) => [party.name, [] as LevelFigures[]]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const party of (index + round) % 2 === 0 ? parties : [...parties].reverse()) {
        process.stdout.write(`  level ${concurrency}, round ${round + 1} of ${ROUNDS}: ${party.name} … `);
        const figures = await measureLevel({
          party,
          mock,
          concurrency,
          requests: Math.ceil(requests / ROUNDS),
          tokens: SHAPE.tokens,
          streamMs: STREAM_MS,
        });
        process.stdout.write(`${fixed(figures.streamsPerSec)} streams/s, TTFT p99 ${fixed(figures.ttftP99)} ms\n`);
        rounds.get(party.name)?.push(figures);
      }
    }
    for (const party of parties) levels.push(poolRounds(rounds.get(party.name) ?? []));
  }
  for (const party of parties) await party.child.stop();

  const idle: IdleFigures[] = [];
  for (const name of IDLE > 0 ? PARTIES : []) {
    // A fresh process, so the idle baseline is not inflated by the heap the stream levels left behind.
    const party = await start(name);
    process.stdout.write(`  idle ${IDLE}: ${name} …\n`);
    idle.push(await measureIdle({ party, mock, count: IDLE, tokens: SHAPE.tokens, streamMs: STREAM_MS }));
    await party.child.stop();
  }
  await mock.child.kill();
  return report(levels, idle, ready);
}

function report(levels: readonly LevelFigures[], idle: readonly IdleFigures[], ready: readonly ReadyFigures[]): number {
  console.log('\nStreams (TTFT and stream time in ms; CPU in % of one core)\n');
  console.log(
    markdownTable([
      [
        'c',
        'party',
        'streams',
        'failed',
        'TTFT p50',
        'TTFT p99',
        'stream p50',
        'streams/s',
        'tokens/s',
        'peak RSS MB',
        'CPU party',
        'CPU mock',
        'CPU loadgen',
      ],
      ...levels.map((level) => [
        String(level.concurrency),
        level.party,
        String(level.requests),
        String(level.failed),
        fixed(level.ttftP50),
        fixed(level.ttftP99),
        fixed(level.streamP50),
        fixed(level.streamsPerSec),
        fixed(level.tokensPerSec, 0),
        mb(level.peakRssKb),
        fixed(level.partyCpu, 0),
        fixed(level.mockCpu, 0),
        fixed(level.benchCpu, 0),
      ]),
    ]),
  );
  for (const level of levels) {
    if (level.firstError !== undefined)
      console.log(`  ${level.party} @ ${level.concurrency}: first failure: ${level.firstError}`);
  }
  if (idle.length > 0) {
    console.log('\nOpen idle streams (RSS in MB)\n');
    console.log(
      markdownTable([
        [
          'party',
          'streams',
          'opened',
          'broken',
          'idle RSS',
          'RSS open',
          'KB/stream',
          'fds idle',
          'fds open',
          'upstream open 5 s after abort',
          'fds back to idle after (ms)',
          'RSS after abort',
        ],
        ...idle.map((figures) => [
          figures.party,
          String(figures.streams),
          String(figures.opened),
          String(figures.broken),
          mb(figures.baselineRssKb),
          mb(figures.openRssKb),
          fixed(figures.perStreamKb, 1),
          String(figures.baselineFds),
          String(figures.openFds),
          String(figures.upstreamLeft),
          Number.isFinite(figures.fdsRecoveredMs)
            ? String(figures.fdsRecoveredMs)
            : `not in 20 s (${figures.afterFds})`,
          mb(figures.afterRssKb),
        ]),
      ]),
    );
    for (const figures of idle) {
      if (figures.firstError !== undefined) console.log(`  ${figures.party}: first failure: ${figures.firstError}`);
    }
    if (IDLE < 2000) {
      console.log(`  note: with ${IDLE} streams, heap noise of a few MB dominates KB/stream; use thousands`);
    }
  }
  if (ready.length > 0) {
    console.log('\nReady (spawn → /health 200, ms)\n');
    console.log(
      markdownTable([
        ['process', 'runs', 'p50', 'max', 'samples'],
        ...ready.map((figures) => [
          figures.party,
          String(figures.samples.length),
          fixed(figures.p50),
          fixed(figures.max),
          figures.samples.map((sample) => fixed(sample, 0)).join(' '),
        ]),
      ]),
    );
  }
  return targets(levels, idle, ready);
}

function targets(
  levels: readonly LevelFigures[],
  idle: readonly IdleFigures[],
  ready: readonly ReadyFigures[],
): number {
  const rows: string[][] = [];
  let missed = 0;
  const check = (what: string, value: number, target: string, ok: boolean, digits = 2): void => {
    if (!ok) missed += 1;
    rows.push([what, fixed(value, digits), target, ok ? 'ok' : 'MISSED']);
  };
  for (const concurrency of LEVELS) {
    const proxy = levels.find((level) => level.party === 'proxy' && level.concurrency === concurrency);
    const aura = levels.find((level) => level.party === 'aura' && level.concurrency === concurrency);
    if (proxy === undefined || aura === undefined) continue;
    const ttft = aura.ttftP99 / proxy.ttftP99;
    check(`c=${concurrency} TTFT p99 aura/proxy`, ttft, `≤ ${TARGET.ttftRatio}`, ttft <= TARGET.ttftRatio);
    const throughput = aura.tokensPerSec / proxy.tokensPerSec;
    check(
      `c=${concurrency} tokens/s aura/proxy`,
      throughput,
      `≥ ${TARGET.throughputRatio}`,
      throughput >= TARGET.throughputRatio,
    );
    const failed = aura.failed + proxy.failed;
    check(`c=${concurrency} failed streams`, failed, '0', failed === 0, 0);
    if (Math.max(aura.mockCpu, proxy.mockCpu) > 85) {
      console.log(
        `  warning: the mock used ${fixed(Math.max(aura.mockCpu, proxy.mockCpu), 0)} % of a core at c=${concurrency}; it may be the bottleneck`,
      );
    }
  }
  const auraIdle = idle.find((figures) => figures.party === 'aura');
  if (auraIdle !== undefined) {
    check(
      'KB per open idle stream (aura)',
      auraIdle.perStreamKb,
      `≤ ${TARGET.kbPerStream}`,
      auraIdle.perStreamKb <= TARGET.kbPerStream,
      1,
    );
    const lost = auraIdle.streams - auraIdle.opened + auraIdle.broken;
    check('idle streams not held (aura)', lost, '0', lost === 0, 0);
    const left = auraIdle.upstreamLeft;
    check('upstream requests still open after abort (aura)', left, '0', left === 0, 0);
  }
  const auraReady = ready.find((figures) => figures.party === 'aura');
  if (auraReady !== undefined) {
    check('aura serve ready p50 (ms)', auraReady.p50, `≤ ${TARGET.readyMs}`, auraReady.p50 <= TARGET.readyMs, 0);
  }
  console.log(`\nTargets\n\n${markdownTable([['measure', 'value', 'target', ''], ...rows])}`);
  console.log(missed === 0 ? '\nserver bench: ok' : `\nserver bench: FAILED — ${missed} target(s) missed`);
  return missed === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error('server bench: failed:', error);
  process.exitCode = 1;
} finally {
  killAllChildren();
}
