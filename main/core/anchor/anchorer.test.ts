/**
 * The Anchorer against real TSAs on loopback (openssl ts -reply with its own root): tokens over
 * the head journalled as ANCHOR records that verify against that root; a TSA that is down,
 * answers garbage, refuses or stamps another hash leaves no record, is retried with backoff and
 * shows in the status line; the 10-minute rhythm anchors only when the head moved.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { Journal } from '../journal/journal';
import { ANCHOR_EVERY_MS, Anchorer, anchorLine, type AnchorPayload } from './anchorer';
import { downTsaUrl, startTestTsa, type TestTsa } from './test-support/openssl-tsa';
import { checkToken, parsePemCertificates } from './token';

const T0 = Date.parse('2026-01-19T04:00:00Z');
const ACCOUNT = 'sim:local:anchor-test';
const work = mkdtempSync(join(tmpdir(), 'bb-anchorer-'));
const tsas: Record<string, TestTsa> = {};
let down: string;

beforeAll(async () => {
  for (const b of ['honest', 'garbage', 'refuse', 'other-hash'] as const) tsas[b] = await startTestTsa(b);
  down = await downTsaUrl();
}, 60_000);
afterAll(async () => {
  for (const tsa of Object.values(tsas)) await tsa.close();
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
function setup(urls: string[]) {
  const clock = new VirtualClock(T0);
  const journal = Journal.open(join(work, `j${++n}.db`), { clock });
  const note = (text: string) => journal.append({ account: ACCOUNT, venue: 'sim', kind: 'NOTE', payload: { text } }, { durable: true });
  const anchorer = new Anchorer({ journal, account: ACCOUNT, clock, tsaUrls: urls });
  anchorer.start();
  const anchors = () => journal.query({ kind: 'ANCHOR' }).events;
  return { clock, journal, note, anchorer, anchors };
}

describe('Anchorer', () => {
  it('journals a token over the head that verifies against the TSA root, and skips a head already anchored', async () => {
    const { journal, note, anchorer, anchors } = setup([tsas.honest.url]);
    note('a');
    const head = note('b');
    anchorer.anchorNow();
    await anchorer.settled();
    const [anchor] = anchors();
    const payload = anchor.payload as AnchorPayload;
    expect(anchor).toMatchObject({ seq: 3, account: ACCOUNT, kind: 'ANCHOR' });
    expect(payload).toMatchObject({ headSeq: 2, headHash: head.hash, tsa: tsas.honest.url, tsaName: 'Blackbox Test TSA' });
    const roots = parsePemCertificates(readFileSync(tsas.honest.rootPem, 'utf8'));
    const check = await checkToken(Buffer.from(payload.token, 'base64'), head.hash, roots);
    expect(check).toMatchObject({ verified: true, trusted: true, problems: [] });
    expect(check.genTime!.toISOString()).toBe(payload.genTime);
    expect(anchorer.status().state).toBe('anchored');
    expect(anchorer.line()).toBe('anchored just now');

    const asked = tsas.honest.requests;
    anchorer.anchorNow();
    await anchorer.settled();
    expect(tsas.honest.requests).toBe(asked);
    expect(anchors()).toHaveLength(1);
    anchorer.stop();
    journal.close();
  });

  it('keeps the token of the TSA that answered when another is down', async () => {
    const { journal, note, anchorer, anchors } = setup([down, tsas.honest.url]);
    note('a');
    anchorer.anchorNow();
    await anchorer.settled();
    expect(anchors().map((e) => (e.payload as AnchorPayload).tsa)).toEqual([tsas.honest.url]);
    expect(anchorer.status()).toMatchObject({ state: 'anchored', lastError: null });
    anchorer.stop();
    journal.close();
  });

  it.each([
    ['down', () => down, /could not be reached/],
    ['garbage', () => tsas.garbage.url, /not a time-stamp response/],
    ['refuse', () => tsas.refuse.url, /HTTP 503/],
    ['other-hash', () => tsas['other-hash'].url, /stamps another hash/],
  ])('records nothing from a TSA that is %s, says so, and retries with backoff', async (_name, url, reason) => {
    const { clock, journal, note, anchorer, anchors } = setup([url()]);
    note('a');
    anchorer.anchorNow();
    await anchorer.settled();
    expect(anchors()).toEqual([]);
    expect(anchorer.status().state).toBe('failing');
    expect(anchorer.status().lastError).toMatch(reason);
    expect(anchorer.line()).toBe('not anchored yet (time-stamp authorities unreachable)');
    // The first retry comes 30 s later, the next 60 s after that.
    expect(clock.nextDue()).toBe(T0 + 30_000);
    clock.advanceTo(T0 + 30_000);
    await anchorer.settled();
    expect(clock.nextDue()).toBe(T0 + 30_000 + 60_000);
    anchorer.stop();
    journal.close();
  });

  it('anchors every 10 minutes while the head moved, and not when it stood still', async () => {
    const { clock, journal, note, anchorer, anchors } = setup([tsas.honest.url]);
    note('a');
    clock.advanceTo(T0 + ANCHOR_EVERY_MS);
    await anchorer.settled();
    expect(anchors()).toHaveLength(1);
    clock.advanceTo(T0 + 2 * ANCHOR_EVERY_MS);
    await anchorer.settled();
    expect(anchors()).toHaveLength(1);
    const moved = note('b');
    clock.advanceTo(T0 + 3 * ANCHOR_EVERY_MS);
    await anchorer.settled();
    expect(anchors().map((e) => (e.payload as AnchorPayload).headSeq)).toEqual([1, moved.seq]);
    expect(anchorer.line()).toBe('anchored just now');
    anchorer.stop();
    journal.close();
  });

  it('words the status line', () => {
    const at = Date.parse('2026-01-19T14:02:00Z');
    expect(anchorLine({ state: 'anchored', lastAnchoredAt: at, lastError: null }, at + 3 * 60_000 + 5_000)).toBe('anchored 3 min ago');
    expect(anchorLine({ state: 'failing', lastAnchoredAt: at, lastError: 'down' }, at + 20 * 60_000)).toBe('not anchored since 14:02 UTC');
    expect(anchorLine({ state: 'off', lastAnchoredAt: null, lastError: null }, at)).toBe('not anchored (no time-stamp authority set)');
  });
});
