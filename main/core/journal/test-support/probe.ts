/**
 * A journal writer in a child process, for failure tests. Prints one JSON object per line:
 *   {"health":…}                after opening
 *   {"seq":N}                   after each durable append is committed
 *   {"refused":name,"message"}  when an append is refused, then stops appending
 *   {"count":N} or {"readError"} what can still be read afterwards
 *   {"holding":true}            with --hold: keeps the journal open until killed
 * Usage: node --import tsx probe.ts <db> --count N [--payload-bytes B] [--hold]
 */
import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock } from '../../clock';
import { Journal } from '../journal';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { count: { type: 'string' }, 'payload-bytes': { type: 'string' }, hold: { type: 'boolean' } },
});
const say = (value: unknown) => writeSync(1, `${JSON.stringify(value)}\n`);
const filler = 'x'.repeat(Number(values['payload-bytes'] ?? 0));

const journal = Journal.open(positionals[0], { clock: systemClock });
say({ health: journal.health() });
for (let i = 0; i < Number(values.count ?? 0); i++) {
  try {
    say({ seq: journal.append({ kind: 'TEST', account: 'sim:local:test', venue: 'sim', payload: { i, filler } }, { durable: true }).seq });
  } catch (err) {
    say({ refused: (err as Error).name, message: (err as Error).message, health: journal.health() });
    break;
  }
}
try {
  say({ count: journal.count() });
} catch (err) {
  say({ readError: (err as Error).name, message: (err as Error).message });
}
if (values.hold) {
  say({ holding: true });
  // The timer keeps the journal reachable: a collected Database closes, and its locks go with it.
  setInterval(() => journal.health(), 60_000);
} else {
  journal.close();
}
