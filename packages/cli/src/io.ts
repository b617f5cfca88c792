/**
 * Where the CLI writes. Commands never touch `process.stdout` directly so tests can run `main()` in
 * process and read what it printed.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a terminal (enables colour). */
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    env: process.env,
    cwd: process.cwd(),
  };
}
