import { describe, expect, it } from 'vitest';
import { LoadOnce } from './load-once.js';

describe('LoadOnce', () => {
  it('shares one load between callers, and retries after a failure', async () => {
    let calls = 0;
    const once = new LoadOnce(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first load fails');
      return `value ${calls}`;
    });
    expect(once.value).toBeUndefined();
    await expect(Promise.all([once.load(), once.load()])).rejects.toThrow('first load fails');
    expect(calls).toBe(1);
    expect(once.value).toBeUndefined();
    expect(await Promise.all([once.load(), once.load()])).toEqual(['value 2', 'value 2']);
    expect(once.value).toBe('value 2');
    expect(await once.load()).toBe('value 2');
    expect(calls).toBe(2);
  });
});
