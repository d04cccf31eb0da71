import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { VirtualClock } from '../clock';
import { Journal } from '../journal/journal';
import { tempDir } from '../journal/test-support/temp-dir';
import { JournalReview } from './journal-review';
import { insideFolders, withReviewAccess } from './review-access';

/** A live journal in `data/`, a journal to review beside it, and review reachable the way a host wires it. */
function setUp() {
  const root = tempDir();
  const data = join(root, 'data');
  const outside = join(root, 'outside');
  mkdirSync(data);
  mkdirSync(outside);
  const clock = new VirtualClock(0);
  const live = Journal.open(join(data, 'journal.db'), { clock });
  for (const path of [join(data, 'old.db'), join(outside, 'other.db')]) {
    const other = Journal.open(path, { clock });
    other.append({ kind: 'NOTE', venue: 'sim', account: 'sim:local:test', payload: {} } as never, { durable: true });
    other.close();
  }
  const review = new JournalReview(live);
  const service = withReviewAccess(
    { handlers: { openJournalForReview: async ({ path }: { path: string }) => review.open(path) } as never, subscribe: () => () => {}, close: async () => {} },
    insideFolders([data]),
  );
  const open = (path: string) => dispatch(service.handlers, 'openJournalForReview', { path });
  return { root, data, outside, live, review, open };
}

const refusal = (path: string) => ({ ok: false, error: { code: 'CANNOT_OPEN', message: expect.stringContaining(`cannot open ${path} for review`) } });

describe('opening a journal for review', () => {
  it('opens a journal inside the allowed folder read-only', async () => {
    const { data, open, live } = setUp();
    expect(await open(join(data, 'old.db'))).toMatchObject({ ok: true, value: { path: join(data, 'old.db'), readOnly: true } });
    live.close();
  });

  it('gives one answer for a missing file, a file outside the allowed folders, a non-SQLite file, a folder and /proc/self/environ', async () => {
    const { data, outside, open, live } = setUp();
    writeFileSync(join(data, 'notes.txt'), 'not a journal');
    const paths = [join(data, 'missing.db'), join(outside, 'other.db'), join(data, 'notes.txt'), data, '/proc/self/environ', '/etc/passwd'];
    for (const path of paths) expect(await open(path), path).toEqual(refusal(path));
    live.close();
  });

  it('follows links before deciding: a link in the data folder to a journal elsewhere is refused', async () => {
    const { data, outside, open, live } = setUp();
    symlinkSync(join(outside, 'other.db'), join(data, 'link.db'));
    expect(await open(join(data, 'link.db'))).toEqual(refusal(join(data, 'link.db')));
    live.close();
  });

  it('refuses a non-journal even where the host allows everything (the core check stands on its own)', () => {
    const { review, live } = setUp();
    expect(() => review.open('/proc/self/environ')).toThrow(/cannot open \/proc\/self\/environ for review/);
    live.close();
  });
});
