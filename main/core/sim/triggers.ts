/**
 * Stop-loss / take-profit triggers (DESIGN §12): a sell stop fires when the mark falls to or
 * below its trigger, a sell take-profit when it rises to or above; buys the other way round.
 * A fired trigger executes as a market order.
 */
import type Decimal from 'decimal.js';
import { openOrdersOf, transition } from './execution';
import { executeAsTaker } from './matching';
import type { MarketState, SimContext, SimOrder } from './model';

export const TRIGGER_TYPES = ['STOP_MARKET', 'TAKE_PROFIT_MARKET', 'STOP_LOSS_MARKET'] as const;

export function isTriggerType(type: string): boolean {
  return (TRIGGER_TYPES as readonly string[]).includes(type);
}

export function isTriggered(order: Pick<SimOrder, 'type' | 'side' | 'triggerPrice'>, mark: Decimal): boolean {
  const takeProfit = order.type === 'TAKE_PROFIT_MARKET';
  const firesOnFall = takeProfit ? order.side === 'BUY' : order.side === 'SELL';
  return firesOnFall ? mark.lte(order.triggerPrice!) : mark.gte(order.triggerPrice!);
}

export function runTriggers(ctx: SimContext, market: MarketState): void {
  for (const order of openOrdersOf(ctx, market.spec.symbol, 'UNTRIGGERED')) {
    // An earlier trigger in this pass may have closed this one (reduce-only, OCO-like).
    if (order.status !== 'UNTRIGGERED' || !isTriggered(order, market.mark)) continue;
    transition(ctx, order, 'OPEN');
    executeAsTaker(ctx, order);
  }
}
