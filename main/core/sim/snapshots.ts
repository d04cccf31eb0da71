/**
 * Named snapshots of the venue book for `rollback`: orders, fills, busts, positions, balances
 * and chain height. Deep enough that later changes never leak into a snapshot.
 */
import { cloneLedger } from './ledger';
import type { SimOrder, VenueBook } from './model';

export function cloneBook(book: VenueBook): VenueBook {
  const orders = new Map<string, SimOrder>();
  for (const [id, o] of book.orders) orders.set(id, { ...o, flags: [...o.flags] });
  const open = new Map<string, SimOrder>();
  for (const id of book.open.keys()) open.set(id, orders.get(id)!);
  return {
    orders,
    open,
    byClientId: new Map(book.byClientId),
    // Fills and busts are never mutated once recorded, so copying the arrays is enough.
    fills: [...book.fills],
    busted: new Set(book.busted),
    busts: [...book.busts],
    ledger: cloneLedger(book.ledger),
    height: book.height,
  };
}
