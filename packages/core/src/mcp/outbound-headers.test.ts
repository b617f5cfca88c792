import { describe, expect, it } from 'vitest';
import type { McpServerSpec } from './mcp-types.js';
import { connectionIdentity, forwardsRequestHeaders, resolveOutboundHeaders } from './outbound-headers.js';

const spec = (headers: Record<string, string>, fromRequest: Record<string, string>): McpServerSpec => ({
  transport: 'http_streamable',
  url: 'http://mcp.invalid/mcp',
  headers,
  headers_from_request: fromRequest,
  scratchpad: {},
});

describe('resolveOutboundHeaders', () => {
  it('lower-cases static headers and lets forwarded ones override them (case-insensitive lookup)', () => {
    const server = spec({ Authorization: 'static', 'X-Team': 'sre' }, { 'X-Forwarded-Auth': 'Authorization' });
    expect(resolveOutboundHeaders(server, { AUTHORIZATION: 'Token abc' })).toEqual({
      authorization: 'static',
      'x-forwarded-auth': 'Token abc',
      'x-team': 'sre',
    });
    const overriding = spec({ Authorization: 'static' }, { Authorization: 'x-user' });
    expect(resolveOutboundHeaders(overriding, new Headers({ 'X-User': 'Bearer u1' }))).toEqual({
      authorization: 'Bearer u1',
    });
  });

  it('keeps the static value when the caller did not send the header, and joins repeated values', () => {
    const server = spec({ authorization: 'fallback' }, { authorization: 'x-user', 'x-tags': 'x-tag' });
    expect(resolveOutboundHeaders(server, {})).toEqual({ authorization: 'fallback' });
    expect(resolveOutboundHeaders(server, undefined)).toEqual({ authorization: 'fallback' });
    expect(resolveOutboundHeaders(server, { 'x-tag': ['a', 'b'] })).toEqual({
      authorization: 'fallback',
      'x-tags': 'a, b',
    });
  });

  it('gives stdio servers no headers', () => {
    const stdio: McpServerSpec = { transport: 'stdio', cmd: ['srv'], args: [], env: {}, scratchpad: {} };
    expect(resolveOutboundHeaders(stdio, { authorization: 'x' })).toEqual({});
    expect(forwardsRequestHeaders(stdio)).toBe(false);
    expect(forwardsRequestHeaders(spec({}, { a: 'b' }))).toBe(true);
    expect(forwardsRequestHeaders(spec({ a: 'b' }, {}))).toBe(false);
  });
});

describe('connectionIdentity', () => {
  it('is equal for equal headers, differs for different values or servers, and hides the values', () => {
    const a = connectionIdentity('logs', { authorization: 'Bearer secret-1' });
    expect(connectionIdentity('logs', { authorization: 'Bearer secret-1' })).toBe(a);
    expect(connectionIdentity('logs', { authorization: 'Bearer secret-2' })).not.toBe(a);
    expect(connectionIdentity('metrics', { authorization: 'Bearer secret-1' })).not.toBe(a);
    expect(a).not.toContain('secret');
  });
});
