/**
 * Runs `blackbox journal …` in a child process for crash tests:
 *   node --import tsx main/core/journal/test-support/journal-cli.ts append-test <db> --count N
 */
import { journalCommand } from '../../../host/cli/commands/journal';
import { UsageError } from '../../../host/cli/command';

try {
  process.exitCode = await journalCommand.run(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
