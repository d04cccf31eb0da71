/**
 * bustFill (DESIGN §12): the fills of one client id are reversed — the ledger is rebuilt from
 * the surviving fills, so position, fees and PnL are as if they never happened — and each
 * appears in `tradebusts`. Busted fills leave the fill history.
 */
import { sweepReduceOnly } from './execution';
import { keepFlatRecords, rebuildLedger } from './ledger';
import type { SimContext, Tradebust } from './model';

export function bustFills(ctx: SimContext, clientId: string): Tradebust[] {
  const { book } = ctx;
  const targets = book.fills.filter((f) => f.clientId === clientId && !book.busted.has(f.id));
  if (targets.length === 0) throw new Error(`bustFill: no fill for client id "${clientId}"`);
  const now = ctx.clock.now();
  const busts = targets.map((f) => {
    book.busted.add(f.id);
    const bust = { fillId: f.id, createdAt: now };
    book.busts.push(bust);
    return bust;
  });

  const before = book.ledger;
  book.ledger = rebuildLedger(ctx.initialCollateral, book.fills, book.busted);
  keepFlatRecords(before, book.ledger, now);
  for (const p of book.ledger.positions.values()) p.seqNo = ctx.ids.seqNo();

  for (const bust of busts) ctx.emit({ type: 'tradebust', bust });
  const touched = new Set(targets.map((f) => f.market));
  for (const market of touched) ctx.emit({ type: 'position', market });
  ctx.emit({ type: 'account' });
  for (const market of touched) sweepReduceOnly(ctx, market);
  return busts;
}
