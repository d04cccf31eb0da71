import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse';
import type { Scenario } from './types';

const minimal = () => ({
  scenario: 1,
  name: 'minimal',
  start: '2026-01-19T04:00:00Z',
  venue: {
    dialect: 'paradex',
    markets: [{ symbol: 'BTC-USD-PERP', tickSize: '0.1', stepSize: '0.001', initialMargin: '0.05', maintenanceMargin: '0.03', makerFee: '0', takerFee: '0.0003' }],
  },
  reference: { 'BTC-USD-PERP': [['00:00:00', '95000'], ['01:00:00', '95400']] },
  account: { collateral: '20000' },
  steps: [] as unknown[],
  until: '01:00:00',
});

function parsed(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function errorOf(input: unknown): string {
  const result = parseScenario(input);
  if (result.ok) throw new Error('expected the scenario to be rejected');
  expect(result.error.code).toBe('SCENARIO_INVALID');
  return result.error.message;
}

describe('parseScenario', () => {
  it('turns offsets into absolute times and keeps decimals as strings', () => {
    const input = minimal();
    input.steps = [
      { at: '00:00:10', user: { place: { clientId: 'L1', market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.5' } } },
      { at: '00:25:00', venue: { snapshot: 'pre' } },
      { at: '00:27:54', venue: { status: 'maintenance' } },
      { at: '00:31:00', venue: { markOverride: { market: 'BTC-USD-PERP', price: '61000' } } },
      { at: '00:40:00', venue: { rollback: 'pre' } },
      { at: '00:40:01', venue: { cancelOpenOrders: { except: ['TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET'], reason: 'SYSTEM_MAINTENANCE' } } },
    ];
    const s = parsed(input);
    const start = Date.parse('2026-01-19T04:00:00Z');
    expect(s.start).toBe(start);
    expect(s.until).toBe(start + 3_600_000);
    expect(s.markets[0].liquidationFee).toBe('0.005');
    expect(s.reference['BTC-USD-PERP'][1]).toEqual({ offset: '01:00:00', at: start + 3_600_000, price: '95400' });
    expect(s.steps[0]).toEqual({
      index: 0, offset: '00:00:10', at: start + 10_000, actor: 'user',
      action: { kind: 'place', clientId: 'L1', market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.5', postOnly: false, reduceOnly: false },
    });
    expect(s.steps.map((st) => st.action.kind)).toEqual(['place', 'snapshot', 'status', 'markOverride', 'rollback', 'cancelOpenOrders']);
    expect(s.steps[2].action).toEqual({ kind: 'status', status: 'maintenance' });
    expect(s.steps[4].action).toEqual({ kind: 'rollback', name: 'pre' });
    expect(s.steps[5]).toMatchObject({ at: start + 2_401_000, action: { except: ['TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET'], reason: 'SYSTEM_MAINTENANCE' } });
  });

  it('parses every venue action of DESIGN §12', () => {
    const input = minimal();
    const m = 'BTC-USD-PERP';
    input.steps = [
      { status: 'post_only' }, { snapshot: 's' }, { rollback: 's' }, { markOverride: { market: m, price: '1' } }, { markRelease: { market: m } },
      { oracleFreeze: { market: m } }, { oracleRelease: { market: m } }, { cancelOpenOrders: { reason: 'X', market: m } }, { bustFill: { clientId: 'L1' } },
      { apiOutage: { mode: 'errors-but-accepts', seconds: 60 } }, { apiOutage: { mode: 'down', seconds: 5 } }, { disconnect: { seconds: 30 } },
      { halt: { seconds: 1800 } }, { settle: { market: m, price: '90000' } }, { liquidityDrain: { market: m, seconds: 600 } },
    ].map((venue) => ({ at: '00:00:01', venue }));
    const s = parsed(input);
    expect(s.steps.map((st) => st.action.kind)).toEqual([
      'status', 'snapshot', 'rollback', 'markOverride', 'markRelease', 'oracleFreeze', 'oracleRelease', 'cancelOpenOrders', 'bustFill',
      'apiOutage', 'apiOutage', 'disconnect', 'halt', 'settle', 'liquidityDrain',
    ]);
    expect(s.steps[7].action).toEqual({ kind: 'cancelOpenOrders', except: [], reason: 'X', market: m });
    expect(s.steps[9].action).toEqual({ kind: 'apiOutage', mode: 'errors-but-accepts', seconds: 60 });
  });

  it('parses every user action', () => {
    const input = minimal();
    input.steps = [
      { place: { clientId: 'S1', market: 'BTC-USD-PERP', side: 'SELL', type: 'STOP_LOSS_MARKET', size: '1', triggerPrice: '90000', reduceOnly: true } },
      { place: { clientId: 'P1', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '1', price: '90000', postOnly: true } },
      { cancel: { clientId: 'P1' } }, { cancelAll: {} }, { cancelAll: { market: 'BTC-USD-PERP' } }, { restoreCancelled: {} }, { reconcile: {} },
    ].map((user) => ({ at: '00:00:01', user }));
    const s = parsed(input);
    expect(s.steps.map((st) => st.action)).toEqual([
      { kind: 'place', clientId: 'S1', market: 'BTC-USD-PERP', side: 'SELL', type: 'STOP_LOSS_MARKET', size: '1', triggerPrice: '90000', reduceOnly: true, postOnly: false },
      { kind: 'place', clientId: 'P1', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '1', price: '90000', postOnly: true, reduceOnly: false },
      { kind: 'cancel', clientId: 'P1' }, { kind: 'cancelAll' }, { kind: 'cancelAll', market: 'BTC-USD-PERP' }, { kind: 'restoreCancelled' }, { kind: 'reconcile' },
    ]);
  });

  it('parses a restart and a mark override of 0 (a venue has shown $0)', () => {
    const input = minimal();
    input.steps = [
      { at: '00:00:01', user: { restart: { downSeconds: 90 } } },
      { at: '00:00:30', venue: { markOverride: { market: 'BTC-USD-PERP', price: '0' } } },
      { at: '00:01:31', user: { reconcile: {} } },
    ];
    const s = parsed(input);
    expect(s.steps.map((st) => st.action)).toEqual([
      { kind: 'restart', downSeconds: 90 },
      { kind: 'markOverride', market: 'BTC-USD-PERP', price: '0' },
      { kind: 'reconcile' },
    ]);
  });

  it.each([
    ['a negative mark override', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { markOverride: { market: 'BTC-USD-PERP', price: '-1' } } }]; }, 'steps[0].venue.markOverride.price: expected a decimal string'],
    ['a restart without downtime', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', user: { restart: { downSeconds: 0 } } }]; }, 'steps[0].user.restart.downSeconds:'],
    ['a user step while the terminal is down', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', user: { restart: { downSeconds: 60 } } }, { at: '00:00:30', venue: { halt: { seconds: 5 } } }, { at: '00:01:00', user: { reconcile: {} } }]; }, 'steps[2].user: the terminal is down here (restart at steps[0])'],
    ['an end while the terminal is down', (s: ReturnType<typeof minimal>) => { s.until = '00:00:30'; s.steps = [{ at: '00:00:01', user: { restart: { downSeconds: 60 } } }]; }, 'until: "00:00:30" comes while the terminal is still down (restart at steps[0])'],
    ['an unknown venue action', (s: ReturnType<typeof minimal>) => { const ok = { at: '00:00:01', venue: { status: 'ok' } }; s.steps = [ok, ok, ok, { at: '00:00:02', venue: { foo: {} } }]; }, 'steps[3].venue: unknown action "foo"'],
    ['an unknown user action', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', user: { buy: {} } }]; }, 'steps[0].user: unknown action "buy"'],
    ['two actions in one step', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { halt: { seconds: 1 }, disconnect: { seconds: 1 } } }]; }, 'steps[0].venue: expected exactly one action, got "halt", "disconnect"'],
    ['both user and venue', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { snapshot: 'a' }, user: { reconcile: {} } }]; }, 'steps[0]: a step needs exactly one of "user" or "venue"'],
    ['a float price', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { markOverride: { market: 'BTC-USD-PERP', price: 61000 } } }]; }, 'steps[0].venue.markOverride.price:'],
    ['a bad offset', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '0:61:00', venue: { snapshot: 'a' } }]; }, 'steps[0].at: expected an "HH:MM:SS" offset'],
    ['an unknown market', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { oracleFreeze: { market: 'DOGE-USD-PERP' } } }]; }, 'steps[0].venue.oracleFreeze.market: unknown market "DOGE-USD-PERP"'],
    ['a rollback before its snapshot', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { rollback: 'pre' } }, { at: '00:00:02', venue: { snapshot: 'pre' } }]; }, 'steps[0].venue.rollback: no earlier snapshot named "pre"'],
    ['an unknown status', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { status: 'halted' } }]; }, 'steps[0].venue.status:'],
    ['an unknown outage mode', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { apiOutage: { mode: 'flaky', seconds: 3 } } }]; }, 'steps[0].venue.apiOutage.mode:'],
    ['a stray field in an action', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', venue: { halt: { seconds: 3, why: 'x' } } }]; }, 'steps[0].venue.halt: Unrecognized key: "why"'],
    ['a LIMIT without price', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', user: { place: { clientId: 'A', market: 'BTC-USD-PERP', side: 'BUY', type: 'LIMIT', size: '1' } } }]; }, 'steps[0].user.place.price: a LIMIT order needs a price'],
    ['a stop without trigger', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:01', user: { place: { clientId: 'A', market: 'BTC-USD-PERP', side: 'SELL', type: 'STOP_MARKET', size: '1' } } }]; }, 'steps[0].user.place.triggerPrice: a STOP_MARKET order needs a triggerPrice'],
    ['a reused clientId', (s: ReturnType<typeof minimal>) => { const p = { place: { clientId: 'A', market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size: '1' } }; s.steps = [{ at: '00:00:01', user: p }, { at: '00:00:02', user: p }]; }, 'steps[1].user.place.clientId: "A" is already used by steps[0]'],
    ['steps out of order', (s: ReturnType<typeof minimal>) => { s.steps = [{ at: '00:00:05', venue: { snapshot: 'a' } }, { at: '00:00:02', venue: { snapshot: 'b' } }]; }, 'steps[1].at: "00:00:02" is earlier than the previous step'],
    ['a market without reference', (s: ReturnType<typeof minimal>) => { s.reference = {} as typeof s.reference; }, 'reference: no reference path for market "BTC-USD-PERP"'],
    ['a reference point out of order', (s: ReturnType<typeof minimal>) => { s.reference['BTC-USD-PERP'] = [['00:10:00', '1'], ['00:05:00', '2']]; }, 'reference["BTC-USD-PERP"][1][0]: "00:05:00" is not after the previous point'],
    ['until before the last step', (s: ReturnType<typeof minimal>) => { s.until = '00:00:01'; s.steps = [{ at: '00:00:05', venue: { snapshot: 'a' } }]; }, 'until: "00:00:01" is before the last step (00:00:05)'],
    ['another dialect', (s: ReturnType<typeof minimal>) => { (s.venue as { dialect: string }).dialect = 'dydx'; }, 'venue.dialect:'],
    ['a missing market field', (s: ReturnType<typeof minimal>) => { delete (s.venue.markets[0] as Partial<(typeof s.venue.markets)[0]>).takerFee; }, 'venue.markets[0].takerFee:'],
  ])('rejects %s, naming the field', (_label, mutate, expected) => {
    const input = minimal();
    mutate(input);
    expect(errorOf(input)).toContain(expected);
  });

  it('rejects text that is not JSON', () => {
    expect(errorOf('{ nope')).toMatch(/^not JSON/);
  });

  it('accepts the scenario text of DESIGN §12 and both shipped incident scenarios', () => {
    for (const file of ['paradex-2026-01-rollback.json', 'dydx-2025-10-halt.json']) {
      const text = readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8');
      expect(parsed(text).name).toBe(file.replace('.json', ''));
    }
  });
});
