/**
 * The prompt journal (spec §4.5): `prompt-journal.md` in the run directory with every prompt sent to an LLM,
 * enabled by `AURA_PROMPT_JOURNAL` (read by the caller). Diagnostic only: write failures are logged at debug
 * level and never surface.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { errorMessage } from './fs-helpers.js';
import type { PersistenceLogger } from './persistence-logger.js';

/** Name of the journal file in the run directory. */
export const PROMPT_JOURNAL_FILENAME = 'prompt-journal.md';

/** Which call a journal entry belongs to. */
export type JournalPhase =
  | { readonly kind: 'planning'; readonly attempt: number; readonly maxAttempts: number }
  | {
      readonly kind: 'worker';
      readonly taskId: number;
      readonly workerName?: string | undefined;
      readonly attempt: number;
    };

/** One prompt sent to an LLM. */
export interface PromptJournalEntry {
  readonly phase: JournalPhase;
  /** The iteration current when the prompt was sent. */
  readonly iteration: number;
  readonly systemPrompt: string;
  readonly userPrompt: string;
}

/** Journal header facts. */
export interface PromptJournalHeader {
  readonly runId: string;
  readonly orchestratorId: string;
}

const SEPARATOR = '═'.repeat(80);

/** An open journal; entries are appended in call order. */
export class PromptJournal {
  readonly #path: string;
  readonly #now: () => Date;
  readonly #logger: PersistenceLogger;
  #tail: Promise<void>;

  private constructor(path: string, now: () => Date, logger: PersistenceLogger, header: Promise<void>) {
    this.#path = path;
    this.#now = now;
    this.#logger = logger;
    this.#tail = header;
  }

  /** Starts a journal at `path` (replacing any file there) with the `# Prompt Journal` header. Never throws. */
  static open(path: string, header: PromptJournalHeader, now: () => Date, logger: PersistenceLogger): PromptJournal {
    const text = `# Prompt Journal\nRun ID: ${header.runId}\nOrchestrator ID: ${header.orchestratorId}\nStarted: ${secondsIso(now())}\n\n`;
    const written = writeFile(path, text, 'utf8').catch((error: unknown) => {
      logger.debug(`persistence: could not create the prompt journal: ${errorMessage(error)}`);
    });
    return new PromptJournal(path, now, logger, written);
  }

  /** Appends one entry after all earlier ones. Resolves when written (or when writing failed). */
  record(entry: PromptJournalEntry): Promise<void> {
    const text = formatJournalEntry(entry, this.#now());
    this.#tail = this.#tail.then(() =>
      appendFile(this.#path, text, 'utf8').catch((error: unknown) => {
        this.#logger.debug(`persistence: could not append to the prompt journal: ${errorMessage(error)}`);
      }),
    );
    return this.#tail;
  }
}

/**
 * Renders one entry: a `═` separator, ` PHASE: <label>`, ` TIMESTAMP: <UTC seconds>`, the system and user
 * prompts under `── SYSTEM PROMPT ──…` / `── USER PROMPT ──…` sub-headers, and a pointer to the file that
 * holds the response.
 */
export function formatJournalEntry(entry: PromptJournalEntry, at: Date): string {
  return [
    SEPARATOR,
    ` PHASE: ${journalPhaseLabel(entry.phase, entry.iteration)}`,
    ` TIMESTAMP: ${secondsIso(at)}`,
    SEPARATOR,
    '',
    subHeader('SYSTEM PROMPT'),
    '',
    entry.systemPrompt,
    '',
    subHeader('USER PROMPT'),
    '',
    entry.userPrompt,
    '',
    `── RESPONSE: see ${responseHint(entry.phase, entry.iteration)} ──`,
    '',
    '',
  ].join('\n');
}

/** `Planning (Iteration i, Attempt a/m)`, `Worker: <name> (Iteration i, Task t)` or `Worker (Iteration i, Task t)`. */
export function journalPhaseLabel(phase: JournalPhase, iteration: number): string {
  if (phase.kind === 'planning')
    return `Planning (Iteration ${iteration}, Attempt ${phase.attempt}/${phase.maxAttempts})`;
  const who = phase.workerName === undefined ? 'Worker' : `Worker: ${phase.workerName}`;
  return `${who} (Iteration ${iteration}, Task ${phase.taskId})`;
}

// The reference points at paths of an older layout (`planning/response.txt`); we name the real files.
function responseHint(phase: JournalPhase, iteration: number): string {
  if (phase.kind === 'planning') return `iteration-${iteration}/planning.response.txt`;
  return `iteration-${iteration}/task-${phase.taskId}.attempt-${phase.attempt}.response.txt`;
}

function subHeader(label: string): string {
  return `── ${label} ${'─'.repeat(Math.max(0, 64 - label.length))}`;
}

function secondsIso(at: Date): string {
  return `${at.toISOString().slice(0, 19)}Z`;
}
