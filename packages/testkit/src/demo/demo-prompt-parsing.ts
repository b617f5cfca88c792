/**
 * Reads what the demo scenario needs out of Aura's orchestration prompts: the user's query and the configured
 * workers from the planning prompt (orchestration-spec §1.9), the completed and failed tasks from the
 * continuation prompt (§1.12) and the task of a worker prompt (§2.4). Lenient: a missing part reads as empty.
 */

/** A worker as the planning prompt lists it. */
export interface PromptWorker {
  readonly name: string;
  /** The description under `## <name>` (summary/full display) or after `- <name>: ` (none); `''` if absent. */
  readonly description: string;
}

/** A completed task of the continuation prompt. */
export interface PromptCompletedTask {
  readonly id: number;
  readonly description: string;
  /** The result as shown (4-space indentation removed), artifact lines included. */
  readonly result: string;
}

/** A failed task of the continuation prompt. */
export interface PromptFailedTask {
  readonly id: number;
  readonly description: string;
  readonly error: string;
}

/** Whether `text` is a planning prompt (it carries `USER QUERY:`). */
export function isPlanningPrompt(text: string): boolean {
  return text.includes('USER QUERY: ');
}

/** Whether `text` is a continuation prompt (a line `ITERATION <i> of <n>`). */
export function isContinuationPrompt(text: string): boolean {
  return /(^|\n)ITERATION \d+ of \d+/.test(text);
}

/** The user's query of a planning prompt (up to the next blank line); `text` itself when it is not one. */
export function queryOfPlanningPrompt(text: string): string {
  const match = /USER QUERY: ([\s\S]*?)(?:\n\n|$)/.exec(text);
  return (match?.[1] ?? text).trim();
}

/** `Current time: <timestamp>` of a coordinator prompt, or `undefined`. */
export function currentTimeOf(text: string): Date | undefined {
  const match = /Current time: (\S+)/.exec(text);
  if (match?.[1] === undefined) return undefined;
  const date = new Date(match[1]);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The workers of a planning prompt, in the order of its `Valid worker names: "a", "b"` line, each with the
 * description shown in the worker section. Empty when no workers are configured.
 */
export function workersOfPlanningPrompt(text: string): PromptWorker[] {
  const line = /Valid worker names: ([^\n]*)/.exec(text)?.[1];
  if (line === undefined) return [];
  const names = [...line.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? '').filter((name) => name !== '');
  return names.map((name) => ({ name, description: workerDescription(text, name) }));
}

function workerDescription(text: string, name: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`(?:^|\\n)## ${escaped}\\n([^\\n]*)`).exec(text);
  if (heading?.[1] !== undefined) return heading[1].trim();
  const bullet = new RegExp(`(?:^|\\n)- ${escaped}: ([^\\n]*)`).exec(text);
  return bullet?.[1]?.trim() ?? '';
}

/** The goal line of a continuation prompt (`Goal: …`), or `''`. */
export function goalOfContinuationPrompt(text: string): string {
  return /(?:^|\n)Goal: ([^\n]*)/.exec(text)?.[1]?.trim() ?? '';
}

/** The `COMPLETED TASKS:` section of a continuation prompt, in task order. */
export function completedTasksOf(text: string): PromptCompletedTask[] {
  const section = sectionOf(text, 'COMPLETED TASKS:');
  const tasks: PromptCompletedTask[] = [];
  let current: { id: number; description: string; lines: string[] } | undefined;
  const flush = (): void => {
    if (current !== undefined)
      tasks.push({ id: current.id, description: current.description, result: current.lines.join('\n') });
  };
  for (const line of section) {
    const head = /^- Task (\d+): (.*?)(?: \(confidence: \w+\))?$/.exec(line);
    if (head !== null) {
      flush();
      current = { id: Number(head[1]), description: head[2] ?? '', lines: [] };
    } else if (current !== undefined) {
      current.lines.push(line.startsWith('    ') ? line.slice(4) : line);
    }
  }
  flush();
  return tasks;
}

/** The `FAILED TASKS:` section of a continuation prompt, in task order. */
export function failedTasksOf(text: string): PromptFailedTask[] {
  return sectionOf(text, 'FAILED TASKS:').flatMap((line) => {
    const match = /^- Task (\d+): (.*?) → (?:failed \[[^\]]*\]|soft_failure[^:]*): ?(.*)$/.exec(line);
    return match === null ? [] : [{ id: Number(match[1]), description: match[2] ?? '', error: match[3] ?? '' }];
  });
}

/** The lines after `header` up to the first empty line (result lines are indented, so theirs are not empty). */
function sectionOf(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && line === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The task description of a worker prompt (`YOUR TASK: <description>\n\n…`), or `undefined`. */
export function taskOfWorkerPrompt(text: string): string | undefined {
  const match = /YOUR TASK: ([\s\S]*?)(?:\n\n|$)/.exec(text);
  return match?.[1]?.trim();
}
