/**
 * The scripted "model" of Aura's offline demo: mock-provider rules that play a believable SRE investigation for
 * any question, whichever role the request is for — the orchestration coordinator (offered `create_plan`), a
 * worker (offered `submit_result`) or a single agent (neither). Pair it with {@link startDemoMcpServer}.
 */
import {
  type ConversationView,
  lastUserText,
  toolCalls,
  type ViewMessage,
  type ViewTool,
} from '../conversation/conversation-view.js';
import type { ModelTurn } from '../script/model-turn.js';
import type { MockRule } from '../script/rules.js';
import {
  chunkSize,
  reasoning,
  slowChunks,
  slowFirstToken,
  type TurnItem,
  text,
  toolCall,
  turn,
} from '../script/turn-builders.js';
import {
  headlineOf,
  isSmallTalk,
  singleAgentAnswer,
  synthesisAnswer,
  welcomeAnswer,
  workerResult,
} from './demo-answers.js';
import { DEMO_TOOL_NAMES, type DemoToolName } from './demo-mcp-tools.js';
import { demoPlan } from './demo-plan.js';
import {
  completedTasksOf,
  currentTimeOf,
  failedTasksOf,
  goalOfContinuationPrompt,
  isContinuationPrompt,
  isPlanningPrompt,
  queryOfPlanningPrompt,
  taskOfWorkerPrompt,
  workersOfPlanningPrompt,
} from './demo-prompt-parsing.js';
import {
  type DemoRole,
  type DemoToolCallPlan,
  roleOfTask,
  roleOfWorker,
  roleReasoning,
  serviceOf,
  toolCallsForRole,
} from './demo-roles.js';

/** How fast the demo "model" streams. */
export interface DemoTiming {
  /** Delay before the first chunk of every answer, in milliseconds. Default 100. */
  readonly firstTokenDelayMs?: number;
  /** Delay between chunks, in milliseconds. Default 10. */
  readonly chunkDelayMs?: number;
}

/** Timing without delays, for tests. */
export const DEMO_FAST_TIMING: DemoTiming = Object.freeze({ firstTokenDelayMs: 0, chunkDelayMs: 0 });

/** Options of {@link demoScenarioRules}. */
export interface DemoScenarioOptions {
  readonly timing?: DemoTiming;
  /** "Now" when a prompt carries no `Current time:` line. Default: the real clock. */
  readonly now?: () => Date;
}

/** Characters per delta of coordinator turns (their answers travel as tool-call arguments). */
const ROUTING_CHUNK_SIZE = 40;

/**
 * Rules (for `startMockProvider({ rules })` or `createScriptedModel({ rules })`) that play the demo:
 *
 * - **coordinator**: small talk on the planning prompt → `respond_directly` with a welcome; any other planning
 *   prompt → `create_plan` with a parallel group of alert/incident, metrics and log tasks for the workers named
 *   in `Valid worker names:` (matched to roles by name, else description), then a diagnostics task that depends
 *   on them; the continuation prompt (`ITERATION …`) → `respond_directly` quoting the completed tasks' results;
 * - **worker**: first call → reasoning plus the demo tool calls of its role (from the task, else its
 *   instructions), limited to the tools it is offered; once it has tool results (or is corrected) →
 *   `submit_result` with their headlines as summary and the outputs as result;
 * - **single agent**: a demo tool call for the question's role, then an answer quoting the results; small talk
 *   or no demo tools → a text answer.
 *
 * Deterministic for a given conversation. Every answer ends with a line saying it was scripted.
 */
export function demoScenarioRules(options: DemoScenarioOptions = {}): MockRule[] {
  const pace = pacing(options.timing);
  const now = (prompt: string): Date => currentTimeOf(prompt) ?? options.now?.() ?? new Date();
  return [
    {
      name: 'demo:coordinator-synthesis',
      match: { tool: 'create_plan', when: (view) => coordinatorPrompt(view)?.kind === 'continuation' },
      reply: (view) => synthesisTurn(coordinatorPrompt(view)?.text ?? '', pace),
    },
    {
      name: 'demo:coordinator-small-talk',
      match: {
        tool: 'create_plan',
        when: (view) => {
          const prompt = coordinatorPrompt(view);
          return prompt?.kind === 'planning' && isSmallTalk(queryOfPlanningPrompt(prompt.text));
        },
      },
      reply: () => routingTurn(pace, toolCall('respond_directly', welcomeArguments())),
    },
    {
      name: 'demo:coordinator-plan',
      match: { tool: 'create_plan', when: (view) => coordinatorPrompt(view)?.kind === 'planning' },
      reply: (view) => planTurn(coordinatorPrompt(view)?.text ?? '', now, pace),
    },
    {
      name: 'demo:coordinator-fallback',
      match: { tool: 'create_plan' },
      reply: () => routingTurn(pace, toolCall('respond_directly', welcomeArguments())),
    },
    {
      name: 'demo:worker-submit',
      match: { tool: 'submit_result', when: (view) => toolOutputs(view.messages).length > 0 || isCorrection(view) },
      reply: (view) => submitTurn(view, pace),
    },
    { name: 'demo:worker-tools', match: { tool: 'submit_result' }, reply: (view) => workerToolTurn(view, pace) },
    {
      name: 'demo:agent-answer',
      match: { lastRole: 'tool' },
      reply: (view) => {
        const service = serviceOf(lastUserText(view) ?? '');
        const outputs = toolOutputs(messagesSinceLastUser(view.messages));
        return turn(...pace.text, text(singleAgentAnswer({ service, outputs })));
      },
    },
    {
      name: 'demo:agent-tools',
      match: {
        lastRole: 'user',
        when: (view) => !isSmallTalk(lastUserText(view) ?? '') && offeredDemoTools(view).size > 0,
      },
      reply: (view) => agentToolTurn(view, pace),
    },
    { name: 'demo:agent-text', reply: (view) => turn(...pace.text, text(agentTextAnswer(view))) },
  ];
}

interface Pace {
  readonly routing: readonly TurnItem[];
  readonly text: readonly TurnItem[];
}

function pacing(timing: DemoTiming | undefined): Pace {
  const first = timing?.firstTokenDelayMs ?? 100;
  const between = timing?.chunkDelayMs ?? 10;
  const delays = [slowFirstToken(first), slowChunks(between)];
  return { routing: [...delays, chunkSize(ROUTING_CHUNK_SIZE)], text: delays };
}

function routingTurn(pace: Pace, ...items: TurnItem[]): ModelTurn {
  return turn(...pace.routing, ...items);
}

/** The coordinator's prompt of this call: the last user message that is a planning or continuation prompt. */
function coordinatorPrompt(view: ConversationView): { kind: 'planning' | 'continuation'; text: string } | undefined {
  const last = view.messages.at(-1);
  if (last?.role !== 'user') return undefined;
  if (isContinuationPrompt(last.text)) return { kind: 'continuation', text: last.text };
  if (isPlanningPrompt(last.text)) return { kind: 'planning', text: last.text };
  return undefined;
}

function welcomeArguments(): Record<string, string> {
  return {
    response: welcomeAnswer(),
    routing_rationale: 'Small talk: no system data is needed.',
    summary: 'Greeted the user and explained the demo.',
  };
}

function planTurn(prompt: string, now: (prompt: string) => Date, pace: Pace): ModelTurn {
  const query = queryOfPlanningPrompt(prompt);
  const service = serviceOf(query);
  const workers = workersOfPlanningPrompt(prompt);
  const plan = demoPlan({ query, service, workers, now: now(prompt) });
  const thought = `The user is asking about ${service}. I need live data: alerts and the incident, metrics and logs can be gathered in parallel; then a diagnostics run can confirm the cause before I answer.`;
  return routingTurn(pace, reasoning(thought), toolCall('create_plan', { ...plan }));
}

function synthesisTurn(prompt: string, pace: Pace): ModelTurn {
  const completed = completedTasksOf(prompt);
  const failed = failedTasksOf(prompt);
  const service = serviceOf(
    `${goalOfContinuationPrompt(prompt)}\n${completed.map((task) => task.description).join('\n')}`,
  );
  const response = synthesisAnswer({ service, completed, failed });
  const thought = `${completed.length} task(s) completed${failed.length > 0 ? `, ${failed.length} failed` : ''}. The results agree, so I can answer now and quote the findings.`;
  return routingTurn(
    pace,
    reasoning(thought),
    toolCall('respond_directly', {
      response,
      routing_rationale: 'The completed tasks answer the question.',
      summary: headlineOf(response).replace(/\*\*/g, ''),
    }),
  );
}

/** Names of the demo tools this call offers. */
function offeredDemoTools(view: ConversationView): Set<DemoToolName> {
  const known = new Set<string>(DEMO_TOOL_NAMES);
  return new Set(view.tools.map((tool) => tool.name).filter((name): name is DemoToolName => known.has(name)));
}

/** Outputs of every tool result in `messages` except routing / submit bookkeeping. */
function toolOutputs(messages: readonly ViewMessage[]): string[] {
  const bookkeeping = new Set(['submit_result', 'respond_directly', 'create_plan', 'request_clarification']);
  return messages.flatMap((message) =>
    message.toolResults
      .filter((result) => result.name === undefined || !bookkeeping.has(result.name))
      .map((result) => result.content),
  );
}

function messagesSinceLastUser(messages: readonly ViewMessage[]): readonly ViewMessage[] {
  const index = messages.findLastIndex((message) => message.role === 'user');
  return index < 0 ? messages : messages.slice(index + 1);
}

function isCorrection(view: ConversationView): boolean {
  return (lastUserText(view) ?? '').includes('[SYSTEM CORRECTION]');
}

/** The worker's task, from its first user message. */
function workerTask(view: ConversationView): string {
  const first = view.messages.find((message) => message.role === 'user')?.text ?? '';
  return taskOfWorkerPrompt(first) ?? first;
}

/** The worker's role: from its task, else its custom instructions, else the system prompt. */
function workerRole(view: ConversationView, task: string): DemoRole | undefined {
  const instructions = /## Instructions\n\n([\s\S]*?)\n## /.exec(view.system ?? '')?.[1] ?? view.system ?? '';
  return roleOfTask(task) ?? roleOfWorker({ name: '', description: instructions });
}

/**
 * The tool calls for `role`, limited to the offered demo tools; when none of the role's tools is offered, the
 * first offered demo tool with its usual arguments.
 */
function plannedCalls(
  role: DemoRole | undefined,
  service: string,
  offered: ReadonlySet<DemoToolName>,
): DemoToolCallPlan[] {
  const preferred = role === undefined ? [] : toolCallsForRole(role, service).filter((call) => offered.has(call.tool));
  if (preferred.length > 0) return preferred;
  const roles: readonly DemoRole[] = ['incident', 'metrics', 'logs', 'diagnostics'];
  const all = roles.flatMap((each) => toolCallsForRole(each, service));
  const fallback = all.find((call) => offered.has(call.tool));
  return fallback === undefined ? [] : [fallback];
}

/** `call` as a tool-call part; adds `_aura_reasoning` when the tool's schema offers it (persisted workers). */
function callPart(call: DemoToolCallPlan, tools: readonly ViewTool[], why: string): TurnItem {
  const schema = tools.find((tool) => tool.name === call.tool)?.parameters;
  const properties =
    typeof schema === 'object' && schema !== null && 'properties' in schema ? schema.properties : undefined;
  const withReasoning = typeof properties === 'object' && properties !== null && '_aura_reasoning' in properties;
  return toolCall(call.tool, withReasoning ? { ...call.arguments, _aura_reasoning: why } : call.arguments);
}

function workerToolTurn(view: ConversationView, pace: Pace): ModelTurn {
  const task = workerTask(view);
  const service = serviceOf(task);
  const role = workerRole(view, task);
  const calls = plannedCalls(role, service, offeredDemoTools(view));
  if (calls.length === 0) {
    const result = `No demo tool for this task is available to this worker, so nothing could be checked for ${service}.`;
    return turn(
      ...pace.routing,
      reasoning('None of my tools can fetch this data; I will report that honestly.'),
      toolCall('submit_result', { summary: result, result, confidence: 'low' }),
    );
  }
  const thought = role === undefined ? `Checking ${service} with the tools I have.` : roleReasoning(role, service);
  return turn(...pace.routing, reasoning(thought), ...calls.map((call) => callPart(call, view.tools, thought)));
}

function submitTurn(view: ConversationView, pace: Pace): ModelTurn {
  const { summary, result } = workerResult(toolOutputs(view.messages));
  const called = toolCalls(view).length > 0;
  return turn(
    ...pace.routing,
    reasoning(called ? 'The tool output answers the task. Submitting the findings.' : 'Submitting what I have.'),
    toolCall('submit_result', { summary, result, confidence: called ? 'high' : 'low' }),
  );
}

function agentToolTurn(view: ConversationView, pace: Pace): ModelTurn {
  const question = lastUserText(view) ?? '';
  const service = serviceOf(question);
  const role = roleOfTask(question);
  const offered = offeredDemoTools(view);
  const calls =
    role === undefined
      ? [
          ...toolCallsForRole('incident', service).slice(0, 1),
          ...toolCallsForRole('metrics', service).slice(0, 1),
        ].filter((call) => offered.has(call.tool))
      : plannedCalls(role, service, offered);
  const chosen = calls.length > 0 ? calls : plannedCalls(undefined, service, offered);
  const thought =
    role === undefined ? `Let me check the alerts and latency of ${service} first.` : roleReasoning(role, service);
  return turn(...pace.text, reasoning(thought), ...chosen.map((call) => callPart(call, view.tools, thought)));
}

function agentTextAnswer(view: ConversationView): string {
  if (isSmallTalk(lastUserText(view) ?? '')) return welcomeAnswer();
  return [
    "In demo mode I can only replay a scripted investigation, and this agent has none of the demo tools, so I can't look anything up.",
    '',
    welcomeAnswer(),
  ].join('\n');
}
