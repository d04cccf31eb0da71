/**
 * Identifiers the venue hands out. Counters are never rolled back, so an id is never reused,
 * even for an order placed again after a rollback; all are deterministic.
 */
export class IdSource {
  private orders = 0;
  private fills = 0;
  private seq = 0;
  private liquidations = 0;
  private settlements = 0;

  /** Paradex-style numeric order id: creation ms then a counter. */
  orderId(now: number): string {
    return `${now}${String(++this.orders).padStart(12, '0')}`;
  }

  fillId(now: number): string {
    return `${now}${String(++this.fills).padStart(8, '0')}`;
  }

  /** Increasing on every order, position or account update (Paradex `seq_no`). */
  seqNo(): number {
    return ++this.seq;
  }

  liquidationClientId(): string {
    return `liq-${++this.liquidations}`;
  }

  settlementClientId(): string {
    return `settle-${++this.settlements}`;
  }
}
