import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersistenceLogger } from './persistence-logger.js';
import { createRunPersistence } from './run-persistence.js';
import { createUuidV7Generator } from './uuid-v7.js';

let root: string;
let warnings: string[];
const logger: PersistenceLogger = {
  debug: () => {},
  info: () => {},
  warn: (message) => warnings.push(message),
  error: () => {},
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-session-'));
  warnings = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs one request: a 1-task plan whose result went to an artifact, then the manifest. */
async function completeRun(goal: string, minute: number) {
  const persistence = await createRunPersistence({
    memoryDir: root,
    sessionId: 's1',
    maxSessionRuns: 20,
    logger,
    now: () => new Date(Date.UTC(2026, 4, 1, 12, minute)),
  });
  await persistence.writeArtifact('task-0-stats-iter-1-result.txt', `full result of ${goal}`);
  await persistence.writeManifest({
    kind: 'plan',
    goal,
    iterations: 1,
    tasks: [{ id: 0, description: `do ${goal}`, status: 'complete', worker: 'stats', result: 'r' }],
  });
  return persistence;
}

function manifestJson(runId: string, timestamp: string, goal: string): string {
  return JSON.stringify({
    run_id: runId,
    session_id: 's1',
    timestamp,
    goal,
    status: 'success',
    iterations: 1,
    task_summaries: [],
    artifact_paths: [],
  });
}

describe('session history across runs of one session', () => {
  it('loads the previous run manifest in the next request, excluding the current run', async () => {
    const first = await completeRun('first goal', 0);
    const second = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20, logger });
    const history = await second.loadSessionHistory(3);
    expect(history.map((manifest) => manifest.run_id)).toEqual([first.runId]);
    expect(history[0]?.goal).toBe('first goal');
    expect(await second.loadSessionHistory(0)).toEqual([]);

    const read = await second.readArtifact('task-0-stats-iter-1-result.txt', first.runId);
    expect(read).toEqual({ status: 'found', content: 'full result of first goal' });
    expect(await second.readArtifact('task-0-stats-iter-1-result.txt')).toEqual({ status: 'not-found' });
    expect(await second.readArtifact('../x')).toEqual({ status: 'invalid', message: 'Invalid artifact filename' });
  });

  it('keeps the newest N by timestamp', async () => {
    const runs = [];
    for (let minute = 0; minute < 5; minute += 1) runs.push(await completeRun(`goal ${minute}`, minute));
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
    const history = await current.loadSessionHistory(3);
    expect(history.map((manifest) => manifest.goal)).toEqual(['goal 4', 'goal 3', 'goal 2']);
  });

  it('is empty without a session id, and other sessions are invisible', async () => {
    await completeRun('other session', 0);
    const flat = await createRunPersistence({ memoryDir: root, maxSessionRuns: 20 });
    expect(await flat.loadSessionHistory(3)).toEqual([]);
    expect(await flat.listPriorRuns()).toEqual([]);
    const s2 = await createRunPersistence({ memoryDir: root, sessionId: 's2', maxSessionRuns: 20 });
    expect(await s2.loadSessionHistory(3)).toEqual([]);
  });

  it('skips missing and invalid manifests (logged) and sorts by timestamp when names are not all v7', async () => {
    const session = join(root, 's1');
    await mkdir(join(session, 'no-manifest'), { recursive: true });
    await mkdir(join(session, 'broken'), { recursive: true });
    await writeFile(join(session, 'broken', 'manifest.json'), '{ not json');
    await mkdir(join(session, 'invalid'), { recursive: true });
    await writeFile(join(session, 'invalid', 'manifest.json'), JSON.stringify({ run_id: 'invalid' }));
    await mkdir(join(session, 'zzz-old'), { recursive: true });
    await writeFile(join(session, 'zzz-old', 'manifest.json'), manifestJson('zzz-old', '2026-01-01T00:00:00Z', 'old'));
    await mkdir(join(session, 'aaa-new'), { recursive: true });
    await writeFile(join(session, 'aaa-new', 'manifest.json'), manifestJson('aaa-new', '2026-03-01T00:00:00Z', 'new'));
    await writeFile(join(session, 'stray-file'), 'ignored');
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20, logger });
    const history = await current.loadSessionHistory(10);
    expect(history.map((manifest) => manifest.run_id)).toEqual(['aaa-new', 'zzz-old']);
    expect(warnings.some((line) => line.includes('broken') && line.includes('not valid JSON'))).toBe(true);
    expect(warnings.some((line) => line.includes('invalid') && line.includes('is invalid'))).toBe(true);
  });

  it('reads v7-named runs newest-name first and stops once it has enough', async () => {
    const generate = createUuidV7Generator();
    const session = join(root, 's1');
    const names = [generate(), generate(), generate()];
    for (const [index, name] of names.entries()) {
      await mkdir(join(session, name), { recursive: true });
      await writeFile(
        join(session, name, 'manifest.json'),
        manifestJson(name, `2026-05-0${index + 1}T00:00:00Z`, `g${index}`),
      );
    }
    // The oldest run's manifest is broken: with limit 2 it is never read, so nothing is logged about it.
    await writeFile(join(session, names[0] ?? '', 'manifest.json'), '{ broken');
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20, logger });
    const history = await current.loadSessionHistory(2);
    expect(history.map((manifest) => manifest.goal)).toEqual(['g2', 'g1']);
    expect(warnings).toEqual([]);
  });

  it('does not follow the latest link as a run', async () => {
    const first = await completeRun('only', 0);
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
    await symlink(first.runId, join(root, 's1', 'alias'));
    expect((await current.loadSessionHistory(5)).map((manifest) => manifest.run_id)).toEqual([first.runId]);
  });
});

describe('listPriorRuns', () => {
  it('condenses manifests newest first', async () => {
    const first = await completeRun('goal A', 0);
    const second = await completeRun('goal B', 1);
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
    const runs = await current.listPriorRuns();
    expect(runs).toEqual([
      {
        run_id: second.runId,
        timestamp: '2026-05-01T12:01:00.000Z',
        goal: 'goal B',
        status: 'success',
        outcome: '1/1 tasks completed',
        iteration_count: 1,
        task_count: 1,
        artifact_count: 1,
      },
      expect.objectContaining({ run_id: first.runId, goal: 'goal A' }),
    ]);
    expect(Object.keys(runs[0] ?? {})).toEqual([
      'run_id',
      'timestamp',
      'goal',
      'status',
      'outcome',
      'iteration_count',
      'task_count',
      'artifact_count',
    ]);
    expect(await current.listPriorRuns(1)).toHaveLength(1);
  });
});

describe('readArtifact confinement', () => {
  it('rejects bad run ids before filenames', async () => {
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
    expect(await current.readArtifact('../x', '../run')).toEqual({
      status: 'invalid',
      message: 'Invalid run_id for cross-run artifact read',
    });
    for (const runId of ['', 'a/b', 'a\\b', '..']) {
      expect((await current.readArtifact('f.txt', runId)).status).toBe('invalid');
    }
    expect(await current.readArtifact('f.txt', 'no-such-run')).toEqual({ status: 'not-found' });
  });

  it('refuses artifacts that resolve outside the session directory through a symlink', async () => {
    const outside = join(root, 'outside.txt');
    await writeFile(outside, 'secret');
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
    const artifacts = join(current.runDir ?? '', 'artifacts');
    await mkdir(artifacts, { recursive: true });
    await symlink(outside, join(artifacts, 'leak.txt'));
    expect(await current.readArtifact('leak.txt')).toEqual({
      status: 'invalid',
      message: 'Artifact path escapes session directory',
    });
    // A run directory that is itself a symlink to a directory outside the session.
    await mkdir(join(root, 'elsewhere', 'artifacts'), { recursive: true });
    await writeFile(join(root, 'elsewhere', 'artifacts', 'a.txt'), 'outside');
    await symlink(join(root, 'elsewhere'), join(root, 's1', 'linked-run'));
    expect((await current.readArtifact('a.txt', 'linked-run')).status).toBe('invalid');
  });

  it('allows symlinks that stay inside the session directory and treats directories as missing', async () => {
    const first = await completeRun('one', 0);
    const current = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
    const artifacts = join(current.runDir ?? '', 'artifacts');
    await mkdir(join(artifacts, 'a-dir'), { recursive: true });
    await symlink(
      join(first.runDir ?? '', 'artifacts', 'task-0-stats-iter-1-result.txt'),
      join(artifacts, 'alias.txt'),
    );
    expect(await current.readArtifact('alias.txt')).toEqual({ status: 'found', content: 'full result of one' });
    expect(await current.readArtifact('a-dir')).toEqual({ status: 'not-found' });
  });
});
