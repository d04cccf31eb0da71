/** Starting our own TypeScript in a child process, the way the `blackbox` command runs. */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const PROBE = fileURLToPath(new URL('./probe.ts', import.meta.url));
/** The real `blackbox` command (core code may not import the host layer, so tests run it). */
const BLACKBOX = fileURLToPath(new URL('../../../../bin/blackbox.mjs', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** Resolves with the next stdout line, or null once stdout has ended. */
  nextLine(): Promise<string | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs `node --import tsx <script> …args`; `shellPrefix` wraps it (e.g. to set a ulimit). */
export function startTs(script: string, args: string[], options: SpawnOptions & { shellPrefix?: string } = {}): Child {
  return startNode(['--import', 'tsx', script, ...args], options);
}

/** Runs `blackbox journal …args` as the user would. */
export function startJournalCli(args: string[]): Child {
  return startNode([BLACKBOX, 'journal', ...args]);
}

function startNode(argv: string[], options: SpawnOptions & { shellPrefix?: string } = {}): Child {
  const child = options.shellPrefix
    ? spawn('/bin/sh', ['-c', `${options.shellPrefix} exec "$0" "$@"`, process.execPath, ...argv], { cwd: REPO, ...options })
    : spawn(process.execPath, argv, { cwd: REPO, ...options });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  const reader = createInterface({ input: child.stdout! });
  reader.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  reader.on('close', () => {
    ended = true;
    for (const waiter of waiting.splice(0)) waiter(null);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return {
    process: child,
    exited,
    nextLine: () =>
      lines.length > 0 ? Promise.resolve(lines.shift()!) : ended ? Promise.resolve(null) : new Promise((resolve) => waiting.push(resolve)),
  };
}

/** Reads JSON lines until one has `key`; returns every line read. */
export async function readUntil(child: Child, key: string): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = [];
  for (;;) {
    const line = await child.nextLine();
    if (line === null) {
      const { code, stderr } = await child.exited;
      throw new Error(`child ended (exit ${code}) before printing "${key}": ${stderr}`);
    }
    const value = JSON.parse(line) as Record<string, unknown>;
    seen.push(value);
    if (key in value) return seen;
  }
}

/** Runs `blackbox journal …args` to the end: exit code and everything it printed. */
export async function runJournalCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startJournalCli(args);
  const lines: string[] = [];
  for (let line = await child.nextLine(); line !== null; line = await child.nextLine()) lines.push(line);
  const { code, stderr } = await child.exited;
  return { code, stdout: lines.map((l) => `${l}\n`).join(''), stderr };
}
