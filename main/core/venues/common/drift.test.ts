import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DriftNotices, readMessage } from './drift';

const spec = {
  message: 'test fill',
  schema: z.object({ id: z.string(), px: z.string(), fee: z.string().optional(), cloid: z.string().optional() }),
  sometimes: ['cloid'],
  documented: ['startPosition'],
};

describe('schema drift', () => {
  it('names known fields that are missing (not the sometimes-absent ones) and unknown fields that are new', () => {
    expect(readMessage(spec, { id: '1', px: '2', startPosition: '0', builderFee: '0.1' })).toEqual({
      ok: true,
      data: { id: '1', px: '2' },
      drift: [{ message: 'test fill', field: 'fee', change: 'missing' }, { message: 'test fill', field: 'builderFee', change: 'new' }],
    });
  });

  it('an unreadable message still names its drift beside the problem', () => {
    expect(readMessage(spec, { id: '1', fee: '0' })).toMatchObject({ ok: false, problem: expect.stringContaining('test fill: px'), drift: [{ field: 'px', change: 'missing' }] });
  });

  it('is reported once per message type, field and source', () => {
    const notices = new DriftNotices();
    const drift = [{ message: 'test fill', field: 'fee', change: 'missing' as const }];
    expect(notices.events(drift, 'ws', 1, 'a')).toEqual([{ kind: 'schema_drift', source: 'ws', message: 'test fill', field: 'fee', change: 'missing', at: 1, venueAt: null, raw: 'a' }]);
    expect(notices.events(drift, 'ws', 2, 'b')).toEqual([]);
    expect(notices.events(drift, 'rest', 3, 'c')).toHaveLength(1);
    expect(notices.events([{ ...drift[0], change: 'new' }], 'ws', 4, 'd')).toHaveLength(1);
  });
});
