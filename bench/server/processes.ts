/**
 * Child processes of the server benchmark and what Linux tells us about them: spawning (optionally pinned to a
 * CPU with `taskset`), a registry that kills every child when the bench exits for any reason (normal end,
 * failure, Ctrl-C), and `/proc/<pid>` readings (VmRSS, VmHWM, CPU ticks).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A spawned child. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves when the child has exited. */
  readonly exited: Promise<void>;
  /** Stderr seen so far (last 8 KB), for error messages. */
  stderrTail(): string;
  /** SIGKILLs the child (if still running) and waits for it to exit. */
  kill(): Promise<void>;
  /** SIGTERMs the child (so it can exit cleanly, e.g. write a `--cpu-prof`), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Options of {@link spawnChild}. */
export interface SpawnChildOptions {
  readonly name: string;
  readonly args: readonly string[];
  /** CPU list for `taskset -c` (`'1'`, `'0-1'`); undefined = the bench's own affinity, inherited. */
  readonly cpus?: string | undefined;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with every complete stdout line. */
  readonly onLine?: (line: string) => void;
}

const children = new Set<Child>();
const tempDirs = new Set<string>();
let hooked = false;

/** Removes `dir` (recursively) when the bench exits. */
export function removeOnExit(dir: string): void {
  installExitHooks();
  tempDirs.add(dir);
}

/** Whether `taskset` can pin processes here. */
export function canPin(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/** Spawns `node <args>`; the child is killed when the bench exits. */
export function spawnChild(options: SpawnChildOptions): Child {
  installExitHooks();
  const command = options.cpus === undefined ? process.execPath : 'taskset';
  const args = options.cpus === undefined ? [...options.args] : ['-c', options.cpus, process.execPath, ...options.args];
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`cannot spawn ${options.name}`);
  let stderr = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (data: string) => {
    stderr = (stderr + data).slice(-8192);
  });
  let pending = '';
  proc.stdout?.setEncoding('utf8');
  proc.stdout?.on('data', (data: string) => {
    pending += data;
    for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
      options.onLine?.(pending.slice(0, at));
      pending = pending.slice(at + 1);
    }
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    name: options.name,
    pid: proc.pid,
    process: proc,
    exited,
    stderrTail: () => stderr,
    kill: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
      children.delete(child);
    },
    stop: async (graceMs = 10_000) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** Kills every child still running and removes the temp dirs (synchronously; safe in an `exit` handler). */
export function killAllChildren(): void {
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  }
  children.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

function installExitHooks(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllChildren();
      process.stderr.write(`\nbench/server: ${signal} — children killed\n`);
      process.exit(130);
    });
  }
}

/** Memory of a process from `/proc/<pid>/status`, in KiB. */
export interface ProcMemory {
  readonly rssKb: number;
  readonly hwmKb: number;
}

/** VmRSS and VmHWM of `pid`. @throws when the process is gone. */
export function readMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** Resets VmHWM to the current RSS (`clear_refs` 5); ignored where not permitted. */
export function resetPeakMemory(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not permitted (or an old kernel): peaks then come from our own RSS sampling alone.
  }
}

const CLOCK_TICKS = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(result.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** User + system CPU seconds `pid` has used so far. @throws when the process is gone. */
export function readCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Number of open file descriptors of `pid` (sockets included). */
export function countOpenFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
