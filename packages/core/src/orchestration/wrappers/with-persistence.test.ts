import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sanitizeToolSchema } from '../../tools/schema-sanitize.js';
import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import { createRunPersistence, type RunPersistence } from '../persistence/run-persistence.js';
import type { RawAwareToolOutput } from './raw-tool-output.js';
import { REASONING_FIELD_DESCRIPTION } from './reasoning-field.js';
import { createToolCallCounter, type PersistenceWrapperOptions, withPersistence } from './with-persistence.js';

let root: string;
let persistence: RunPersistence;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aura-with-persistence-'));
  persistence = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
});

afterEach(async () => {
  await persistence.drain({ timeoutMs: 5000 });
  await rm(root, { recursive: true, force: true });
});

const context: ToolCallContext = { toolCallId: 'call-1', signal: new AbortController().signal };

interface FakeTool extends Tool {
  readonly calls: Array<Record<string, unknown>>;
}

function fakeTool(
  name: string,
  respond: (args: Record<string, unknown>) => ToolOutput | Promise<ToolOutput>,
  inputSchema: Tool['inputSchema'] = { type: 'object', properties: { numbers: { type: 'array' } } },
): FakeTool {
  const calls: Array<Record<string, unknown>> = [];
  return {
    name,
    originalName: name,
    description: `${name} tool`,
    inputSchema,
    kind: 'mcp',
    source: 'math',
    calls,
    async execute(args) {
      calls.push(args);
      return respond(args);
    },
  };
}

function wrap(tool: Tool, overrides: Partial<PersistenceWrapperOptions> = {}): Tool {
  return withPersistence(tool, {
    persistence,
    taskId: 0,
    attempt: 1,
    worker: 'stats',
    iteration: 1,
    callCounter: createToolCallCounter(),
    thresholds: { outputBytes: 10, durationMs: 5000 },
    ...overrides,
  });
}

async function records(
  file = 'task-0.attempt-1.tool-calls.json',
  iteration = 1,
): Promise<Array<Record<string, unknown>>> {
  await persistence.drain({ timeoutMs: 5000 });
  const path = join(persistence.runDir ?? '', `iteration-${iteration}`, file);
  return JSON.parse(await readFile(path, 'utf8')) as Array<Record<string, unknown>>;
}

const FORTY = '0123456789012345678901234567890123456789';

describe('withPersistence: output promotion by size (spec case 19)', () => {
  it('adds the footer, writes the raw output and records the call', async () => {
    const inner = fakeTool('mean', () => ({ text: FORTY, isError: false }));
    const tool = wrap(inner);
    const output = (await tool.execute(
      { numbers: [1, 2], _aura_reasoning: 'need the mean' },
      context,
    )) as RawAwareToolOutput;
    expect(inner.calls).toEqual([{ numbers: [1, 2] }]);
    expect(output.text).toBe(`${FORTY}\n\n[Tool output saved to artifact: task-0-stats-iter-1-mean-0-output.txt]`);
    expect(output.isError).toBe(false);
    expect(output.rawText).toBe(FORTY);
    const file = join(persistence.runDir ?? '', 'artifacts', 'task-0-stats-iter-1-mean-0-output.txt');
    expect(await readFile(file, 'utf8')).toBe(FORTY);
    const [record, ...rest] = await records();
    expect(rest).toEqual([]);
    expect(record).toEqual({
      schema_version: 1,
      tool: 'mean',
      arguments: { numbers: [1, 2] },
      reasoning: 'need the mean',
      output: FORTY,
      error: null,
      duration_ms: expect.any(Number),
      artifact_filename: 'task-0-stats-iter-1-mean-0-output.txt',
    });
  });

  it('numbers calls per attempt across tools and leaves small outputs alone', async () => {
    const counter = createToolCallCounter();
    const mean = wrap(
      fakeTool('mean', () => ({ text: FORTY, isError: false })),
      { callCounter: counter },
    );
    const median = wrap(
      fakeTool('Get Median', () => ({ text: 'small', isError: false })),
      { callCounter: counter },
    );
    expect((await median.execute({}, context)).text).toBe('small');
    expect((await mean.execute({}, context)).text).toContain('task-0-stats-iter-1-mean-1-output.txt');
    expect((await median.execute({}, context)).text).toBe('small');
    const stored = await records();
    expect(stored.map((record) => record.tool)).toEqual(['Get Median', 'mean', 'Get Median']);
    expect(stored[0]).toEqual({
      schema_version: 1,
      tool: 'Get Median',
      arguments: {},
      reasoning: '',
      output: 'small',
      error: null,
      duration_ms: expect.any(Number),
    });
    expect(await readdir(join(persistence.runDir ?? '', 'artifacts'))).toEqual([
      'task-0-stats-iter-1-mean-1-output.txt',
    ]);
  });

  it('promotes everything with threshold 0 and uses default for the generic worker', async () => {
    const tool = wrap(
      fakeTool('echo', () => ({ text: 'x', isError: false })),
      {
        worker: undefined,
        taskId: 2,
        attempt: 2,
        iteration: 3,
        thresholds: { outputBytes: 0, durationMs: 0 },
      },
    );
    expect((await tool.execute({}, context)).text).toBe(
      'x\n\n[Tool output saved to artifact: task-2-default-iter-3-echo-0-output.txt]',
    );
    expect((await records('task-2.attempt-2.tool-calls.json', 3))[0]?.artifact_filename).toBe(
      'task-2-default-iter-3-echo-0-output.txt',
    );
  });

  it('counts UTF-8 bytes against the threshold', async () => {
    const tool = wrap(fakeTool('t', () => ({ text: 'éééééé', isError: false })));
    expect((await tool.execute({}, context)).text).toContain('[Tool output saved to artifact:');
    const ascii = wrap(fakeTool('t', () => ({ text: 'eeeeee', isError: false })));
    expect((await ascii.execute({}, context)).text).toBe('eeeeee');
  });

  it('adds no footer and writes nothing when persistence is disabled', async () => {
    const disabled = await createRunPersistence({ maxSessionRuns: 20 });
    const tool = wrap(
      fakeTool('mean', () => ({ text: FORTY, isError: false })),
      { persistence: disabled },
    );
    const output = (await tool.execute({ _aura_reasoning: 'r' }, context)) as RawAwareToolOutput;
    expect(output.text).toBe(FORTY);
    expect(output.rawText).toBe(FORTY);
    expect(await readdir(persistence.runDir ?? '')).toEqual([]);
  });
});

describe('withPersistence: failures and slow calls', () => {
  it('records error outputs as errors and never promotes them', async () => {
    const text = `Tool returned an error: ${FORTY}`;
    const tool = wrap(fakeTool('mean', () => ({ text, isError: true })));
    const output = await tool.execute({ _aura_reasoning: 'try' }, context);
    expect(output).toEqual({ text, isError: true, rawText: text });
    const [record] = await records();
    expect(record).toMatchObject({ tool: 'mean', reasoning: 'try', output: null, error: text });
    expect(record && 'artifact_filename' in record).toBe(false);
  });

  it('records a throw as ToolCallError and rethrows it', async () => {
    const failure = new Error('connection reset');
    const tool = wrap(
      fakeTool('mean', () => {
        throw failure;
      }),
    );
    await expect(tool.execute({ numbers: [1] }, context)).rejects.toBe(failure);
    const [record] = await records();
    expect(record).toMatchObject({
      arguments: { numbers: [1] },
      output: null,
      error: 'ToolCallError: connection reset',
    });
  });

  it('writes slow outputs to a file without a footer', async () => {
    let clock = 0;
    const tool = wrap(
      fakeTool('slow', () => {
        clock += 6000;
        return { text: 'tiny', isError: false };
      }),
      { now: () => clock },
    );
    const output = await tool.execute({}, context);
    expect(output.text).toBe('tiny');
    const [record] = await records();
    expect(record).toMatchObject({
      duration_ms: 6000,
      output: 'tiny',
      artifact_filename: 'task-0-stats-iter-1-slow-0-output.txt',
    });
    expect(
      await readFile(join(persistence.runDir ?? '', 'artifacts', 'task-0-stats-iter-1-slow-0-output.txt'), 'utf8'),
    ).toBe('tiny');
  });

  it('does not promote slow calls when the duration threshold is 0', async () => {
    let clock = 0;
    const tool = wrap(
      fakeTool('slow', () => {
        clock += 60_000;
        return { text: 'tiny', isError: false };
      }),
      { now: () => clock, thresholds: { outputBytes: 10, durationMs: 0 } },
    );
    await tool.execute({}, context);
    const [record] = await records();
    expect(record).toMatchObject({ duration_ms: 60_000, output: 'tiny' });
    expect(record && 'artifact_filename' in record).toBe(false);
  });

  it('tracks the record writes so drain waits for them', async () => {
    const tool = wrap(fakeTool('mean', () => ({ text: 'ok', isError: false })));
    await Promise.all(Array.from({ length: 10 }, () => tool.execute({}, context)));
    expect(await persistence.drain({ timeoutMs: 5000 })).toBe(true);
    expect(persistence.inFlight).toBe(0);
    expect(await records()).toHaveLength(10);
  });
});

describe('withPersistence: schema', () => {
  it('adds an optional _aura_reasoning string and keeps everything else', async () => {
    const inner = fakeTool('mean', () => ({ text: '', isError: false }), {
      type: 'object',
      properties: { numbers: { type: 'array' } },
      required: ['numbers'],
    });
    const tool = wrap(inner);
    expect(tool.inputSchema).toEqual({
      type: 'object',
      properties: {
        numbers: { type: 'array' },
        _aura_reasoning: { type: 'string', description: REASONING_FIELD_DESCRIPTION },
      },
      required: ['numbers'],
    });
    expect(inner.inputSchema).toEqual({
      type: 'object',
      properties: { numbers: { type: 'array' } },
      required: ['numbers'],
    });
    expect([tool.name, tool.originalName, tool.description, tool.kind, tool.source]).toEqual([
      'mean',
      'mean',
      'mean tool',
      'mcp',
      'math',
    ]);
  });

  it('adds a nullable, required _aura_reasoning to a sanitised strict schema', () => {
    const sanitised = sanitizeToolSchema({
      type: 'object',
      properties: { query: { type: 'string' }, limit: { type: 'integer' } },
      required: ['query'],
    });
    if (!sanitised.ok) throw new Error(sanitised.reason);
    const tool = wrap(fakeTool('search', () => ({ text: '', isError: false }), sanitised.schema));
    expect(tool.inputSchema).toEqual({
      type: 'object',
      properties: {
        query: { type: 'string' },
        limit: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        _aura_reasoning: { anyOf: [{ type: 'string' }, { type: 'null' }], description: REASONING_FIELD_DESCRIPTION },
      },
      required: ['query', 'limit', '_aura_reasoning'],
      additionalProperties: false,
    });
    const resanitised = sanitizeToolSchema(tool.inputSchema);
    expect(resanitised.ok && resanitised.schema).toEqual(tool.inputSchema);
  });

  it('creates properties for a bare object schema and treats a null reasoning as none', async () => {
    const inner = fakeTool('ping', () => ({ text: 'pong', isError: false }), { type: 'object' });
    const tool = wrap(inner);
    expect(tool.inputSchema).toEqual({
      type: 'object',
      properties: { _aura_reasoning: { type: 'string', description: REASONING_FIELD_DESCRIPTION } },
    });
    await tool.execute({ _aura_reasoning: null, nested: { _aura_reasoning: 'kept' } }, context);
    expect(inner.calls).toEqual([{ nested: { _aura_reasoning: 'kept' } }]);
    expect((await records())[0]).toMatchObject({ reasoning: '', arguments: { nested: { _aura_reasoning: 'kept' } } });
  });
});
