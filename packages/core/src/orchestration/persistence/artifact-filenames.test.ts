import { describe, expect, it } from 'vitest';
import {
  classifyArtifactFilename,
  isArtifactOfTask,
  isSafePathComponent,
  resultArtifactFilename,
  sanitizeFilenameComponent,
  toolOutputArtifactFilename,
} from './artifact-filenames.js';

describe('artifact filenames', () => {
  it('sanitises names: lowercase, non-alphanumerics to -, collapsed, trimmed, empty → unknown', () => {
    expect(sanitizeFilenameComponent('Stats')).toBe('stats');
    expect(sanitizeFilenameComponent('My Worker!!')).toBe('my-worker');
    expect(sanitizeFilenameComponent('__get__logs__')).toBe('get-logs');
    expect(sanitizeFilenameComponent('../etc/passwd')).toBe('etc-passwd');
    expect(sanitizeFilenameComponent('Ünïcode-名前')).toBe('n-code');
    expect(sanitizeFilenameComponent('')).toBe('unknown');
    expect(sanitizeFilenameComponent('---')).toBe('unknown');
  });

  it('builds result and tool-output names with default for the generic worker', () => {
    expect(resultArtifactFilename(0, 'stats', 1)).toBe('task-0-stats-iter-1-result.txt');
    expect(resultArtifactFilename(3, undefined, 2)).toBe('task-3-default-iter-2-result.txt');
    expect(toolOutputArtifactFilename(0, 'stats', 1, 'mean', 0)).toBe('task-0-stats-iter-1-mean-0-output.txt');
    expect(toolOutputArtifactFilename(1, 'SRE Team', 2, 'get_logs', 7)).toBe(
      'task-1-sre-team-iter-2-get-logs-7-output.txt',
    );
  });

  it('classifies artifact names and recovers the tool name', () => {
    expect(classifyArtifactFilename('task-0-stats-iter-1-result.txt')).toEqual({ kind: 'result' });
    expect(classifyArtifactFilename('task-1-sre-team-iter-2-get-logs-7-output.txt')).toEqual({
      kind: 'tool_output',
      toolName: 'get-logs',
    });
    expect(classifyArtifactFilename('notes.txt')).toEqual({ kind: 'other' });
  });

  it('matches a task prefix exactly (task 1 is not task 10)', () => {
    expect(isArtifactOfTask('task-1-x-iter-1-result.txt', 1)).toBe(true);
    expect(isArtifactOfTask('task-10-x-iter-1-result.txt', 1)).toBe(false);
  });

  it('accepts only single safe path components', () => {
    expect(isSafePathComponent('task-0-a-iter-1-result.txt')).toBe(true);
    for (const bad of ['', 'a/b', 'a\\b', '..', '../x', 'x..y', 'nul\0byte'])
      expect(isSafePathComponent(bad)).toBe(false);
  });
});
