/**
 * Diagnostics behind the server bench's c=1000 figures (docs/performance.md, "Where the tail comes from"): one
 * party — Aura or the bare proxy — under the bench's load at one concurrency level, reporting what the bench's
 * summary hides: CPU per completed stream over the steady window (after the ramp), TTFT p50/p99 per second of the
 * measured phase, and with `--gc` V8's allocations, promotions and pauses per stream (from `--trace-gc-nvp`), what
 * an average young-generation collection copied and paused, the seconds in which full collections ran, and each
 * full collection's heap before and after and its marking time.
 * Same processes, pinning, mock shape and load as bench/server.ts.
 *
 * Run after `npm run build`: `npx tsx bench/server-diagnose.ts [--party aura|proxy] [--concurrency 1000]
 *   [--streams 10000] [--steady-after-ms 4000] [--gc] [--node-flags="--max-semi-space-size=64"]`
 * For an A/B comparison alternate the parties over several runs and compare the ratios of CPU per stream: the
 * machine's drift between runs is of the order of the differences measured.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { parseArgs } from './server/args.js';
import { chatBody, streamOnce } from './server/load.js';
import { type Party, spawnProxy, startAura, startMock, writeAuraConfig } from './server/parties.js';
import { canPin, killAllChildren } from './server/processes.js';

const args = parseArgs(process.argv.slice(2));
const PARTY = args.get('--party') ?? 'aura';
const CONCURRENCY = Number(args.get('--concurrency') ?? 1000);
const STREAMS = Number(args.get('--streams') ?? 10_000);
const STEADY_AFTER_MS = Number(args.get('--steady-after-ms') ?? 4000);
const GC = args.has('--gc');
const NODE_FLAGS = [
  ...(args.get('--node-flags') ?? '').split(' ').filter((flag) => flag !== ''),
  ...(GC ? ['--trace-gc', '--trace-gc-nvp'] : []),
];
const SHAPE = { ttftMs: 50, tokenMs: 50, tokens: 32, chunkChars: 4 };
const STAGGER_MS = SHAPE.ttftMs + (SHAPE.tokens + 2) * SHAPE.tokenMs;
const pin = canPin();

/** One `--trace-gc-nvp` line: ms since the party's start and its fields. */
interface GcEvent {
  readonly atMs: number;
  readonly fields: ReadonlyMap<string, string>;
}
const gcEvents: GcEvent[] = [];
const onLine = (line: string): void => {
  const match = /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: (pause=.*)$/.exec(line);
  if (match === null) return;
  const fields = new Map((match[2] ?? '').split(' ').map((pair) => pair.split('=') as [string, string]));
  gcEvents.push({ atMs: Number(match[1]), fields });
};

/** User + system CPU of `pid` in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

try {
  const mock = await startMock(SHAPE, pin ? '0' : undefined);
  const spawnedAt = performance.now();
  let party: Party;
  if (PARTY === 'aura') {
    const config = await writeAuraConfig(mock.openaiUrl);
    party = await startAura({ config, cpus: pin ? '1' : undefined, nodeFlags: NODE_FLAGS, onLine });
  } else {
    let port = 0;
    const child = await spawnProxy(
      new URL(mock.openaiUrl).origin,
      0,
      pin ? '1' : undefined,
      (line) => {
        if (port === 0 && line.startsWith('{')) port = (JSON.parse(line) as { port: number }).port;
        else onLine(line);
      },
      NODE_FLAGS,
    );
    while (port === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    party = { name: 'proxy', child, port };
  }
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const body = chatBody('diagnose');
  const workers = (run: (worker: number) => Promise<void>) =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        await new Promise((resolve) => setTimeout(resolve, (worker * STAGGER_MS) / CONCURRENCY));
        await run(worker);
      }),
    );
  // One unmeasured round opens the connections, as the bench does.
  await workers(async () => {
    await streamOnce(agent, party.port, body, SHAPE.tokens);
  });

  const started = performance.now();
  const records: { readonly atMs: number; readonly ttftMs: number }[] = [];
  const failures: string[] = [];
  let issued = 0;
  let steady: { readonly atMs: number; readonly cpuMs: number; readonly done: number } | undefined;
  const steadyTimer = setTimeout(() => {
    steady = { atMs: performance.now(), cpuMs: cpuMs(party.child.pid), done: records.length };
  }, STEADY_AFTER_MS);
  await workers(async () => {
    while (issued < STREAMS) {
      issued += 1;
      const atMs = performance.now() - started;
      const outcome = await streamOnce(agent, party.port, body, SHAPE.tokens);
      if (outcome.error !== undefined) failures.push(outcome.error);
      records.push({ atMs, ttftMs: outcome.ttftMs });
    }
  });
  clearTimeout(steadyTimer);
  const ended = performance.now();
  if (failures.length > 0) throw new Error(`${failures.length} streams failed, e.g. ${failures[0]}`);
  const window = steady as typeof steady | undefined;
  if (window === undefined) throw new Error(`the run ended before --steady-after-ms (${STEADY_AFTER_MS} ms)`);
  const steadyStreams = records.length - window.done;
  const cpuPerStream = (cpuMs(party.child.pid) - window.cpuMs) / steadyStreams;
  const utilisation = (cpuMs(party.child.pid) - window.cpuMs) / (ended - window.atMs);

  const ttfts = records.map((record) => record.ttftMs);
  console.log(`${PARTY} at c=${CONCURRENCY}, ${records.length} streams, flags: ${NODE_FLAGS.join(' ') || 'none'}`);
  console.log(
    `steady window (after ${STEADY_AFTER_MS} ms, ${steadyStreams} streams): CPU ${cpuPerStream.toFixed(3)} ms per ` +
      `stream, ${(utilisation * 100).toFixed(1)} % of a core`,
  );
  console.log(
    `TTFT over the run: p50 ${percentile(ttfts, 50).toFixed(1)} ms, p99 ${percentile(ttfts, 99).toFixed(1)} ms`,
  );
  // V8 stamps its lines with ms since the process started: shift them onto the measured phase's clock.
  const offsetMs = started - spawnedAt;
  const fullGcSeconds = new Set(
    gcEvents
      .filter((event) => event.fields.get('gc') !== 's')
      .map((event) => Math.floor((event.atMs - offsetMs) / 1000))
      .filter((second) => second >= 0),
  );
  for (let second = 0; second * 1000 < (records.at(-1)?.atMs ?? 0) + 1; second += 1) {
    const inSecond = records.filter((record) => record.atMs >= second * 1000 && record.atMs < (second + 1) * 1000);
    if (inSecond.length === 0) continue;
    const values = inSecond.map((record) => record.ttftMs);
    const mark = fullGcSeconds.has(second) ? '  <- full GC' : '';
    console.log(
      `  t=${second}s n=${inSecond.length} p50 ${percentile(values, 50).toFixed(1)} p99 ${percentile(values, 99).toFixed(1)}${mark}`,
    );
  }
  if (GC) {
    const inWindow = gcEvents.filter((event) => event.atMs - offsetMs >= window.atMs - started);
    const sum = (name: string) => inWindow.reduce((total, event) => total + Number(event.fields.get(name) ?? 0), 0);
    const pauses = inWindow.map((event) => Number(event.fields.get('pause') ?? 0));
    console.log(
      `GC in the steady window: ${inWindow.length} collections (${inWindow.filter((event) => event.fields.get('gc') !== 's').length} full), ` +
        `pauses ${sum('pause').toFixed(0)} ms (max ${Math.max(0, ...pauses).toFixed(1)}); per stream: allocated ` +
        `${(sum('allocated') / steadyStreams / 1024).toFixed(1)} KB, promoted ${(sum('promoted') / steadyStreams / 1024).toFixed(1)} KB`,
    );
    // What a young-generation collection costs: its pause is mostly copying what survives it.
    const scavenges = inWindow.filter((event) => event.fields.get('gc') === 's');
    const mean = (name: string) =>
      scavenges.reduce((total, event) => total + Number(event.fields.get(name) ?? 0), 0) /
      Math.max(1, scavenges.length);
    console.log(
      `  scavenges: ${scavenges.length}, each on average: pause ${mean('pause').toFixed(2)} ms, survivors copied ` +
        `${(mean('new_space_survived') / 1024).toFixed(0)} KB, promoted ${(mean('promoted') / 1024).toFixed(0)} KB, ` +
        `${(mean('allocated') / 1024 / 1024).toFixed(1)} MB allocated since the previous one`,
    );
    // Each full collection: when (s into the measured phase; negative = before it), the heap it found and left
    // (what survives is what it marked), and the marking it did on background threads and in the main thread's steps.
    for (const event of gcEvents.filter((gc) => gc.fields.get('gc') !== 's')) {
      const field = (name: string) => Number(event.fields.get(name) ?? 0);
      console.log(
        `  full GC at ${((event.atMs - offsetMs) / 1000).toFixed(1)} s: heap ${(field('total_size_before') / 1e6).toFixed(1)} → ` +
          `${(field('total_size_after') / 1e6).toFixed(1)} MB, marking ${field('background.mark').toFixed(0)} ms in the ` +
          `background + ${field('incremental').toFixed(0)} ms in steps, pause ${field('pause').toFixed(1)} ms`,
      );
    }
  }
} finally {
  killAllChildren();
}
process.exit(0);
