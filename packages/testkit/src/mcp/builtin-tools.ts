import { setTimeout as delay } from 'node:timers/promises';
import { AuraError } from '@aura/events';
import { z } from 'zod';
import { LARGE_OUTPUT_MIN_JSON_BYTES, largeOutputText } from './large-output.js';
import { defineTestMcpTool, mcpTextResult, mcpToolError, type TestMcpTool } from './test-mcp-tool.js';

/**
 * Fixed payloads of the `image` and `resource` tools, exported so tests can state what they expect
 * (e.g. Aura renders the image as `[Image: image/png (<imagePngBase64.length>)]`).
 */
export const TEST_MCP_FIXTURES = {
  /** A 1×1 transparent PNG. */
  imagePngBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  resourceUri: 'test://aura/readme.txt',
  resourceText: 'Aura test resource: embedded text.',
  linkUri: 'test://aura/linked.txt',
  linkName: 'linked.txt',
  blobUri: 'test://aura/data.json',
  /** The blob resource's decoded content (sent base64-encoded as `application/json`). */
  blobText: '{"ok":true}',
} as const;

const echo = defineTestMcpTool({
  name: 'echo',
  description: 'Returns the message unchanged as text.',
  input: z.object({ message: z.string().describe('Text to echo back') }),
  call: ({ message }) => mcpTextResult(message),
});

const add = defineTestMcpTool({
  name: 'add',
  description: 'Adds two numbers; returns the sum as text and as structuredContent {sum}.',
  input: z.object({ a: z.number(), b: z.number() }),
  outputSchema: { type: 'object', properties: { sum: { type: 'number' } }, required: ['sum'] },
  call: ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }], structuredContent: { sum: a + b } }),
});

const sleep = defineTestMcpTool({
  name: 'sleep',
  description:
    'Waits ms milliseconds in `steps` equal steps, sending notifications/progress (progress=i, total=steps) after each ' +
    'step when the request carries a progressToken. Stops at once when the request is cancelled.',
  input: z.object({
    ms: z.number().int().min(0).max(600_000),
    steps: z.number().int().min(1).max(10_000).optional(),
  }),
  call: async ({ ms, steps = 1 }, context) => {
    for (let step = 1; step <= steps; step += 1) {
      await delay(ms / steps, undefined, { signal: context.signal });
      await context.sendProgress({ progress: step, total: steps, message: `step ${step}/${steps}` });
    }
    return mcpTextResult(`slept ${ms} ms in ${steps} steps`);
  },
});

const largeOutput = defineTestMcpTool({
  name: 'large_output',
  description: `Returns deterministic text of exactly \`bytes\` characters (format json: a JSON document, at least ${LARGE_OUTPUT_MIN_JSON_BYTES}).`,
  input: z.object({
    bytes: z
      .number()
      .int()
      .min(0)
      .max(64 * 1024 * 1024),
    format: z.enum(['text', 'json']).optional(),
  }),
  call: ({ bytes, format }) => mcpTextResult(largeOutputText(bytes, format)),
});

const fail = defineTestMcpTool({
  name: 'fail',
  description: 'Returns a tool error (isError: true) whose text is the message.',
  input: z.object({ message: z.string() }),
  call: ({ message }) => mcpToolError(message),
});

const crash = defineTestMcpTool({
  name: 'crash',
  description: 'Throws: the call fails with a JSON-RPC error (-32603) whose message is the given message.',
  input: z.object({ message: z.string() }),
  call: ({ message }) => {
    throw new AuraError('MCP_CALL_FAILED', message);
  },
});

const whoami = defineTestMcpTool({
  name: 'whoami',
  description:
    'Reports the HTTP request headers this call arrived with as {headers} (null off HTTP). With `header`, only ' +
    'that header (case-insensitive) is reported.',
  input: z.object({ header: z.string().optional() }),
  outputSchema: {
    type: 'object',
    properties: {
      headers: { anyOf: [{ type: 'object', additionalProperties: { type: 'string' } }, { type: 'null' }] },
    },
    required: ['headers'],
  },
  call: ({ header }, context) => {
    let headers: Record<string, string> | null = context.headers === undefined ? null : { ...context.headers };
    if (headers !== null && header !== undefined) {
      const name = header.toLowerCase();
      const value = headers[name];
      headers = value === undefined ? {} : { [name]: value };
    }
    return { content: [{ type: 'text', text: JSON.stringify({ headers }) }], structuredContent: { headers } };
  },
});

const image = defineTestMcpTool({
  name: 'image',
  description: 'Returns one image content item (a 1x1 PNG).',
  input: z.object({}),
  call: () => ({ content: [{ type: 'image', data: TEST_MCP_FIXTURES.imagePngBase64, mimeType: 'image/png' }] }),
});

const resource = defineTestMcpTool({
  name: 'resource',
  description:
    'Returns an embedded text resource and a resource link; with blob: true also an embedded blob resource ' +
    '(application/json).',
  input: z.object({ blob: z.boolean().optional() }),
  call: ({ blob }) => ({
    content: [
      {
        type: 'resource',
        resource: { uri: TEST_MCP_FIXTURES.resourceUri, mimeType: 'text/plain', text: TEST_MCP_FIXTURES.resourceText },
      },
      {
        type: 'resource_link',
        uri: TEST_MCP_FIXTURES.linkUri,
        name: TEST_MCP_FIXTURES.linkName,
        mimeType: 'text/plain',
      },
      ...(blob === true
        ? [
            {
              type: 'resource' as const,
              resource: {
                uri: TEST_MCP_FIXTURES.blobUri,
                mimeType: 'application/json',
                blob: Buffer.from(TEST_MCP_FIXTURES.blobText).toString('base64'),
              },
            },
          ]
        : []),
    ],
  }),
});

/** The plain built-in tools, in listing order (the awkward tool is added by the server factory). */
export const BUILTIN_TOOLS: readonly TestMcpTool[] = [
  echo,
  add,
  sleep,
  largeOutput,
  fail,
  crash,
  whoami,
  image,
  resource,
];
