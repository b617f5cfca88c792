import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunPersistence, type RunPersistence } from '../persistence/run-persistence.js';
import { maybeCreateResultArtifact, resultArtifactFooter } from './result-artifact.js';

let root: string;
let persistence: RunPersistence;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-result-artifact-'));
  persistence = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const options = () => ({ taskId: 0, worker: 'stats', iteration: 1, threshold: 100, summaryLength: 50, persistence });

describe('maybeCreateResultArtifact', () => {
  it('saves a 300-byte result and keeps the first 50 bytes plus the footer (spec case 18)', async () => {
    const result = 'x'.repeat(300);
    const stored = await maybeCreateResultArtifact(result, options());
    expect(stored).toBe(
      `${'x'.repeat(50)}\n\n[Full result (300 chars) saved to artifact: task-0-stats-iter-1-result.txt]`,
    );
    expect(await readFile(join(persistence.runDir ?? '', 'artifacts', 'task-0-stats-iter-1-result.txt'), 'utf8')).toBe(
      result,
    );
    expect(await persistence.readArtifact('task-0-stats-iter-1-result.txt')).toEqual({
      status: 'found',
      content: result,
    });
  });

  it('leaves results at or under the threshold unchanged and writes nothing', async () => {
    const result = 'y'.repeat(100);
    expect(await maybeCreateResultArtifact(result, options())).toBe(result);
    expect(await persistence.listArtifacts()).toEqual([]);
  });

  it('measures and cuts in UTF-8 bytes on a character boundary', async () => {
    const result = '€'.repeat(40);
    const stored = await maybeCreateResultArtifact(result, { ...options(), worker: undefined, iteration: 2 });
    expect(stored).toBe(`${'€'.repeat(16)}${resultArtifactFooter(120, 'task-0-default-iter-2-result.txt')}`);
  });

  it('sanitises the worker name in the filename', async () => {
    const stored = await maybeCreateResultArtifact('z'.repeat(101), { ...options(), worker: 'SRE Team' });
    expect(stored.endsWith('saved to artifact: task-0-sre-team-iter-1-result.txt]')).toBe(true);
  });

  it('keeps the full result when persistence is disabled (deviation from spec §9.4)', async () => {
    const disabled = await createRunPersistence({ maxSessionRuns: 20 });
    const result = 'x'.repeat(300);
    expect(await maybeCreateResultArtifact(result, { ...options(), persistence: disabled })).toBe(result);
  });

  it('keeps the full result when the write fails', async () => {
    await writeFile(join(persistence.runDir ?? '', 'artifacts'), 'blocks the directory');
    const result = 'x'.repeat(300);
    expect(await maybeCreateResultArtifact(result, options())).toBe(result);
  });
});
