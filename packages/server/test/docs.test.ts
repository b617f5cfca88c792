import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SERVE_OPTIONS, serveOptionsMarkdown } from '../src/index.js';

const docsUrl = new URL('../../../docs/server.md', import.meta.url);

describe('docs/server.md', () => {
  it('embeds the option table exactly as the CLI defines it', async () => {
    const page = await readFile(docsUrl, 'utf8');
    const start = page.indexOf('<!-- serve-options:start');
    const end = page.indexOf('<!-- serve-options:end -->');
    expect(start).toBeGreaterThan(0);
    const embedded = page.slice(page.indexOf('\n', start) + 1, end).trim();
    expect(embedded).toBe(serveOptionsMarkdown());
    for (const spec of SERVE_OPTIONS) if (spec.env !== undefined) expect(page).toContain(spec.env);
  });
});
