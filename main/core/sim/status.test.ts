import { describe, expect, it } from 'vitest';
import type { ScenarioVenueStatus } from '../scenario/types';
import { accepted, BTC, engineFixture } from './fixture';

const requests = {
  gtc: { market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.1', price: '90000' },
  postOnly: { market: BTC.symbol, side: 'BUY', type: 'LIMIT', size: '0.1', price: '90000', instruction: 'POST_ONLY' },
  market: { market: BTC.symbol, side: 'BUY', type: 'MARKET', size: '0.1' },
  stop: { market: BTC.symbol, side: 'BUY', type: 'STOP_MARKET', size: '0.1', trigger_price: '99000' },
};

describe('order acceptance by venue status', () => {
  it.each<[ScenarioVenueStatus, string | null, string | null, string | null, string | null, string | null]>([
    // status, GTC limit, post-only limit, market, stop, cancel
    ['ok', null, null, null, null, null],
    ['post_only', 'SYSTEM_STATUS_POST_ONLY', null, 'SYSTEM_STATUS_POST_ONLY', 'SYSTEM_STATUS_POST_ONLY', null],
    ['cancel_only', 'SYSTEM_STATUS_CANCEL_ONLY', 'SYSTEM_STATUS_CANCEL_ONLY', 'SYSTEM_STATUS_CANCEL_ONLY', 'SYSTEM_STATUS_CANCEL_ONLY', null],
    ['maintenance', 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
  ])('in %s: GTC %s, post-only %s, market %s, stop %s, cancel %s', (status, gtc, postOnly, market, stop, cancel) => {
    const { engine } = engineFixture();
    accepted(engine.placeOrder({ ...requests.gtc, client_id: 'RESTING' }));
    engine.apply({ kind: 'status', status });
    expect(engine.venueStatus()).toBe(status);
    const codeOf = (r: { ok: boolean; error?: { code: string; httpStatus: number } }) => {
      if (r.ok) return null;
      expect(r.error!.httpStatus).toBe(400);
      return r.error!.code;
    };
    expect(codeOf(engine.placeOrder(requests.gtc))).toBe(gtc);
    expect(codeOf(engine.placeOrder(requests.postOnly))).toBe(postOnly);
    expect(codeOf(engine.placeOrder(requests.market))).toBe(market);
    expect(codeOf(engine.placeOrder(requests.stop))).toBe(stop);
    expect(codeOf(engine.cancelOrder({ clientId: 'RESTING' }))).toBe(cancel);
    expect(codeOf(engine.cancelAll())).toBe(cancel);
  });

  it('keeps running triggers and liquidations in maintenance (the safeguards can fail)', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ ...requests.market, size: '0.5' }));
    f.engine.apply({ kind: 'status', status: 'maintenance' });
    f.engine.apply({ kind: 'markOverride', market: BTC.symbol, price: '47000' });
    expect(f.engine.fills().at(-1)!.fillType).toBe('LIQUIDATION');
  });
});

describe('halt', () => {
  it('stops blocks, matching, triggers and liquidation, and times out orders and cancels, while the status stays ok', () => {
    const f = engineFixture();
    accepted(f.engine.placeOrder({ ...requests.market, size: '0.5' }));
    accepted(f.engine.placeOrder({ ...requests.gtc, client_id: 'O1' }));
    accepted(f.engine.placeOrder({ market: BTC.symbol, side: 'SELL', type: 'STOP_LOSS_MARKET', size: '0.1', trigger_price: '93000', flags: ['REDUCE_ONLY'], client_id: 'SL' }));
    const height = f.engine.height();
    f.engine.apply({ kind: 'halt', seconds: 60 });
    expect(f.engine.connectivity()).toEqual({ apiOutage: null, websocketsRefused: false, halted: true });

    f.moveTo(BTC.symbol, '70000');
    f.seconds(29);
    expect(f.engine.venueStatus()).toBe('ok');
    expect(f.engine.height()).toBe(height);
    expect(f.engine.market(BTC.symbol)!.mark.toFixed()).toBe('70000');
    expect(f.engine.fills()).toHaveLength(1);
    for (const result of [f.engine.placeOrder(requests.market), f.engine.cancelOrder({ clientId: 'O1' }), f.engine.cancelAll()]) {
      expect(result.ok ? null : [result.error.code, result.error.httpStatus]).toEqual(['TIMEOUT', 504]);
    }

    f.seconds(30);
    expect(f.engine.connectivity().halted).toBe(false);
    // The heartbeat that ends the halt is the first to advance, match and check again.
    expect(f.engine.height()).toBe(height + 1);
    expect(f.engine.fills().map((x) => [x.clientId, x.fillType])).toEqual([
      ['', 'FILL'], ['O1', 'FILL'], ['SL', 'FILL'], ['liq-1', 'LIQUIDATION'],
    ]);
  });
});
