import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, chainHash, hashedText, linkHash, recordHash, type ChainRecord } from './chain';

const nullableText = fc.option(fc.string(), { nil: null });
const record: fc.Arbitrary<ChainRecord> = fc.record({
  seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  at: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  venueAt: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
  account: fc.string(),
  venue: fc.string(),
  kind: fc.string(),
  market: nullableText,
  clientId: nullableText,
  venueOrderId: nullableText,
  payload: fc.jsonValue().map(canonicalJson),
  raw: nullableText,
  version: fc.constantFrom(1 as const, 2 as const),
});

describe('the hash chain', () => {
  it('hashes exactly canonicalJson(header + payload), as documented for third parties', () => {
    fc.assert(
      fc.property(record, (r) => {
        const { payload, version, account, ...header } = r;
        const hashed = version === 1 ? { ...header, payload: JSON.parse(payload) } : { ...header, account, v: 2, payload: JSON.parse(payload) };
        expect(hashedText(r)).toBe(canonicalJson(hashed));
      }),
    );
  });

  it('version 2: the link is SHA-256 of prev_hash followed by SHA-256 of the record, so an excerpt can be linked by record hashes', () => {
    const r: ChainRecord = {
      seq: 1, at: 1_700_000_000_000, venueAt: null, account: 'sim:local:a', venue: 'sim', kind: 'NOTE', market: null,
      clientId: null, venueOrderId: null, payload: '{"text":"hello"}', raw: null, version: 2,
    };
    const own = createHash('sha256')
      .update(
        '{"account":"sim:local:a","at":1700000000000,"clientId":null,"kind":"NOTE","market":null,"payload":{"text":"hello"},' +
          '"raw":null,"seq":1,"v":2,"venue":"sim","venueAt":null,"venueOrderId":null}',
      )
      .digest('hex');
    expect(recordHash(r)).toBe(own);
    expect(chainHash(GENESIS_HASH, r)).toBe(createHash('sha256').update(GENESIS_HASH + own).digest('hex'));
    expect(linkHash(GENESIS_HASH, own)).toBe(chainHash(GENESIS_HASH, r));
    expect(chainHash(GENESIS_HASH, { ...r, account: 'sim:local:b' })).not.toBe(chainHash(GENESIS_HASH, r));
  });

  it('version 1 (journals written before accounts): SHA-256 of prev_hash followed by the record text, without the account', () => {
    const r: ChainRecord = {
      seq: 1, at: 1_700_000_000_000, venueAt: null, account: 'journal:before-accounts', venue: 'sim', kind: 'NOTE', market: null,
      clientId: null, venueOrderId: null, payload: '{"text":"hello"}', raw: null, version: 1,
    };
    const expected = createHash('sha256')
      .update(
        GENESIS_HASH +
          '{"at":1700000000000,"clientId":null,"kind":"NOTE","market":null,"payload":{"text":"hello"},' +
          '"raw":null,"seq":1,"venue":"sim","venueAt":null,"venueOrderId":null}',
      )
      .digest('hex');
    expect(chainHash(GENESIS_HASH, r)).toBe(expected);
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('changes when any header field, the payload or the raw message changes', () => {
    const base: ChainRecord = {
      seq: 7, at: 1, venueAt: 2, account: 'sim:local:test', venue: 'sim', kind: 'FILL', market: 'BTC-USD-PERP',
      clientId: 'c1', venueOrderId: 'v1', payload: '{"price":"100"}', raw: '{"fill":1}', version: 2,
    };
    const h = chainHash(GENESIS_HASH, base);
    const variants: Partial<ChainRecord>[] = [
      { seq: 8 }, { at: 2 }, { venueAt: null }, { venue: 'paradex' }, { account: 'sim:local:other' }, { kind: 'NOTE' }, { market: null },
      { clientId: 'c2' }, { venueOrderId: null }, { payload: '{"price":"101"}' }, { raw: null },
    ];
    for (const change of variants) expect(chainHash(GENESIS_HASH, { ...base, ...change })).not.toBe(h);
    expect(chainHash('1'.repeat(64), base)).not.toBe(h);
  });
});
