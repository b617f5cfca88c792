import { describe, expect, it } from 'vitest';
import { createCliLogger, prettyLine } from '../src/logger.js';

function capture(level: 'warn' | 'info' | 'debug', format: 'pretty' | 'json' = 'pretty') {
  const lines: string[] = [];
  const logger = createCliLogger({ level, format, write: (line) => lines.push(line) });
  return { logger, lines };
}

describe('the serve logger', () => {
  it('writes one readable line per entry: time, level, message, fields', () => {
    const { logger, lines } = capture('info');
    logger.info('POST /v1/chat/completions 200', { requestId: 'req_1', durationMs: 12.5, note: 'two words' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {2}POST \/v1\/chat\/completions 200 requestId=req_1 durationMs=12\.5 note="two words"\n$/,
    );
  });

  it('default level warn hides info and debug but always shows start-up lines', () => {
    const { logger, lines } = capture('warn');
    logger.debug('hidden debug');
    logger.info('hidden info');
    logger.startup("Loaded agent 'a' (openai/gpt-4o)");
    logger.warn('shown warning');
    expect(lines.join('')).not.toContain('hidden');
    expect(lines.join('')).toContain("INFO  Loaded agent 'a' (openai/gpt-4o)");
    expect(lines.join('')).toContain('WARN  shown warning');
    const debug = capture('debug');
    debug.logger.debug('visible debug');
    expect(debug.lines.join('')).toContain('DEBUG visible debug');
  });

  it('redacts secret-looking fields and renders errors by their message; json mode keeps pino JSON', () => {
    const { logger, lines } = capture('info');
    logger.info('request', { authorization: 'Bearer top-secret', nested: { apiKey: 'sk-secret-1', api_key: 'sk-2' } });
    logger.error('failed', { error: new Error('boom') });
    const text = lines.join('');
    expect(text).not.toContain('top-secret');
    expect(text).not.toContain('sk-secret-1');
    expect(text).not.toContain('sk-2');
    expect(text).toContain('[redacted]');
    expect(text).toContain('error="boom"');
    const json = capture('info', 'json');
    json.logger.info('hello', { requestId: 'req_2' });
    expect(JSON.parse(json.lines[0] ?? '{}')).toMatchObject({ level: 30, msg: 'hello', requestId: 'req_2' });
  });

  it('passes lines that are not JSON through unchanged', () => {
    expect(prettyLine('plain text\n', false)).toBe('plain text\n');
  });
});
