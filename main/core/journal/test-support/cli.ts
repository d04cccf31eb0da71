import { vi } from 'vitest';
import { journalCommand } from '../../../host/cli/commands/journal';

/** Runs `blackbox journal …` in this process and returns its exit code and what it printed. */
export async function runJournalCli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    return { code: await journalCommand.run(args), stdout };
  } finally {
    spy.mockRestore();
  }
}
