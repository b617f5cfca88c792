/**
 * Memory per open idle stream: against a freshly started party, opens `count` streaming requests whose
 * upstream answer stalls (the mock sends its response head and then nothing), waits until the mock holds all
 * of them open, and divides the party's RSS growth over its settled idle baseline by `count`. Then aborts
 * every stream and checks that the party lets go of the upstream requests and of the memory.
 */
import { chatBody, openIdleStreams, runLevel } from './load.js';
import { type MockProcess, mockStats, type Party, resetMock } from './parties.js';
import { countOpenFds, readMemory, sleep } from './processes.js';

/** Figures of one party's idle-stream run. */
export interface IdleFigures {
  readonly party: string;
  readonly streams: number;
  readonly opened: number;
  readonly broken: number;
  readonly firstError: string | undefined;
  readonly baselineRssKb: number;
  /** Median of the RSS samples taken while every stream was open. */
  readonly openRssKb: number;
  readonly perStreamKb: number;
  readonly baselineFds: number;
  readonly openFds: number;
  /** Mock-side requests still open 5 s after the aborts. */
  readonly upstreamLeft: number;
  /** Time until the party's open file descriptors were back within 10 of the baseline (NaN: not within 20 s). */
  readonly fdsRecoveredMs: number;
  /** RSS once the descriptors recovered (or after 20 s). */
  readonly afterRssKb: number;
  readonly afterFds: number;
}

/** Options of {@link measureIdle}. */
export interface MeasureIdleOptions {
  readonly party: Party;
  readonly mock: MockProcess;
  readonly count: number;
  readonly tokens: number;
  readonly streamMs: number;
}

async function settledRss(pid: number, samples: number, intervalMs: number): Promise<number> {
  const values: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    values.push(readMemory(pid).rssKb);
    await sleep(intervalMs);
  }
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? Number.NaN;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(100);
  }
  return false;
}

/** Runs the idle-stream measurement. */
export async function measureIdle(options: MeasureIdleOptions): Promise<IdleFigures> {
  const { party, mock, count } = options;
  const pid = party.child.pid;
  // Warm the party up (code paths compiled, pools created) the same way for both parties.
  await runLevel({
    port: party.port,
    concurrency: 20,
    requests: 200,
    body: chatBody('warm up'),
    expectedTokens: options.tokens,
    staggerMs: options.streamMs,
  });
  await resetMock(mock);
  await sleep(1000);
  const baselineRssKb = await settledRss(pid, 10, 100);
  const baselineFds = countOpenFds(pid);
  const streams = await openIdleStreams(party.port, count, chatBody('stall here'), 250);
  await waitFor(async () => (await mockStats(mock)).open >= streams.opened, 30_000);
  await sleep(2000);
  const openRssKb = await settledRss(pid, 10, 100);
  const openFds = countOpenFds(pid);
  const opened = streams.opened;
  const broken = streams.broken;
  await streams.abortAll();
  const abortedAt = Date.now();
  await waitFor(async () => (await mockStats(mock)).open === 0, 5000);
  const upstreamLeft = (await mockStats(mock)).open;
  const recovered = await waitFor(async () => countOpenFds(pid) <= baselineFds + 10, 20_000);
  const fdsRecoveredMs = recovered ? Date.now() - abortedAt : Number.NaN;
  const afterRssKb = await settledRss(pid, 5, 100);
  const afterFds = countOpenFds(pid);
  await resetMock(mock);
  return {
    party: party.name,
    streams: count,
    opened,
    broken,
    firstError: streams.errors[0],
    baselineRssKb,
    openRssKb,
    perStreamKb: (openRssKb - baselineRssKb) / count,
    baselineFds,
    openFds,
    upstreamLeft,
    fdsRecoveredMs,
    afterRssKb,
    afterFds,
  };
}
