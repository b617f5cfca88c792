/**
 * One concurrency level against one party: the load generator's streams plus what the processes spent meanwhile
 * (the party's peak RSS sampled every 50 ms and its VmHWM; CPU of the party, the mock and the bench process).
 */
import { performance } from 'node:perf_hooks';
import { chatBody, runLevel } from './load.js';
import { type MockProcess, type Party, resetMock } from './parties.js';
import { readCpuSeconds, readMemory, resetPeakMemory } from './processes.js';
import { percentile } from './report.js';

/** Figures of one party at one level. */
export interface LevelFigures {
  readonly party: string;
  readonly concurrency: number;
  readonly requests: number;
  readonly failed: number;
  readonly firstError: string | undefined;
  readonly ttftP50: number;
  readonly ttftP99: number;
  /** Median whole-stream time, ms. */
  readonly streamP50: number;
  readonly streamsPerSec: number;
  readonly tokensPerSec: number;
  readonly peakRssKb: number;
  /** CPU use over the level's wall time, percent of one core. */
  readonly partyCpu: number;
  readonly mockCpu: number;
  readonly benchCpu: number;
}

/** Options of {@link measureLevel}. */
export interface MeasureLevelOptions {
  readonly party: Party;
  readonly mock: MockProcess;
  readonly concurrency: number;
  readonly requests: number;
  readonly tokens: number;
  /** Expected length of one stream, used to start the workers out of phase. */
  readonly streamMs: number;
}

/** Runs the level and gathers its figures. */
export async function measureLevel(options: MeasureLevelOptions): Promise<LevelFigures> {
  const { party, mock } = options;
  await resetMock(mock);
  resetPeakMemory(party.child.pid);
  let peakRssKb = readMemory(party.child.pid).rssKb;
  const sampler = setInterval(() => {
    peakRssKb = Math.max(peakRssKb, readMemory(party.child.pid).rssKb);
  }, 50);
  let partyBefore = 0;
  let mockBefore = 0;
  let benchBefore = process.cpuUsage();
  let started = 0;
  const onMeasuredStart = (): void => {
    partyBefore = readCpuSeconds(party.child.pid);
    mockBefore = readCpuSeconds(mock.child.pid);
    benchBefore = process.cpuUsage();
    started = performance.now();
  };
  let level: Awaited<ReturnType<typeof runLevel>>;
  try {
    level = await runLevel({
      port: party.port,
      concurrency: options.concurrency,
      requests: options.requests,
      body: chatBody('Stream the benchmark answer.'),
      expectedTokens: options.tokens,
      staggerMs: options.concurrency > 1 ? options.streamMs : 0,
      onMeasuredStart,
    });
  } finally {
    clearInterval(sampler);
  }
  const spanSeconds = (performance.now() - started) / 1000;
  const benchUsage = process.cpuUsage(benchBefore);
  peakRssKb = Math.max(peakRssKb, readMemory(party.child.pid).hwmKb);
  const outcomes = level.outcomes;
  const good = outcomes.filter((outcome) => outcome.error === undefined);
  const wallSeconds = level.wallMs / 1000;
  return {
    party: party.name,
    concurrency: options.concurrency,
    requests: outcomes.length,
    failed: outcomes.length - good.length,
    firstError: outcomes.find((outcome) => outcome.error !== undefined)?.error,
    ttftP50: percentile(
      good.map((outcome) => outcome.ttftMs),
      50,
    ),
    ttftP99: percentile(
      good.map((outcome) => outcome.ttftMs),
      99,
    ),
    streamP50: percentile(
      good.map((outcome) => outcome.totalMs),
      50,
    ),
    streamsPerSec: good.length / wallSeconds,
    tokensPerSec: good.reduce((sum, outcome) => sum + outcome.tokens, 0) / wallSeconds,
    peakRssKb,
    partyCpu: ((readCpuSeconds(party.child.pid) - partyBefore) / spanSeconds) * 100,
    mockCpu: ((readCpuSeconds(mock.child.pid) - mockBefore) / spanSeconds) * 100,
    benchCpu: ((benchUsage.user + benchUsage.system) / 1e6 / spanSeconds) * 100,
  };
}
