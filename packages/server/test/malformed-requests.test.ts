import { request as httpRequest } from 'node:http';
import { text, turn } from '@aura/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfig, TestHarness, type TestServer } from './server-fixtures.js';

const harness = new TestHarness();
let server: TestServer;
beforeAll(async () => {
  server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a' }) }], { maxBodyBytes: 64 * 1024 });
  harness.mock?.setRules({ reply: turn(text('still here')) });
});
afterAll(() => harness.cleanup());

async function post(
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) {
  const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers, body });
  const parsed = (await response.json()) as { error: { message: string; type: string; param?: string } };
  return { status: response.status, error: parsed.error };
}

const userMessage = [{ role: 'user', content: 'hi' }];

describe('malformed chat requests get a 4xx with an OpenAI-shaped body and never hurt the server', () => {
  it.each([
    [
      'no content type',
      new TextEncoder().encode(JSON.stringify({ messages: userMessage })),
      {},
      415,
      /Content-Type must be application\/json \(got none\)/,
    ],
    ['text/plain', JSON.stringify({ messages: userMessage }), { 'content-type': 'text/plain' }, 415, /got text\/plain/],
    [
      'a non-UTF-8 charset',
      JSON.stringify({ messages: userMessage }),
      { 'content-type': 'application/json; charset=latin1' },
      415,
      /Unsupported charset 'latin1'/,
    ],
    ['invalid JSON', '{"messages": [', undefined, 400, /^Request body is not valid JSON: /],
    ['an empty body', '', undefined, 400, /^Request body is empty; expected a JSON object$/],
    ['a JSON array', '[1,2]', undefined, 422, /^Invalid request: request body: /],
    ['no messages', '{"model":"a"}', undefined, 422, /messages: required \(expected array\)/],
    ['wrong types', '{"messages":"hi","stream":"yes"}', undefined, 422, /messages: .*stream: /],
    ['empty messages (case 5)', '{"messages":[],"stream":true}', undefined, 400, /^No messages provided$/],
    [
      'a last assistant message (case 6)',
      JSON.stringify({ messages: [...userMessage, { role: 'assistant', content: 'x' }] }),
      undefined,
      400,
      /^Last message must be from user, got: assistant$/,
    ],
    [
      'an unknown last role',
      JSON.stringify({ messages: [{ role: 'wizard', content: 'x' }] }),
      undefined,
      400,
      /^Last message must be from user, got: wizard$/,
    ],
    [
      'an image content part',
      JSON.stringify({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }),
      undefined,
      422,
      /content part type "image_url" is not supported/,
    ],
    [
      'a non-string chat_session_id',
      JSON.stringify({ messages: userMessage, metadata: { chat_session_id: 5 } }),
      undefined,
      422,
      /metadata\.chat_session_id: expected a string, got number/,
    ],
    [
      'a blank user message',
      JSON.stringify({ messages: [{ role: 'user', content: '  ' }] }),
      undefined,
      400,
      /non-empty/,
    ],
  ] as const)('%s', async (_label, body, headers, status, message) => {
    const result = await post(body, headers ?? { 'content-type': 'application/json' });
    expect(result.status).toBe(status);
    expect(result.error.message).toMatch(message);
    expect(result.error.type).toBe('invalid_request_error');
  });

  it('a body that is not valid UTF-8 is 400', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"messages":[{"role":"user","content":"'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}]}'),
    ]);
    const result = await post(bytes);
    expect(result).toEqual({
      status: 400,
      error: { message: 'Request body is not valid UTF-8', type: 'invalid_request_error' },
    });
  });

  it('a body over the limit is 413, by Content-Length or while streaming without one', async () => {
    const huge = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(200 * 1024) }] });
    const declared = await post(huge);
    expect(declared.status).toBe(413);
    expect(declared.error.message).toBe('Request body is larger than the limit of 65536 bytes (AURA_MAX_BODY_BYTES)');
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        `${server.url}/v1/chat/completions`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      for (let index = 0; index < 20; index += 1) request.write('x'.repeat(8 * 1024));
      request.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('a client that goes away mid-upload costs nothing: no run starts and the server keeps serving', async () => {
    await new Promise<void>((resolve) => {
      const request = httpRequest(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '5000' },
      });
      request.on('error', () => resolve());
      request.write('{"messages":[{"role":"user","content":"hal');
      setTimeout(() => request.destroy(), 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.controller.activeRuns).toBe(0);
  });

  it('an unknown role before the last message is dropped; the server keeps serving after all of the above', async () => {
    const completion = await server.client().chat.completions.create({
      model: 'a',
      messages: [{ role: 'wizard', content: 'ignored' } as never, { role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('still here');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
