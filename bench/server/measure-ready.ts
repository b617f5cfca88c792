/**
 * Readiness time: process spawn → the first `GET /health` that answers 200 (polled every 2 ms), for `aura
 * serve` with the bench config and, as the floor, for the bare proxy (plain `node` with one `node:http` server).
 * Processes may use every core here: start-up uses V8's compiler threads as it would in production.
 */
import { performance } from 'node:perf_hooks';
import { type MockProcess, spawnAura, spawnProxy, waitHealthy } from './parties.js';
import { type Child, freePort } from './processes.js';
import { percentile } from './report.js';

/** Ready times of one kind of process, ms. */
export interface ReadyFigures {
  readonly party: string;
  readonly samples: readonly number[];
  readonly p50: number;
  readonly max: number;
}

async function timeOne(spawn: (port: number) => Promise<Child> | Child): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = await spawn(port);
  try {
    return (await waitHealthy(child, port, 20_000, 2)) - started;
  } finally {
    await child.kill();
  }
}

/** Options of {@link measureReady}. */
export interface MeasureReadyOptions {
  readonly mock: MockProcess;
  readonly config: { dir: string; file: string };
  readonly runs: number;
  /** CPU list the processes may use (the bench pins itself, and children inherit its affinity). */
  readonly cpus: string | undefined;
}

/** Measures both kinds `runs` times each, alternating (one unmeasured start of each first, to warm the disk cache). */
export async function measureReady(options: MeasureReadyOptions): Promise<ReadyFigures[]> {
  const upstream = new URL(options.mock.openaiUrl).origin;
  const kinds = [
    { party: 'proxy', spawn: (port: number) => spawnProxy(upstream, port, options.cpus) },
    { party: 'aura', spawn: (port: number) => spawnAura({ config: options.config, port, cpus: options.cpus }) },
  ];
  for (const kind of kinds) await timeOne(kind.spawn);
  const samples = new Map<string, number[]>(kinds.map((kind) => [kind.party, []]));
  for (let run = 0; run < options.runs; run += 1) {
    for (const kind of run % 2 === 0 ? kinds : [...kinds].reverse()) {
      samples.get(kind.party)?.push(await timeOne(kind.spawn));
    }
  }
  return kinds.map((kind) => {
    const values = samples.get(kind.party) ?? [];
    return { party: kind.party, samples: values, p50: percentile(values, 50), max: Math.max(...values) };
  });
}
