/**
 * Scenarios for the fuzzer (DESIGN §12), drawn by fast-check from the whole fault vocabulary
 * with random user orders of every type in two markets. Each is short in virtual time and ends
 * in a quiet tail: every fault (windows, overrides, statuses, downtime) is over by
 * FAULT_HORIZON_S, and a `reconcile` runs more than two virtual minutes later, before `until`.
 *
 * The arbitrary draws loose "moves" (time, kind, knobs); `scenarioOf` turns them into a valid
 * scenario file: steps in time order, client ids in placing order, cancels and busts pointing
 * at an order placed earlier, user steps dropped while a restart keeps the terminal down.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';

interface FuzzMarket {
  symbol: string;
  base: Decimal;
  tick: Decimal;
  step: Decimal;
}

/** Two markets under one cross margin: a crash in one can liquidate the other. */
const MARKETS: FuzzMarket[] = [
  { symbol: 'BTC-USD-PERP', base: new Decimal(95_000), tick: new Decimal('0.1'), step: new Decimal('0.001') },
  { symbol: 'ETH-USD-PERP', base: new Decimal(3_300), tick: new Decimal('0.01'), step: new Decimal('0.01') },
];
/** Every fault is over by this second… */
const FAULT_HORIZON_S = 120;
/** …the closing reconcile runs at this one… */
const FINAL_RECONCILE_S = 250;
/** …and the scenario ends here. */
const UNTIL_S = 260;
const REFERENCE_EVERY_S = 60;

const TRIGGER_TYPES = ['STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET'] as const;
/** Market orders come up most (they fill, so there is something to bust, reverse and catch up). */
const ORDER_TYPES = ['MARKET', 'MARKET', 'MARKET', 'LIMIT', 'LIMIT', ...TRIGGER_TYPES] as const;
/** A venue mark of 0 has been seen (Paradex, Jan 2026); the rest are corrupted or nearby marks. */
const MARK_FACTORS = ['0', '0.5', '0.97', '1.03', '1.5', '0', '0.5', '1.5'] as const;

const at = fc.integer({ min: 1, max: FAULT_HORIZON_S - 1 });
const seconds = fc.integer({ min: 1, max: 45 });
const pick = fc.nat({ max: 1_000 });
/** Two draws in three are BTC. */
const market = fc.nat({ max: 2 }).map((n) => (n < 2 ? 0 : 1));

const place = fc.record({
  move: fc.constant('place' as const), at, market,
  type: fc.constantFrom(...ORDER_TYPES), side: fc.constantFrom('BUY' as const, 'SELL' as const),
  /** In the market's size steps (0.001 BTC, 0.01 ETH). */
  size: fc.integer({ min: 1, max: 40 }),
  /** Price (LIMIT) or trigger price relative to the reference, in basis points. */
  offsetBps: fc.integer({ min: -100, max: 100 }),
  postOnly: fc.boolean(), reduceOnly: fc.boolean(),
});

const userMove = fc.oneof(
  { arbitrary: place, weight: 8 },
  fc.record({ move: fc.constant('cancel' as const), at, target: pick }),
  fc.record({ move: fc.constant('cancelAll' as const), at }),
  fc.record({ move: fc.constant('restoreCancelled' as const), at }),
  fc.record({ move: fc.constant('reconcile' as const), at }),
  fc.record({ move: fc.constant('restart' as const), at, seconds }),
);

const venueMove = fc.oneof(
  fc.record({ move: fc.constant('status' as const), at, seconds, status: fc.constantFrom('maintenance' as const, 'cancel_only' as const, 'post_only' as const) }),
  fc.record({ move: fc.constant('disconnect' as const), at, seconds }),
  fc.record({ move: fc.constant('apiOutage' as const), at, seconds, mode: fc.constantFrom('errors-but-accepts' as const, 'down' as const) }),
  fc.record({ move: fc.constant('halt' as const), at, seconds }),
  fc.record({ move: fc.constant('bustFill' as const), at, target: pick }),
  fc.record({ move: fc.constant('rollback' as const), at, seconds }),
  fc.record({ move: fc.constant('cancelOpenOrders' as const), at, keepTriggers: fc.boolean() }),
  { arbitrary: fc.record({ move: fc.constant('markOverride' as const), at, seconds, factor: fc.constantFrom(...MARK_FACTORS), market }), weight: 3 },
  fc.record({ move: fc.constant('oracleFreeze' as const), at, seconds, market }),
  // A position opened just before the venue's mark runs against it: the way to a liquidation.
  fc.record({ move: fc.constant('crash' as const), at, seconds, side: fc.constantFrom('BUY' as const, 'SELL' as const), size: fc.integer({ min: 5, max: 40 }), deep: fc.boolean(), market }),
  fc.record({ move: fc.constant('liquidityDrain' as const), at, seconds, market }),
);

type Move = UserMove | VenueMove;
type UserMove = typeof userMove extends fc.Arbitrary<infer T> ? T : never;
type VenueMove = typeof venueMove extends fc.Arbitrary<infer T> ? T : never;

export interface FuzzDraw {
  /** Per market, the reference path's deviation from its base price at each minute, in basis points. */
  paths: number[][];
  /** Thin collateral lets corrupted marks liquidate (orders are at most 0.04 BTC). */
  collateral: string;
  moves: Move[];
}

export const fuzzDraw: fc.Arbitrary<FuzzDraw> = fc.record({
  collateral: fc.constantFrom('10000', '1500', '600', '600'),
  paths: fc.tuple(...MARKETS.map(() => fc.array(fc.integer({ min: -150, max: 150 }), { minLength: 1, maxLength: Math.ceil(UNTIL_S / REFERENCE_EVERY_S) + 1 }))),
  moves: fc.array(fc.oneof({ arbitrary: userMove, weight: 3 }, { arbitrary: venueMove, weight: 2 }), { minLength: 2, maxLength: 20 }),
});

interface Step {
  at: number;
  user?: unknown;
  venue?: unknown;
}

const offset = (s: number) => [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
/** A price on the market's tick, written with the tick's decimals. */
const onTick = (m: FuzzMarket, d: Decimal) => d.div(m.tick).round().times(m.tick).toFixed(m.tick.decimalPlaces());
const sizeOf = (m: FuzzMarket, steps: number) => m.step.times(steps).toFixed(m.step.decimalPlaces());

function referenceAt(draw: FuzzDraw, index: number, s: number): Decimal {
  const path = draw.paths[index];
  const i = Math.min(Math.floor(s / REFERENCE_EVERY_S), path.length - 1);
  const j = Math.min(i + 1, path.length - 1);
  const bps = path[i] + ((path[j] - path[i]) * (s - i * REFERENCE_EVERY_S)) / REFERENCE_EVERY_S;
  return MARKETS[index].base.times(new Decimal(bps).div(10_000).plus(1));
}

/** A valid scenario file (DESIGN §12) for a draw; the same draw always gives the same file. */
export function scenarioOf(draw: FuzzDraw, name = 'fuzz'): Record<string, unknown> {
  const steps: Step[] = [];
  const end = (start: number, length: number) => Math.min(FAULT_HORIZON_S, start + length);
  let orders = 0;
  let snapshots = 0;
  /** Client ids of orders that execute at once (market orders): a bust aimed at one can usually apply. */
  const takers: string[] = [];
  for (const m of [...draw.moves].sort((a, b) => a.at - b.at)) {
    const add = (s: number, step: Omit<Step, 'at'>) => steps.push({ at: s, ...step });
    switch (m.move) {
      case 'place': {
        const type = m.type;
        const spec = MARKETS[m.market];
        const priced = onTick(spec, referenceAt(draw, m.market, m.at).times(new Decimal(m.offsetBps).div(10_000).plus(1)));
        if (type === 'MARKET') takers.push(`U${orders + 1}`);
        add(m.at, { user: { place: {
          clientId: `U${++orders}`, market: spec.symbol, side: m.side, type, size: sizeOf(spec, m.size),
          ...(type === 'LIMIT' ? { price: priced, postOnly: m.postOnly } : {}),
          ...(type !== 'LIMIT' && type !== 'MARKET' ? { triggerPrice: priced } : {}),
          reduceOnly: m.reduceOnly,
        } } });
        break;
      }
      case 'cancel':
        if (orders > 0) add(m.at, { user: { cancel: { clientId: `U${(m.target % orders) + 1}` } } });
        break;
      case 'cancelAll':
      case 'restoreCancelled':
      case 'reconcile':
        add(m.at, { user: { [m.move]: {} } });
        break;
      case 'restart':
        add(m.at, { user: { restart: { downSeconds: end(m.at, m.seconds) - m.at } } });
        break;
      case 'status':
        add(m.at, { venue: { status: m.status } });
        add(end(m.at, m.seconds), { venue: { status: 'ok' } });
        break;
      case 'disconnect':
      case 'halt':
        add(m.at, { venue: { [m.move]: { seconds: end(m.at, m.seconds) - m.at } } });
        break;
      case 'apiOutage':
        add(m.at, { venue: { apiOutage: { mode: m.mode, seconds: end(m.at, m.seconds) - m.at } } });
        break;
      case 'liquidityDrain':
        add(m.at, { venue: { liquidityDrain: { market: MARKETS[m.market].symbol, seconds: end(m.at, m.seconds) - m.at } } });
        break;
      case 'bustFill':
        // Odd targets aim at any order (a maker fill, a triggered stop), even ones at a market order.
        if (m.target % 2 === 0 && takers.length > 0) add(m.at, { venue: { bustFill: { clientId: takers[(m.target / 2) % takers.length] } } });
        else if (orders > 0) add(m.at, { venue: { bustFill: { clientId: `U${(m.target % orders) + 1}` } } });
        break;
      case 'rollback': {
        const name = `S${++snapshots}`;
        add(m.at, { venue: { snapshot: name } });
        add(end(m.at, m.seconds), { venue: { rollback: name } });
        break;
      }
      case 'cancelOpenOrders':
        add(m.at, { venue: { cancelOpenOrders: { except: m.keepTriggers ? [...TRIGGER_TYPES] : [], reason: 'SYSTEM_MAINTENANCE' } } });
        break;
      case 'markOverride': {
        const spec = MARKETS[m.market];
        add(m.at, { venue: { markOverride: { market: spec.symbol, price: onTick(spec, referenceAt(draw, m.market, m.at).times(m.factor)) } } });
        add(end(m.at, m.seconds), { venue: { markRelease: { market: spec.symbol } } });
        break;
      }
      case 'crash': {
        const spec = MARKETS[m.market];
        takers.push(`U${orders + 1}`);
        add(m.at, { user: { place: { clientId: `U${++orders}`, market: spec.symbol, side: m.side, type: 'MARKET', size: sizeOf(spec, m.size), reduceOnly: false } } });
        const factor = m.side === 'BUY' ? (m.deep ? '0' : '0.5') : (m.deep ? '3' : '1.5');
        add(m.at + 1, { venue: { markOverride: { market: spec.symbol, price: onTick(spec, referenceAt(draw, m.market, m.at).times(factor)) } } });
        add(end(m.at + 1, m.seconds), { venue: { markRelease: { market: spec.symbol } } });
        break;
      }
      case 'oracleFreeze': {
        const symbol = MARKETS[m.market].symbol;
        add(m.at, { venue: { oracleFreeze: { market: symbol } } });
        add(end(m.at, m.seconds), { venue: { oracleRelease: { market: symbol } } });
        break;
      }
    }
  }
  return {
    scenario: 1,
    name,
    start: '2026-03-02T04:00:00Z',
    venue: {
      dialect: 'paradex',
      markets: MARKETS.map((m) => ({ symbol: m.symbol, tickSize: m.tick.toFixed(), stepSize: m.step.toFixed(), initialMargin: '0.05', maintenanceMargin: '0.03', makerFee: '0.0001', takerFee: '0.0003' })),
    },
    reference: Object.fromEntries(MARKETS.map((m, index) => [m.symbol, draw.paths[index].map((_, i) => [offset(i * REFERENCE_EVERY_S), referenceAt(draw, index, i * REFERENCE_EVERY_S).toFixed(2)])])),
    account: { collateral: draw.collateral },
    steps: [...onOneChain(whileUp(steps)), { at: FINAL_RECONCILE_S, user: { reconcile: {} } }].map((s) => ({ ...s, at: offset(s.at) })),
    until: offset(UNTIL_S),
  };
}

/** Steps in time order (stable), without the user's steps while a restart keeps the terminal down. */
function whileUp(steps: Step[]): Step[] {
  const kept: Step[] = [];
  let downUntil = 0;
  for (const step of [...steps].sort((a, b) => a.at - b.at)) {
    if (step.user !== undefined) {
      if (step.at < downUntil) continue;
      const restart = (step.user as { restart?: { downSeconds: number } }).restart;
      if (restart) downUntil = step.at + restart.downSeconds;
    }
    kept.push(step);
  }
  return kept;
}

/**
 * A chain rolled back to a snapshot abandons every block after it: snapshots taken later are of
 * a fork that no longer exists, so a rollback to one of them (which would resurrect it) is dropped.
 */
function onOneChain(steps: Step[]): Step[] {
  const taken: string[] = [];
  return steps.filter((step) => {
    const venue = step.venue as { snapshot?: string; rollback?: string } | undefined;
    if (venue?.snapshot !== undefined) taken.push(venue.snapshot);
    if (venue?.rollback === undefined) return true;
    const at = taken.indexOf(venue.rollback);
    if (at < 0) return false;
    taken.length = at + 1;
    return true;
  });
}
