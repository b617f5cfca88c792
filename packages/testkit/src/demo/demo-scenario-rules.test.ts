import { describe, expect, it } from 'vitest';
import type { ConversationView, ViewMessage, ViewTool } from '../conversation/conversation-view.js';
import type { ModelTurn, ToolCallPart } from '../script/model-turn.js';
import { TurnScript } from '../script/turn-script.js';
import { DEMO_ANSWER_FOOTER, isSmallTalk } from './demo-answers.js';
import { alertsText, diagnosticsText, incidentText, logsText, metricsText } from './demo-data.js';
import { DEMO_FAST_TIMING, type DemoScenarioOptions, demoScenarioRules } from './demo-scenario-rules.js';

const NOW = new Date('2025-06-03T14:00:00Z');
const CONTEXT = { service: 'checkout-service', now: NOW };

function message(role: ViewMessage['role'], text: string, extra: Partial<ViewMessage> = {}): ViewMessage {
  return { role, text, reasoning: undefined, toolCalls: [], toolResults: [], ...extra };
}

function tool(name: string, parameters: unknown = { type: 'object', properties: {} }): ViewTool {
  return { name, description: undefined, parameters };
}

function view(options: { system?: string; messages: ViewMessage[]; tools?: ViewTool[] }): ConversationView {
  return {
    provider: 'openai',
    model: 'aura-demo',
    stream: true,
    system: options.system,
    messages: options.messages,
    tools: options.tools ?? [],
    maxTokens: undefined,
    temperature: undefined,
    raw: {},
  };
}

async function play(
  seen: ConversationView,
  options: DemoScenarioOptions = { timing: DEMO_FAST_TIMING },
): Promise<{ turn: ModelTurn; rule: string }> {
  const selected = await new TurnScript([], demoScenarioRules(options)).select(seen);
  if (selected === undefined) throw new Error('no rule answered');
  return { turn: selected.turn, rule: selected.source };
}

function calls(turn: ModelTurn): { name: string; args: Record<string, unknown> }[] {
  return turn.parts
    .filter((part): part is ToolCallPart => part.type === 'tool-call')
    .map((part) => ({ name: part.toolName, args: JSON.parse(part.arguments) as Record<string, unknown> }));
}

function textOf(turn: ModelTurn): string {
  return turn.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

const ROUTING = [tool('respond_directly'), tool('create_plan'), tool('request_clarification'), tool('read_artifact')];

function planningPrompt(query: string, workers: readonly { name: string; description: string }[]): string {
  const section =
    workers.length === 0
      ? ''
      : `\n\nAVAILABLE WORKERS:\nNOTE: Worker names below are role assignments.\n\n${workers
          .map((worker) => `## ${worker.name}\n${worker.description}\nTools: list_alerts, query_metrics`)
          .join('\n\n')}\n\nAssign each task to the worker whose tools match.`;
  const guidelines =
    workers.length === 0 ? '' : `- Valid worker names: ${workers.map((worker) => `"${worker.name}"`).join(', ')}\n`;
  return `Current time: 2025-06-03T14:00:00Z\n\nDecide how to handle the user's request below.\n\nUSER QUERY: ${query}${section}\n\nCall exactly one of these routing tools: ...\n\nGuidelines:\n${guidelines}- For time-scoped tasks, write the time range\n\nCall the routing tool now.\n`;
}

const QUICKSTART_WORKERS = [
  { name: 'incident-responder', description: 'Incident triage: fetch incident details, parse alerts' },
  { name: 'metrics-analyst', description: 'Metrics analysis: query monitoring systems, validate alerts' },
  { name: 'log-analyst', description: 'Log analysis: search logs, find error patterns' },
];

describe('demoScenarioRules: the coordinator', () => {
  it('plans a parallel wave for the listed workers by role, then a dependent diagnostics task', async () => {
    const seen = view({
      system: 'You are the coordinator.',
      messages: [message('user', planningPrompt('Why is checkout slow?', QUICKSTART_WORKERS))],
      tools: ROUTING,
    });
    const { turn, rule } = await play(seen);
    expect(rule).toBe('rule:demo:coordinator-plan');
    expect(turn.parts[0]?.type).toBe('reasoning');
    const [plan] = calls(turn);
    expect(plan?.name).toBe('create_plan');
    expect(plan?.args).toMatchObject({
      goal: expect.stringContaining('checkout-service'),
      routing_rationale: expect.any(String),
      planning_summary: expect.any(String),
      steps: [
        {
          type: 'parallel',
          items: [
            { type: 'task', worker: 'incident-responder', task: expect.stringContaining('open incident') },
            {
              type: 'task',
              worker: 'metrics-analyst',
              task: expect.stringContaining('from 13:00:00Z to 14:00:00Z UTC with PromQL'),
            },
            { type: 'task', worker: 'log-analyst', task: expect.stringContaining('Search the checkout-service logs') },
          ],
        },
        { type: 'task', worker: 'incident-responder', task: expect.stringContaining('Run diagnostics') },
      ],
    });
    // Deterministic: the same conversation gets the same turn.
    expect((await play(seen)).turn).toEqual(turn);
  });

  it('adapts to other workers and to none', async () => {
    const other = await play(
      view({
        messages: [
          message(
            'user',
            planningPrompt('Is the payments API ok?', [
              { name: 'stats', description: 'Statistics' },
              { name: 'math', description: 'Arithmetic' },
            ]),
          ),
        ],
        tools: ROUTING,
      }),
    );
    const steps = calls(other.turn)[0]?.args.steps;
    expect(steps).toMatchObject([
      { type: 'parallel', items: [{ worker: 'stats' }, { worker: 'math' }] },
      { worker: 'stats', task: expect.stringContaining('payments-service') },
    ]);
    const none = await play(view({ messages: [message('user', planningPrompt('Check search', []))], tools: ROUTING }));
    const generic = calls(none.turn)[0]?.args.steps as { items?: unknown[] }[];
    expect(generic[0]?.items).toHaveLength(2);
    expect(JSON.stringify(generic)).not.toContain('"worker"');
    expect(JSON.stringify(generic)).toContain('search-service');
  });

  it('answers small talk directly with a welcome that explains the demo', async () => {
    const { turn, rule } = await play(
      view({ messages: [message('user', planningPrompt('hello there', QUICKSTART_WORKERS))], tools: ROUTING }),
    );
    expect(rule).toBe('rule:demo:coordinator-small-talk');
    const [answer] = calls(turn);
    expect(answer?.name).toBe('respond_directly');
    expect(answer?.args.response).toContain('demo mode');
    expect(answer?.args.response).toContain('OPENAI_API_KEY');
  });

  it('synthesises the continuation prompt by quoting the completed results, by severity, with actions', async () => {
    const indent = (text: string) =>
      text
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n');
    const prompt = [
      'Current time: 2025-06-03T14:00:05Z',
      '',
      'ITERATION 1 of 2 (FINAL ATTEMPT)',
      '',
      'Goal: Find out why checkout-service is unhealthy',
      'Outcome: 2 of 3 tasks succeeded.',
      '',
      'COMPLETED TASKS:',
      '- Task 0: List the firing alerts (confidence: high)',
      indent(`${alertsText(CONTEXT)}\n---\n${incidentText(CONTEXT)}`),
      '    [Artifact: task-0-x-output.txt (900 bytes)]',
      '- Task 3: Run diagnostics (confidence: high)',
      indent(diagnosticsText(CONTEXT)),
      '',
      'FAILED TASKS:',
      '- Task 2: Search the logs → failed [agent_error]: MCP server unreachable',
      '',
      'If a task result looks truncated ...',
    ].join('\n');
    const { turn, rule } = await play(view({ messages: [message('user', prompt)], tools: ROUTING }));
    expect(rule).toBe('rule:demo:coordinator-synthesis');
    const [answer] = calls(turn);
    expect(answer?.name).toBe('respond_directly');
    const response = String(answer?.args.response);
    expect(response.split('\n')[0]).toBe(
      '**Status:** checkout-service is degraded: the v2.14.0 deploy at 13:38:00Z lowered db.max_connections from 50 to 20, so requests queue for database connections.',
    );
    const critical = response.slice(response.indexOf('🔴'), response.indexOf('🟢'));
    expect(critical).toContain('- 2 alerts firing for checkout-service (1 critical, 1 warning)');
    expect(critical).toContain('- Open incident INC-4821 (SEV-2, investigating)');
    expect(critical).toContain('- Diagnostics for checkout-service: 1 failing, 4 passing');
    expect(response).toContain('🟢 **Normal**\n- DNS resolves, 3 of 3 pods ready');
    expect(response).toContain('⚠️ **Not verified**\n- Search the logs (MCP server unreachable)');
    expect(response).toContain(
      '**Recommended actions**\n1. Roll back checkout-service to v2.13.4, or restore db.max_connections = 50 and redeploy.\n2. Follow the runbook runbooks/checkout-latency.md.',
    );
    expect(response).not.toContain('Artifact');
    expect(response.endsWith(DEMO_ANSWER_FOOTER)).toBe(true);
  });
});

const WORKER_SYSTEM = (instructions: string) =>
  `# Worker Agent\n\nYou are a worker agent.\n\n## Instructions\n\n${instructions}\n\n## Scope\n\n- Do only the task.`;
const reasoningSchema = { type: 'object', properties: { query: {}, _aura_reasoning: { type: 'string' } } };
const DEMO_TOOLS = [
  tool('list_alerts', reasoningSchema),
  tool('get_incident', reasoningSchema),
  tool('query_metrics', reasoningSchema),
  tool('search_logs', reasoningSchema),
  tool('run_diagnostics', reasoningSchema),
  tool('read_artifact'),
  tool('submit_result'),
];

describe('demoScenarioRules: workers', () => {
  const metricsTask = message(
    'user',
    'YOUR TASK: Query p99 latency and the 5xx error rate of cart-service from 13:00:00Z to 14:00:00Z UTC with PromQL.\n\nUse your tools...\n',
  );

  it("first call: reasoning and the role's tools (from the task), with _aura_reasoning when offered", async () => {
    const { turn, rule } = await play(
      view({ system: WORKER_SYSTEM('You are a Log Analyst.'), messages: [metricsTask], tools: DEMO_TOOLS }),
    );
    expect(rule).toBe('rule:demo:worker-tools');
    expect(turn.parts[0]?.type).toBe('reasoning');
    const made = calls(turn);
    expect(made.map((call) => call.name)).toEqual(['query_metrics', 'query_metrics']);
    expect(made[0]?.args).toMatchObject({
      service: 'cart-service',
      query: expect.stringContaining('duration_seconds'),
    });
    expect(made[1]?.args.query).toContain('code=~"5.."');
    expect(made[0]?.args._aura_reasoning).toEqual(expect.any(String));
  });

  it('falls back to its instructions, then to any offered demo tool, then to an honest low-confidence result', async () => {
    const vague = message('user', 'YOUR TASK: Look into cart-service.\n\nUse your tools...\n');
    const byInstructions = await play(
      view({ system: WORKER_SYSTEM('You are an Incident Responder.'), messages: [vague], tools: DEMO_TOOLS }),
    );
    expect(calls(byInstructions.turn).map((call) => call.name)).toEqual(['list_alerts', 'get_incident']);
    const onlyLogs = await play(
      view({
        system: WORKER_SYSTEM('You are a Metrics Analyst.'),
        messages: [metricsTask],
        tools: [tool('search_logs'), tool('submit_result')],
      }),
    );
    expect(calls(onlyLogs.turn)).toEqual([
      { name: 'search_logs', args: { service: 'cart-service', query: 'error OR timeout', limit: 5 } },
    ]);
    const noTools = await play(view({ messages: [metricsTask], tools: [tool('submit_result')] }));
    expect(calls(noTools.turn)).toEqual([
      {
        name: 'submit_result',
        args: expect.objectContaining({ confidence: 'low', result: expect.stringContaining('No demo tool') }),
      },
    ]);
  });

  it('after the tool results: submit_result with the headlines as summary and the outputs as result', async () => {
    const latency = metricsText({ service: 'cart-service', now: NOW }, 'p99');
    const errors = metricsText({ service: 'cart-service', now: NOW }, '5xx');
    const seen = view({
      messages: [
        metricsTask,
        message('assistant', '', {
          toolCalls: [
            { id: 'a', name: 'query_metrics', arguments: {} },
            { id: 'b', name: 'query_metrics', arguments: {} },
          ],
        }),
        message('tool', '', {
          toolResults: [
            {
              id: 'a',
              name: 'query_metrics',
              content: `${latency}\n\n[Tool output saved to artifact: task-1-x.txt]`,
              isError: false,
            },
            { id: 'b', name: 'query_metrics', content: errors, isError: false },
          ],
        }),
      ],
      tools: DEMO_TOOLS,
    });
    const { turn, rule } = await play(seen);
    expect(rule).toBe('rule:demo:worker-submit');
    const [submit] = calls(turn);
    expect(submit?.name).toBe('submit_result');
    expect(submit?.args).toEqual({
      summary: `${latency.split('\n')[0]}; ${errors.split('\n')[0]}`,
      result: `${latency}\n---\n${errors}`,
      confidence: 'high',
    });
  });
});

describe('demoScenarioRules: a single agent', () => {
  it('calls the demo tool for the question, then answers quoting the results', async () => {
    const question = message('user', 'Show me errors in the checkout logs');
    const first = await play(view({ messages: [question], tools: DEMO_TOOLS.slice(0, 5) }));
    expect(first.rule).toBe('rule:demo:agent-tools');
    expect(calls(first.turn).map((call) => call.name)).toEqual(['search_logs']);
    const output = logsText(CONTEXT, 'error OR timeout', 5);
    const second = await play(
      view({
        messages: [
          question,
          message('assistant', '', { toolCalls: [{ id: 'c', name: 'search_logs', arguments: {} }] }),
          message('tool', output, { toolResults: [{ id: 'c', name: 'search_logs', content: output, isError: false }] }),
        ],
        tools: DEMO_TOOLS.slice(0, 5),
      }),
    );
    expect(second.rule).toBe('rule:demo:agent-answer');
    const answer = textOf(second.turn);
    expect(answer).toContain(`- **${output.split('\n')[0]}**`);
    expect(answer).toContain('timeout acquiring connection from pool');
    expect(answer.endsWith(DEMO_ANSWER_FOOTER)).toBe(true);
  });

  it('answers small talk, or a request without demo tools, in text', async () => {
    const hello = await play(view({ messages: [message('user', 'Hi!')], tools: DEMO_TOOLS.slice(0, 5) }));
    expect(hello.rule).toBe('rule:demo:agent-text');
    expect(textOf(hello.turn)).toContain('demo mode');
    const bare = await play(view({ messages: [message('user', 'Why is checkout slow?')] }));
    expect(textOf(bare.turn)).toContain('this agent has none of the demo tools');
  });

  it('streams at the demo pace by default, and instantly with DEMO_FAST_TIMING', async () => {
    const seen = view({ messages: [message('user', 'Hi!')] });
    expect((await play(seen, {})).turn.timing).toEqual({
      firstTokenDelayMs: 100,
      chunkDelayMs: 10,
    });
    expect((await play(seen)).turn.timing).toEqual({ firstTokenDelayMs: 0, chunkDelayMs: 0 });
  });
});

describe('isSmallTalk', () => {
  it('recognises greetings and small talk, but not operational questions that start politely', () => {
    for (const text of ['hello', 'Hi!', 'hey there', 'thanks a lot', 'What can you do?', 'good morning', '']) {
      expect(isSmallTalk(text)).toBe(true);
    }
    for (const text of [
      'Why is checkout slow?',
      'Hi, why is checkout slow?',
      'help me find the errors',
      'hello, are there any firing alerts?',
      'Is prod healthy?',
    ]) {
      expect(isSmallTalk(text)).toBe(false);
    }
  });
});
