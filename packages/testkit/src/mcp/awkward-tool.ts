import type { JsonSchemaObject, TestMcpTool } from './test-mcp-tool.js';

/** The awkward tool's name: a dot, a space and a slash, so it needs sanitising (→ `weird_tool_name_v2`). */
export const AWKWARD_TOOL_NAME = 'weird.tool name/v2';

/**
 * The awkward tool's input schema, served verbatim. It collects the shapes schema sanitising must handle
 * (core spec §5): a required plain string (`query`), an optional scalar with default/title (`limit`), optional
 * `anyOf` with a null branch (`tag`) and without one (`value`), a bare `true` property (`anything`), an open
 * dictionary (`labels`), a `$ref` into `$defs` (`primary`), a nested array of objects with an optional field
 * (`rows`), an `anyOf` with a `const: null` branch (`mode`) and a `type` array containing `"null"` (`count`).
 * Deep-frozen; copy it before mutating.
 */
export const AWKWARD_TOOL_INPUT_SCHEMA: JsonSchemaObject = deepFreeze({
  type: 'object',
  title: 'WeirdToolArguments',
  $defs: {
    Label: {
      type: 'object',
      properties: { key: { type: 'string' }, value: { type: 'string' } },
      required: ['key'],
    },
  },
  properties: {
    query: { type: 'string', description: 'Required plain string' },
    limit: { type: 'integer', default: 10, title: 'Limit', description: 'Optional scalar with a default' },
    tag: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'Optional union that already allows null' },
    value: { anyOf: [{ type: 'string' }, { type: 'integer' }], title: 'V' },
    anything: true,
    labels: { type: 'object', additionalProperties: true, description: 'Open dictionary' },
    primary: { $ref: '#/$defs/Label' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, note: { type: 'string' } },
        required: ['id'],
      },
    },
    mode: {
      anyOf: [
        { type: 'string', enum: ['fast', 'slow'] },
        { const: null, nullable: true },
      ],
    },
    count: { type: ['integer', 'null'] },
  },
  required: ['query'],
});

/**
 * The awkward tool: lists {@link AWKWARD_TOOL_INPUT_SCHEMA} and, when called by its original name, answers
 * with the received arguments as JSON text and as `structuredContent: {received}` (no validation).
 */
export const awkwardTool: TestMcpTool = {
  name: AWKWARD_TOOL_NAME,
  description: 'A tool whose name and schema need sanitising; echoes the arguments it received.',
  inputSchema: AWKWARD_TOOL_INPUT_SCHEMA,
  call: (args) => ({
    content: [{ type: 'text', text: JSON.stringify(args) }],
    structuredContent: { received: args },
  }),
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
