/** The `blackbox` command: dispatches to one subcommand; bad input exits 2 with a message. */
import { UsageError, type Command } from './command';
import { benchCommand } from './commands/bench';
import { fuzzCommand } from './commands/fuzz';
import { journalCommand } from './commands/journal';
import { replayCommand } from './commands/replay';
import { serveCommand } from './commands/serve';
import { verifyCommand } from './commands/verify';
import { watchCommand } from './commands/watch';

const commands: Command[] = [serveCommand, replayCommand, journalCommand, verifyCommand, watchCommand, fuzzCommand, benchCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'blackbox — trading terminal with a flight recorder',
    '',
    'Usage: blackbox <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `blackbox <command> --help` for a command\'s options.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`blackbox: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`blackbox ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    process.stderr.write(`blackbox ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
