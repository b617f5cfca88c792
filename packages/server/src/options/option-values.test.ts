import { describe, expect, it } from 'vitest';
import {
  deriveServerUrl,
  parseBooleanValue,
  parseEnumValue,
  parseIntegerValue,
  parseKeyList,
  parseKeysFile,
  parseUrlValue,
} from './option-values.js';

describe('option values', () => {
  it('reads the reference boolean vocabulary, case-insensitive and trimmed', () => {
    for (const word of ['1', 'true', 'T', ' yes ', 'Y', 'on'])
      expect(parseBooleanValue(word)).toEqual({ ok: true, value: true });
    for (const word of ['0', 'FALSE', 'f', 'no', 'n', 'Off'])
      expect(parseBooleanValue(word)).toEqual({ ok: true, value: false });
    const bad = parseBooleanValue('maybe');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.expected).toBe('a boolean: one of 1, true, t, yes, y, on, 0, false, f, no, n, off');
  });

  it('reads whole numbers within bounds', () => {
    expect(parseIntegerValue(' 8080 ', { min: 0, max: 65535 })).toEqual({ ok: true, value: 8080 });
    expect(parseIntegerValue('0', { min: 0 })).toEqual({ ok: true, value: 0 });
    for (const text of ['-1', '1.5', 'abc', '', '70000', '1e3']) {
      expect(parseIntegerValue(text, { min: 0, max: 65535 }).ok).toBe(false);
    }
    const zero = parseIntegerValue('0', { min: 1 });
    expect(zero).toEqual({ ok: false, expected: 'a whole number >= 1' });
  });

  it('reads enums case-insensitively and URLs without trailing slashes', () => {
    expect(parseEnumValue('Open-Web-UI', ['none', 'open-web-ui', 'aura'])).toEqual({ ok: true, value: 'open-web-ui' });
    expect(parseEnumValue('openwebui', ['none', 'open-web-ui'])).toEqual({
      ok: false,
      expected: 'one of none, open-web-ui',
    });
    expect(parseUrlValue('https://aura.example.com//')).toEqual({ ok: true, value: 'https://aura.example.com' });
    expect(parseUrlValue('ftp://x').ok).toBe(false);
    expect(parseUrlValue('aura.example.com').ok).toBe(false);
  });

  it('reads key lists and key files', () => {
    expect(parseKeyList(' a, ,b ,')).toEqual(['a', 'b']);
    expect(parseKeysFile('# keys\nkey-1\n\n  key-2  \r\n#old\n')).toEqual(['key-1', 'key-2']);
  });

  it('derives the server URL, showing wildcard binds as 127.0.0.1', () => {
    expect(deriveServerUrl('0.0.0.0', 8080)).toBe('http://127.0.0.1:8080');
    expect(deriveServerUrl('::', 3000)).toBe('http://127.0.0.1:3000');
    expect(deriveServerUrl('[::]', 1)).toBe('http://127.0.0.1:1');
    expect(deriveServerUrl('::1', 80)).toBe('http://[::1]:80');
    expect(deriveServerUrl('aura.local', 8080)).toBe('http://aura.local:8080');
  });
});
