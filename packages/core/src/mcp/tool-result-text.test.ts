import { describe, expect, it } from 'vitest';
import { classifyToolOutput } from '../tools/tool-error-detection.js';
import { boundErrorContent, extractToolResultText, renderResourceContents } from './tool-result-text.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('extractToolResultText (case 62)', () => {
  it('prefers structuredContent, pretty-printed with sorted keys', () => {
    const output = extractToolResultText({
      structuredContent: { result: [1, 2], a: { z: 1, b: 2 } },
      content: [{ type: 'text', text: 'ignored' }],
    });
    expect(output).toEqual({
      text: '{\n  "a": {\n    "b": 2,\n    "z": 1\n  },\n  "result": [\n    1,\n    2\n  ]\n}',
      isError: false,
    });
  });

  it('falls back to content when structuredContent is null', () => {
    expect(extractToolResultText({ structuredContent: null, content: [{ type: 'text', text: 'hi' }] }).text).toBe('hi');
  });

  it('renders and joins content items', () => {
    const output = extractToolResultText({
      content: [
        { type: 'text', text: 'first' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'resource_link', uri: 'file:///x.txt', name: 'x.txt' },
        { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
        { type: 'resource', resource: { uri: 'mem://doc', text: 'doc text' } },
        'garbage',
      ],
    });
    expect(output.text).toBe(
      [
        'first',
        '[Image: image/png (12)]',
        '[Resource link: x.txt (file:///x.txt)]',
        '[Unsupported content type]',
        'doc text',
        '[Unsupported content type]',
      ].join('\n'),
    );
    expect(output.isError).toBe(false);
  });

  it('returns an empty success for empty content', () => {
    expect(extractToolResultText({ content: [] })).toEqual({ text: '', isError: false });
    expect(extractToolResultText({})).toEqual({ text: '', isError: false });
  });

  it('prefixes isError results and marks them', () => {
    const output = extractToolResultText({ isError: true, content: [{ type: 'text', text: 'Connection refused' }] });
    expect(output).toEqual({ text: 'Tool returned an error: Connection refused', isError: true });
    expect(classifyToolOutput(output.text)).toMatchObject({
      success: false,
      kind: 'ToolError',
      message: 'Connection refused',
    });
  });

  it('bounds long error text (20 000 bytes) and keeps the head', () => {
    const long = `HEAD${'x'.repeat(19_992)}TAIL`;
    const output = extractToolResultText({ isError: true, content: [{ type: 'text', text: long }] });
    expect(output.text.startsWith('Tool returned an error: HEADxxx')).toBe(true);
    expect(output.text).toContain('[tool error truncated: ');
    expect(output.text.endsWith('TAIL')).toBe(true);
  });

  it('bounds structured error content too', () => {
    const output = extractToolResultText({ isError: true, structuredContent: { message: 'y'.repeat(10_000) } });
    expect(output.text).toContain('[tool error truncated: ');
    expect(output.isError).toBe(true);
  });
});

describe('renderResourceContents', () => {
  it.each([
    ['text/plain', 'plain'],
    ['text/markdown', '# md'],
    ['application/json', '{"a":1}'],
    ['application/xml', '<a/>'],
    ['application/yaml', 'a: 1'],
  ])('decodes a %s blob', (mimeType, text) => {
    expect(renderResourceContents({ uri: 'u', mimeType, blob: b64(text) })).toBe(text);
  });

  it('keeps a UTF-8 BOM like Rust String::from_utf8', () => {
    expect(renderResourceContents({ uri: 'u', mimeType: 'text/plain', blob: b64('\ufeffx') })).toBe('\ufeffx');
  });

  it('describes binary blobs', () => {
    expect(renderResourceContents({ uri: 'file:///a.png', mimeType: 'image/png', blob: 'AAAA' })).toBe(
      '[Binary resource: file:///a.png (mime: image/png)]',
    );
    expect(renderResourceContents({ uri: 'file:///a', blob: 'AAAA' })).toBe(
      '[Binary resource: file:///a (mime: unknown)]',
    );
  });

  it('reports invalid base64 and invalid UTF-8', () => {
    expect(renderResourceContents({ uri: 'u', mimeType: 'text/plain', blob: 'not base64!' })).toBe(
      '[Binary resource: u (invalid base64)]',
    );
    expect(renderResourceContents({ uri: 'u', mimeType: 'text/plain', blob: 'YQ' })).toBe(
      '[Binary resource: u (invalid base64)]',
    );
    expect(renderResourceContents({ uri: 'u', mimeType: 'text/plain', blob: 'YR==' })).toBe(
      '[Binary resource: u (invalid base64)]',
    );
    expect(
      renderResourceContents({ uri: 'u', mimeType: 'text/plain', blob: Buffer.from([0xff, 0xfe]).toString('base64') }),
    ).toBe('[Binary resource: u (not valid UTF-8)]');
  });

  it('truncates resource text over 100 000 bytes on a character boundary', () => {
    const text = `${'a'.repeat(99_999)}€tail`;
    const rendered = renderResourceContents({ uri: 'u', text });
    expect(rendered).toBe(`${'a'.repeat(99_999)}\n\n[Resource truncated: showing 100000 of ${99_999 + 3 + 4} bytes]`);
    expect(renderResourceContents({ uri: 'u', text: 'a'.repeat(100_000) })).toBe('a'.repeat(100_000));
  });
});

describe('boundErrorContent', () => {
  it('returns text within the budget unchanged', () => {
    expect(boundErrorContent('x'.repeat(8192))).toBe('x'.repeat(8192));
  });

  it('keeps 6144 head bytes and 2048 tail bytes with the exact marker', () => {
    const text = `${'h'.repeat(6144)}${'m'.repeat(10_000)}${'t'.repeat(2048)}`;
    expect(boundErrorContent(text)).toBe(
      `${'h'.repeat(6144)}\n\n[tool error truncated: 10000 of 18192 bytes omitted]\n\n${'t'.repeat(2048)}`,
    );
  });

  it('moves both cuts back to UTF-8 boundaries', () => {
    // 6143 ASCII bytes then a 3-byte character spanning the head cut; the tail cut falls inside another one.
    const text = `${'a'.repeat(6143)}€${'b'.repeat(5000)}€${'c'.repeat(2046)}`;
    const total = 6143 + 3 + 5000 + 3 + 2046;
    const bounded = boundErrorContent(text);
    expect(bounded.startsWith(`${'a'.repeat(6143)}\n\n`)).toBe(true);
    expect(bounded.endsWith(`\n\n€${'c'.repeat(2046)}`)).toBe(true);
    const omitted = total - 2049 - 6143;
    expect(bounded).toContain(`[tool error truncated: ${omitted} of ${total} bytes omitted]`);
  });

  it('supports other budgets', () => {
    expect(boundErrorContent('0123456789', 8)).toBe('012345\n\n[tool error truncated: 2 of 10 bytes omitted]\n\n89');
  });
});
