/**
 * The texts the demo "model" answers with: a welcome for small talk, the coordinator's synthesis of the workers'
 * results (quoting them, grouped by severity as the quickstart's coordinator prompt asks), a single agent's
 * answer from its tool results, and the result a worker submits. All pure.
 */
import type { PromptCompletedTask, PromptFailedTask } from './demo-prompt-parsing.js';

/** Closes every final answer so nobody mistakes it for a model's. */
export const DEMO_ANSWER_FOOTER =
  "_Demo mode: this answer was scripted by Aura's test kit from the demo MCP tools' canned data; no model was called._";

const SMALL_TALK =
  /^(hi|hello|hey|hiya|yo|howdy|greetings|good (morning|afternoon|evening|day)|thanks?|thank you|cheers|ok|okay|cool|nice|bye|goodbye|who are you|what are you|what can you do|help)\b/i;

const OPERATIONAL =
  /slow|error|fail|down\b|latency|alert|incident|log|metric|cpu|memory|disk|deploy|outage|service|api\b|health|broken|timeout|\b5\d\d\b|why|check|investigat/i;

/**
 * Whether `query` is a greeting or small talk: it starts with a greeting (or "help", "what can you do", ...), has
 * fewer than eight words and mentions nothing operational ("Hi, why is checkout slow?" is a real question).
 */
export function isSmallTalk(query: string): boolean {
  const trimmed = query.trim();
  const words = trimmed.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return true;
  return SMALL_TALK.test(trimmed) && words.length < 8 && !OPERATIONAL.test(trimmed);
}

/** The answer to small talk. */
export function welcomeAnswer(): string {
  return [
    "Hello! I'm Aura, an SRE agent harness, running in **demo mode**: my answers are scripted and my tools serve canned data, so no model is called.",
    '',
    'Ask an operations question, for example "Why is checkout slow?" or "Are there any firing alerts?", and watch the coordinator plan, the workers query alerts, metrics and logs in parallel, and a diagnostics run confirm the cause.',
    '',
    'To use a real model, set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY, OLLAMA_HOST or AWS credentials (or LLM_PROVIDER, LLM_API_KEY and LLM_MODEL) and restart.',
  ].join('\n');
}

/** Tool-output artifact footers (`[Tool output saved to artifact: …]`) are bookkeeping, not findings. */
export function withoutArtifactLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\[(Tool output saved to artifact|Artifact|Full result \()/.test(line.trim()))
    .join('\n')
    .trim();
}

/** The first non-empty line of `text`. */
export function headlineOf(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

type Severity = 'critical' | 'warning' | 'normal';

function severityOf(line: string): Severity {
  if (/critical|exhausted|SEV-?[12]\b|✗|failing|down\b|outage/i.test(line)) return 'critical';
  if (/warning|above|elevated|degraded|timeout|slow|error/i.test(line)) return 'warning';
  return 'normal';
}

/** Separates the tool outputs inside a worker's result. */
const OUTPUT_SEPARATOR = '\n---\n';

/** The result a worker submits: its tool outputs without artifact footers, separated by `---` lines. */
export function workerResult(outputs: readonly string[]): { summary: string; result: string } {
  const cleaned = outputs.map(withoutArtifactLines).filter((output) => output !== '');
  if (cleaned.length === 0) {
    return {
      summary: 'No tool returned data for this task.',
      result: 'No tool returned data for this task, so nothing could be verified.',
    };
  }
  return { summary: cleaned.map(headlineOf).join('; '), result: cleaned.join(OUTPUT_SEPARATOR) };
}

/**
 * The coordinator's final answer for `service`: a status line (the diagnostics' likely cause when present), the
 * completed tasks' headlines under 🔴 / 🟡 / 🟢 (passing checks `✓ …` go under 🟢), what could not be checked,
 * the `Suggested:` / `Runbook:` lines as recommended actions, and {@link DEMO_ANSWER_FOOTER}.
 */
export function synthesisAnswer(options: {
  readonly service: string;
  readonly completed: readonly PromptCompletedTask[];
  readonly failed: readonly PromptFailedTask[];
}): string {
  const { service, completed, failed } = options;
  if (completed.length === 0) {
    const reasons = failed.map((task) => `- ${task.description}: ${task.error}`);
    return [
      `**Status:** I could not check ${service}: none of the investigation tasks completed.`,
      '',
      ...reasons,
      '',
      DEMO_ANSWER_FOOTER,
    ].join('\n');
  }
  const groups: Record<Severity, string[]> = { critical: [], warning: [], normal: [] };
  const suggested: string[] = [];
  const runbooks: string[] = [];
  let cause: string | undefined;
  for (const task of completed) {
    for (const output of withoutArtifactLines(task.result).split(/\n---\n/)) {
      const headline = headlineOf(output);
      if (headline !== '') groups[severityOf(headline)].push(headline);
      for (const raw of output.split('\n')) {
        const line = raw.trim();
        if (line.startsWith('✓')) groups.normal.push(line.slice(1).trim());
        else if (line.startsWith('Likely cause:')) cause ??= line.slice('Likely cause:'.length).trim();
        else if (line.startsWith('Suggested:')) suggested.push(capitalize(line.slice('Suggested:'.length)));
        else if (line.startsWith('Runbook:'))
          runbooks.push(`Follow the runbook ${line.slice('Runbook:'.length).trim()}.`);
      }
    }
  }
  const actions = [...suggested, ...runbooks];
  const worst = groups.critical[0] ?? groups.warning[0];
  const status =
    worst === undefined
      ? `**Status:** ${service} looks healthy; nothing needs action.`
      : `**Status:** ${service} is degraded: ${cause ?? worst}`;
  const section = (title: string, lines: readonly string[]): string[] =>
    lines.length === 0 ? [] : ['', title, ...lines.map((line) => `- ${line}`)];
  const notChecked = failed.map((task) => `${task.description} (${headlineOf(task.error) || 'failed'})`);
  if (actions.length === 0 && worst !== undefined) {
    actions.push(`Keep watching ${service}: the findings above show it is not healthy yet.`);
  }
  return [
    status,
    ...section('🔴 **Critical**', groups.critical),
    ...section('🟡 **Warning**', groups.warning),
    ...section('🟢 **Normal**', groups.normal),
    ...section('⚠️ **Not verified**', notChecked),
    ...(actions.length === 0
      ? []
      : ['', '**Recommended actions**', ...actions.map((action, index) => `${index + 1}. ${action}`)]),
    '',
    DEMO_ANSWER_FOOTER,
  ].join('\n');
}

/** A single agent's answer from its tool results (each quoted in full). */
export function singleAgentAnswer(options: { readonly service: string; readonly outputs: readonly string[] }): string {
  const outputs = options.outputs.map(withoutArtifactLines).filter((output) => output !== '');
  if (outputs.length === 0) {
    return [`I could not get any data about ${options.service} from the demo tools.`, '', DEMO_ANSWER_FOOTER].join(
      '\n',
    );
  }
  const findings = outputs.map((output) => {
    const [headline = '', ...details] = output.split('\n');
    return [`- **${headline.trim()}**`, ...details.map((line) => `  ${line}`)].join('\n');
  });
  return [`Here is what the tools report for ${options.service}:`, '', ...findings, '', DEMO_ANSWER_FOOTER].join('\n');
}

function capitalize(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
