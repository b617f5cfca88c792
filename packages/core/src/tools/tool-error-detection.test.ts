import { describe, expect, it } from 'vitest';
import { classifyToolOutput, formatToolCallError, isToolErrorOutput } from './tool-error-detection.js';

describe('classifyToolOutput (case 61)', () => {
  it('recognises the core prefixes', () => {
    expect(classifyToolOutput('ToolCallError: x')).toEqual({
      success: false,
      kind: 'ToolCallError',
      prefix: 'ToolCallError: ',
      message: 'x',
    });
    expect(classifyToolOutput('JsonError: missing field `path`')).toMatchObject({
      success: false,
      kind: 'JsonError',
      message: 'missing field `path`',
    });
    expect(classifyToolOutput('Tool returned an error: Connection refused')).toMatchObject({
      success: false,
      kind: 'ToolError',
      message: 'Connection refused',
    });
  });

  it.each([
    ['Tool returned error: boom', 'ToolError'],
    ['Tool execution failed: boom', 'ExecutionError'],
    ['Tool not found: boom', 'NotFoundError'],
    ['Invalid tool arguments: boom', 'ArgumentError'],
    ['MCP error: boom', 'McpError'],
    ['HTTP error: boom', 'HttpError'],
    ['JSON error: boom', 'JsonError'],
    ['Timeout: boom', 'TimeoutError'],
  ])('recognises the server-spec §9.3 prefix of %j (Q9)', (text, kind) => {
    expect(classifyToolOutput(text)).toMatchObject({ success: false, kind, message: 'boom' });
  });

  it.each([
    'Found 3 error logs',
    'The ToolCallError: something',
    'toolcallerror: lower case',
    'ToolCallError:no space',
    ' ToolCallError: leading space',
    '',
  ])('treats %j as success', (text) => {
    expect(classifyToolOutput(text)).toEqual({ success: true });
    expect(isToolErrorOutput(text)).toBe(false);
  });

  it('keeps nested prefixes in the message', () => {
    expect(classifyToolOutput('ToolCallError: Tool execution failed: timeout')).toMatchObject({
      kind: 'ToolCallError',
      message: 'Tool execution failed: timeout',
    });
  });
});

describe('formatToolCallError', () => {
  it('adds exactly one prefix', () => {
    expect(formatToolCallError('x')).toBe('ToolCallError: x');
    expect(formatToolCallError('ToolCallError: x')).toBe('ToolCallError: x');
    expect(formatToolCallError('ToolCallError: ToolCallError: x')).toBe('ToolCallError: x');
  });

  it('uses the message of an Error and stringifies anything else', () => {
    expect(formatToolCallError(new Error('disk full'))).toBe('ToolCallError: disk full');
    expect(formatToolCallError(42)).toBe('ToolCallError: 42');
  });

  it('produces text the classifier reads back', () => {
    expect(classifyToolOutput(formatToolCallError(new Error('ToolCallError: boom')))).toMatchObject({
      kind: 'ToolCallError',
      message: 'boom',
    });
  });
});
