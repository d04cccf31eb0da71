/**
 * `blackbox journal …`: check a journal file offline, look inside it, or (for crash tests)
 * append durable TEST events and say each committed seq the moment it is committed.
 */
import { existsSync, writeSync } from 'node:fs';
import { EVENT_KINDS, type EventKind, type JournalEvent } from '../../../../shared/domain';
import { systemClock } from '../../../core/clock';
import { JournalUnavailableError } from '../../../core/journal/errors';
import { MAX_PAGE } from '../../../core/journal/event-reader';
import { Journal, type Anchor, type JournalPage } from '../../../core/journal/journal';
import { describeTail } from '../../../core/journal/tail-check';
import type { VerifyReport } from '../../../core/journal/verify';
import { describeDifference, verifyProjections, type ProjectionCheck } from '../../../core/journal/verify-projections';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';

const USAGE = [
  'blackbox journal verify <db> [--json]',
  '       blackbox journal inspect <db> [--account ID] [--kind K] [--market M] [--since ISO-TIME] [--limit N] [--json]',
  '       blackbox journal append-test <db> --count N',
].join('\n');

const out = (text: string) => process.stdout.write(`${text}\n`);

function journalFile(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('name exactly one journal file');
  const [path] = positionals;
  if (!existsSync(path)) throw new UsageError(`there is no file at ${path}`);
  return path;
}

function describeReport(report: VerifyReport): string {
  const head = report.head ? `chain head seq ${report.head.seq} (${report.head.hash.slice(0, 16)}…)` : 'no records';
  if (report.verified) return `Verified: ${report.events} events, ${head}.`;
  const lines = [`NOT verified: ${report.events} events read, ${head}.`];
  if (report.firstBad) lines.push(`First bad record: seq ${report.firstBad.seq}: ${report.firstBad.reason}.`);
  if (report.truncatedTail) lines.push(`Truncated tail: ${describeTail(report.truncatedTail)}.`);
  lines.push('Nothing was repaired.');
  return lines.join('\n');
}

function describeProjections(check: ProjectionCheck): string {
  if (!check.checked) return `Projections not recomputed: ${check.reason}.`;
  const { orders, fills, positions } = check.rows;
  const counted = `${orders} orders, ${fills} fills, ${positions} positions`;
  if (check.differences.length === 0) return `Projections recomputed from the records: ${counted}, every row agrees.`;
  return [`Projections differ from the records (${check.differences.length} difference(s) among ${counted}):`, ...check.differences.map((d) => `  ${describeDifference(d)}`)].join('\n');
}

async function verify(args: string[]): Promise<number> {
  const { positionals, switches } = parseArgs(args, { switches: ['json'] });
  const path = journalFile(positionals);
  const journal = Journal.openReadOnly(path);
  try {
    const report = await journal.verify();
    const projections = verifyProjections(path);
    out(switches.has('json') ? JSON.stringify({ ...report, projections }) : `${describeReport(report)}\n${describeProjections(projections)}`);
    return report.verified && projections.differences.length === 0 ? 0 : 1;
  } finally {
    journal.close();
  }
}

function eventLine(e: JournalEvent): string {
  const ids = [e.clientId && `client ${e.clientId}`, e.venueOrderId && `venue order ${e.venueOrderId}`].filter(Boolean).join(' ');
  return [String(e.seq).padStart(8), new Date(e.at).toISOString(), e.kind.padEnd(18), e.account, e.market ?? '-', ids, JSON.stringify(e.payload)]
    .filter((part) => part !== '')
    .join('  ');
}

async function inspect(args: string[]): Promise<number> {
  const { positionals, values, switches } = parseArgs(args, { values: ['account', 'kind', 'market', 'since', 'limit'], switches: ['json'] });
  const path = journalFile(positionals);
  const kind = values.kind;
  if (kind !== undefined && !(EVENT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`--kind must be one of ${EVENT_KINDS.join(', ')}`);
  }
  const since = values.since === undefined ? undefined : Date.parse(values.since);
  if (since !== undefined && Number.isNaN(since)) throw new UsageError(`--since must be an ISO time such as 2026-01-19T04:30:00Z, got ${values.since}`);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_PAGE}`);
  const journal = Journal.openReadOnly(path);
  try {
    const health = journal.health();
    let page: JournalPage;
    let head: Anchor | null;
    let count: number;
    try {
      // The newest matching events, shown in chain order.
      page = journal.query({ account: values.account, kind: kind as EventKind | undefined, market: values.market, since, limit, order: 'desc' });
      head = journal.head();
      count = journal.count();
    } catch (err) {
      if (!(err instanceof JournalUnavailableError)) throw err;
      out(switches.has('json') ? JSON.stringify({ path, health: journal.health(), readable: false }) : `${err.message}\n${journal.health().message}`);
      return 1;
    }
    const events = [...page.events].reverse();
    if (switches.has('json')) {
      out(JSON.stringify({ path, health, count, head, events, more: page.more }));
    } else {
      out(`${path}: ${count} events, chain head ${head ? `seq ${head.seq}` : 'empty'}.`);
      out(health.message);
      for (const e of events) out(eventLine(e));
      if (page.more) out(`(older matching events not shown; raise --limit up to ${MAX_PAGE})`);
    }
    return health.state === 'failed' ? 1 : 0;
  } finally {
    journal.close();
  }
}

function appendTest(args: string[]): number {
  const { positionals, values } = parseArgs(args, { values: ['count'] });
  if (positionals.length !== 1) throw new UsageError('name exactly one journal file');
  const count = Number(values.count);
  if (values.count === undefined || !Number.isSafeInteger(count) || count < 1) throw new UsageError('--count must be a whole number of at least 1');
  const journal = Journal.open(positionals[0], { clock: systemClock });
  try {
    if (journal.health().state !== 'ok') {
      process.stderr.write(`${journal.health().message}\n`);
      return 1;
    }
    for (let i = 1; i <= count; i++) {
      const stored = journal.append({ kind: 'TEST', account: 'sim:local:append-test', venue: 'sim', payload: { i } }, { durable: true });
      // Unbuffered, straight after the commit: a crash test trusts every line it reads.
      writeSync(1, `${stored.seq}\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof JournalUnavailableError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    journal.close();
  }
}

export const journalCommand: Command = {
  name: 'journal',
  summary: 'verify or inspect a journal file offline (read-only); append-test is for crash tests',
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === 'verify') return verify(rest);
    if (sub === 'inspect') return inspect(rest);
    if (sub === 'append-test') return appendTest(rest);
    throw new UsageError(sub === undefined ? 'say verify, inspect or append-test' : `unknown journal subcommand "${sub}"`);
  },
};

