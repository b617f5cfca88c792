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
  /** What {@link poolRounds} needs: the completed streams' TTFT and stream times, and the spans measured. */
  readonly samples: {
    readonly ttftMs: readonly number[];
    readonly streamMs: readonly number[];
    readonly tokens: number;
    readonly wallSeconds: number;
    readonly spanSeconds: number;
  };
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
    samples: {
      ttftMs: good.map((outcome) => outcome.ttftMs),
      streamMs: good.map((outcome) => outcome.totalMs),
      tokens: good.reduce((sum, outcome) => sum + outcome.tokens, 0),
      wallSeconds,
      spanSeconds,
    },
  };
}

/**
 * One party's rounds of a level as one figure: percentiles over every round's streams, throughput over the
 * rounds' summed wall time, CPU weighted by each round's span, the highest peak RSS.
 */
export function poolRounds(rounds: readonly LevelFigures[]): LevelFigures {
  const [first] = rounds;
  if (first === undefined) throw new Error('poolRounds: no rounds');
  if (rounds.length === 1) return first;
  const ttfts = rounds.flatMap((round) => round.samples.ttftMs);
  const streams = rounds.flatMap((round) => round.samples.streamMs);
  const sum = (pick: (round: LevelFigures) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const wallSeconds = sum((round) => round.samples.wallSeconds);
  const spanSeconds = sum((round) => round.samples.spanSeconds);
  const tokens = sum((round) => round.samples.tokens);
  const cpu = (pick: (round: LevelFigures) => number) =>
    sum((round) => pick(round) * round.samples.spanSeconds) / spanSeconds;
  return {
    party: first.party,
    concurrency: first.concurrency,
    requests: sum((round) => round.requests),
    failed: sum((round) => round.failed),
    firstError: rounds.find((round) => round.firstError !== undefined)?.firstError,
    ttftP50: percentile(ttfts, 50),
    ttftP99: percentile(ttfts, 99),
    streamP50: percentile(streams, 50),
    streamsPerSec: ttfts.length / wallSeconds,
    tokensPerSec: tokens / wallSeconds,
    peakRssKb: Math.max(...rounds.map((round) => round.peakRssKb)),
    partyCpu: cpu((round) => round.partyCpu),
    mockCpu: cpu((round) => round.mockCpu),
    benchCpu: cpu((round) => round.benchCpu),
    samples: { ttftMs: ttfts, streamMs: streams, tokens, wallSeconds, spanSeconds },
  };
}
