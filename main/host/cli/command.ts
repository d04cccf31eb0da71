/** One `blackbox` subcommand. `run` resolves to the process exit code (0 ok, 1 failed check, 2 bad input). */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Thrown for bad command-line input; the dispatcher prints the message and exits 2. */
export class UsageError extends Error {}
