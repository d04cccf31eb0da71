/**
 * Runs calls from many connections in turns — one call per waiting connection per round — with
 * bounds on how many run at once, in all and per connection, so a connection that sends
 * thousands (or a few slow ones) cannot starve another.
 */
export class FairQueue<Owner> {
  private readonly waiting = new Map<Owner, Array<() => Promise<void>>>();
  private readonly runningBy = new Map<Owner, number>();
  private turns: Owner[] = [];
  private running = 0;

  constructor(
    private readonly concurrency: number,
    private readonly perOwner: number = Math.max(1, Math.floor(concurrency / 2)),
  ) {}

  push(owner: Owner, task: () => Promise<void>): void {
    const queue = this.waiting.get(owner);
    if (queue) queue.push(task);
    else {
      this.waiting.set(owner, [task]);
      this.turns.push(owner);
    }
    this.pump();
  }

  /** Forgets an owner's waiting calls (its connection closed); running ones finish. */
  drop(owner: Owner): void {
    if (!this.waiting.delete(owner)) return;
    this.turns = this.turns.filter((o) => o !== owner);
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const turn = this.turns.findIndex((o) => (this.runningBy.get(o) ?? 0) < this.perOwner);
      if (turn === -1) return;
      const [owner] = this.turns.splice(turn, 1);
      const queue = this.waiting.get(owner)!;
      const task = queue.shift()!;
      if (queue.length > 0) this.turns.push(owner);
      else this.waiting.delete(owner);
      this.running++;
      this.runningBy.set(owner, (this.runningBy.get(owner) ?? 0) + 1);
      void task().finally(() => {
        this.running--;
        const left = this.runningBy.get(owner)! - 1;
        if (left === 0) this.runningBy.delete(owner);
        else this.runningBy.set(owner, left);
        this.pump();
      });
    }
  }
}
