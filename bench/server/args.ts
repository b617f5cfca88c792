/** Command-line options of the server benches: `--name value`, `--name=value`, or a bare `--flag` (`'true'`). */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index] ?? '';
    const value = argv[index + 1];
    const equals = name.indexOf('=');
    if (equals > 0) args.set(name.slice(0, equals), name.slice(equals + 1));
    else if (value === undefined || value.startsWith('--')) args.set(name, 'true');
    else {
      args.set(name, value);
      index += 1;
    }
  }
  return args;
}
