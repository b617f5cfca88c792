import { describe, expect, it } from 'vitest';
import { generateCompletionId, unixSeconds } from '../index.js';

describe('response identifiers', () => {
  it('generates chatcmpl-<uuid v4> ids, distinct per call', () => {
    const id = generateCompletionId();
    expect(id).toMatch(/^chatcmpl-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(generateCompletionId()).not.toBe(id);
  });

  it('renders created as whole Unix seconds', () => {
    expect(unixSeconds(new Date('2024-10-27T03:33:20.999Z'))).toBe(1730000000);
  });
});
