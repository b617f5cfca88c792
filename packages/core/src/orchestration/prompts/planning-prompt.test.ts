import { describe, expect, it } from 'vitest';
import { formatCurrentTime, withCurrentTime } from './current-time.js';
import { buildPlanningPrompt, buildWorkerSection } from './planning-prompt.js';
import { type McpToolInfo, planningWorkersFromConfig, resolveWorkerTools } from './worker-tool-resolution.js';

const now = new Date('2025-03-01T09:30:05.678Z');
const ops = {
  name: 'ops',
  description: 'Operations worker',
  tools: [{ name: 'a', description: 'Tool A' }, { name: 'b' }, { name: 'c', description: 'Tool C' }],
};
const idle = { name: 'idle', description: 'Has no tools', tools: [] };

describe('formatCurrentTime', () => {
  it('renders UTC RFC 3339 to whole seconds with Z', () => {
    expect(formatCurrentTime(now)).toBe('2025-03-01T09:30:05Z');
    expect(withCurrentTime(now, 'body')).toBe('Current time: 2025-03-01T09:30:05Z\n\nbody');
  });
});

describe('buildPlanningPrompt (orchestration-spec §1.9, case 25)', () => {
  it('starts with the time, then the query immediately followed by the worker section', () => {
    const prompt = buildPlanningPrompt({
      now,
      query: 'Is prod healthy?',
      workers: [ops],
      toolsInPlanning: 'summary',
      maxToolsPerWorker: 2,
    });
    expect(prompt.startsWith('Current time: 2025-03-01T09:30:05Z\n\n')).toBe(true);
    expect(prompt).toContain('USER QUERY: Is prod healthy?\n\nAVAILABLE WORKERS:\n');
    expect(prompt).toContain('## ops\nOperations worker\nTools: a, b (+1 more)');
    expect(prompt).toContain('Valid worker names: "ops"');
    for (const tool of ['respond_directly', 'create_plan', 'request_clarification'])
      expect(prompt).toContain(`\`${tool}\``);
    expect(prompt.indexOf('respond_directly')).toBeLessThan(prompt.indexOf('create_plan'));
    expect(prompt.indexOf('create_plan')).toBeLessThan(prompt.indexOf('request_clarification'));
    expect(prompt).toMatch(/time range/);
    expect(prompt.trimEnd().endsWith('Call the routing tool now.')).toBe(true);
  });

  it('quotes every worker name in declaration order', () => {
    const prompt = buildPlanningPrompt({
      now,
      query: 'q',
      workers: [ops, idle],
      toolsInPlanning: 'none',
      maxToolsPerWorker: 10,
    });
    expect(prompt).toContain('Valid worker names: "ops", "idle"');
  });

  it('has no worker section or worker guidelines without workers', () => {
    const prompt = buildPlanningPrompt({
      now,
      query: 'q',
      workers: [],
      toolsInPlanning: 'summary',
      maxToolsPerWorker: 10,
    });
    expect(prompt).toContain('USER QUERY: q\n\nCall exactly one');
    expect(prompt).not.toContain('AVAILABLE WORKERS');
    expect(prompt).not.toContain('Valid worker names');
    expect(prompt).toMatch(/time range/);
  });
});

describe('buildWorkerSection', () => {
  it('summary: names, (+M more) only when truncated, and the none-configured line', () => {
    const section = buildWorkerSection({ workers: [ops, idle], toolsInPlanning: 'summary', maxToolsPerWorker: 2 });
    expect(section.startsWith('\n\nAVAILABLE WORKERS:\nNOTE: ')).toBe(true);
    expect(section).toContain(
      '## ops\nOperations worker\nTools: a, b (+1 more)\n\n## idle\nHas no tools\nTools: (none configured — this worker cannot query external systems)',
    );
    expect(buildWorkerSection({ workers: [ops], toolsInPlanning: 'summary', maxToolsPerWorker: 3 })).toContain(
      'Tools: a, b, c\n',
    );
  });

  it('full: one line per tool with its description, then (+M more); no tools → heading and description only', () => {
    const section = buildWorkerSection({ workers: [ops, idle], toolsInPlanning: 'full', maxToolsPerWorker: 2 });
    expect(section).toContain(
      '## ops\nOperations worker\nTools:\n  - a: Tool A\n  - b\n  (+1 more)\n\n## idle\nHas no tools\n\n',
    );
    expect(section).not.toContain('none configured');
  });

  it('none: one bullet per worker', () => {
    const section = buildWorkerSection({ workers: [ops, idle], toolsInPlanning: 'none', maxToolsPerWorker: 2 });
    expect(section.startsWith('\n\nAVAILABLE WORKERS:\n- ops: Operations worker\n- idle: Has no tools\n\n')).toBe(true);
    expect(section).not.toContain('Tools:');
  });

  it('is empty without workers', () => {
    expect(buildWorkerSection({ workers: [], toolsInPlanning: 'full', maxToolsPerWorker: 2 })).toBe('');
  });
});

describe('resolveWorkerTools (orchestration-spec §1.9 display resolution)', () => {
  const mcpTools: McpToolInfo[] = [
    { name: 'local_ps', transport: 'stdio', description: 'ps' },
    { name: 'mezmo_logs', transport: 'sse', description: 'logs' },
    { name: 'Mezmo_logs', transport: 'http_streamable' },
    { name: 'mezmo_pipelines', transport: 'http_streamable', description: 'pipelines' },
    { name: 'mezmo_logs', transport: 'stdio', description: 'duplicate' },
    { name: 'get_a', transport: 'stdio' },
    { name: 'get_ab', transport: 'stdio' },
  ];

  it('orders by transport (http, sse, stdio) and de-duplicates keeping the first', () => {
    expect(resolveWorkerTools({ mcpTools, mcpFilter: undefined }).map((tool) => tool.name)).toEqual([
      'Mezmo_logs',
      'mezmo_pipelines',
      'mezmo_logs',
      'local_ps',
      'get_a',
      'get_ab',
    ]);
    expect(resolveWorkerTools({ mcpTools, mcpFilter: ['mezmo_logs'] })).toEqual([
      { name: 'mezmo_logs', description: 'logs' },
    ]);
  });

  it('applies simple-glob filters case-sensitively; [] means none', () => {
    expect(resolveWorkerTools({ mcpTools, mcpFilter: ['mezmo_*'] }).map((tool) => tool.name)).toEqual([
      'mezmo_pipelines',
      'mezmo_logs',
    ]);
    expect(resolveWorkerTools({ mcpTools, mcpFilter: ['get_?'] }).map((tool) => tool.name)).toEqual(['get_a']);
    expect(resolveWorkerTools({ mcpTools, mcpFilter: [] })).toEqual([]);
  });

  it('appends vector search tools with their store description', () => {
    expect(
      resolveWorkerTools({
        mcpTools: [],
        mcpFilter: [],
        vectorStores: ['runbooks', 'adhoc'],
        vectorStoreConfigs: [{ name: 'runbooks', context_prefix: 'SRE runbooks' }],
      }),
    ).toEqual([
      { name: 'vector_search_runbooks', description: 'SRE runbooks' },
      { name: 'vector_search_adhoc', description: 'Search the adhoc knowledge base' },
    ]);
  });

  it('builds planning workers in declaration order, falling back to the agent filter', () => {
    const workers = planningWorkersFromConfig({
      orchestration: {
        worker: {
          zeta: { description: 'Z', preamble: 'p', vector_stores: [] },
          alpha: { description: 'A', preamble: 'p', mcp_filter: ['get_*'], vector_stores: ['kb'] },
        },
      },
      agentMcpFilter: ['local_*'],
      mcpTools,
    });
    expect(workers).toEqual([
      { name: 'zeta', description: 'Z', tools: [{ name: 'local_ps', description: 'ps' }] },
      {
        name: 'alpha',
        description: 'A',
        tools: [
          { name: 'get_a' },
          { name: 'get_ab' },
          { name: 'vector_search_kb', description: 'Search the kb knowledge base' },
        ],
      },
    ]);
  });
});
