import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { TestMcpLog, type TestMcpLogEvent, testMcpLogEventSchema } from './test-mcp-log.js';

/** Options of {@link followTestMcpLogFile}. */
export interface FollowTestMcpLogFileOptions {
  /** How often the file is checked for new lines, in milliseconds. Default 10. */
  readonly intervalMs?: number;
}

/** A live view of a JSON-lines log file written by another process; see {@link followTestMcpLogFile}. */
export interface TestMcpLogFileFollower {
  /** An in-memory log fed with every event read from the file; await events with `log.waitFor`. */
  readonly log: TestMcpLog;
  /** Lines that were not a valid event (kept so a test can show them instead of silently dropping them). */
  readonly invalidLines: readonly string[];
  /** Reads whatever was appended since the last check, right now. */
  poll(): void;
  /** Stops following. Idempotent. */
  close(): void;
}

/**
 * Follows a JSON-lines log file (as written by a `TestMcpLog` with a `path`, e.g. a stdio test server started
 * with `AURA_TEST_MCP_LOG=<path>`): events already in the file and every event appended later are recorded
 * into `follower.log`, so a test can `await follower.log.waitFor(...)` across the process boundary.
 * A missing file counts as empty. Call `close()` when done (the timer is unref'd and never keeps the process
 * alive on its own).
 */
export function followTestMcpLogFile(path: string, options: FollowTestMcpLogFileOptions = {}): TestMcpLogFileFollower {
  const log = new TestMcpLog();
  const invalidLines: string[] = [];
  let offset = 0;
  let pending = '';
  let closed = false;

  const poll = (): void => {
    if (closed) return;
    const chunk = readFrom(path, offset);
    if (chunk.length === 0) return;
    offset += chunk.length;
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      const event = parseLine(line);
      if (event === undefined) invalidLines.push(line);
      else log.record(event);
    }
  };

  const timer = setInterval(poll, options.intervalMs ?? 10);
  timer.unref();
  poll();
  return {
    log,
    invalidLines,
    poll,
    close: () => {
      closed = true;
      clearInterval(timer);
    },
  };
}

/**
 * Reads every event in a JSON-lines log file at once. A missing file has no events; lines that are not valid
 * events are skipped. Throws only when the file exists but cannot be read.
 */
export function readTestMcpLogFile(path: string): TestMcpLogEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
  return text
    .split('\n')
    .map(parseLine)
    .filter((event): event is TestMcpLogEvent => event !== undefined);
}

function parseLine(line: string): TestMcpLogEvent | undefined {
  if (line.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = testMcpLogEventSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

function readFrom(path: string, offset: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (isMissingFile(error)) return Buffer.alloc(0);
    throw error;
  }
  try {
    const chunks: Buffer[] = [];
    let position = offset;
    for (;;) {
      const buffer = Buffer.alloc(64 * 1024);
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      position += read;
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
