/**
 * Runs calls from many connections in turns — one call per waiting connection per round — with a
 * bound on how many run at once, so a connection that sends thousands cannot starve another.
 */
export class FairQueue<Owner> {
  private readonly waiting = new Map<Owner, Array<() => Promise<void>>>();
  private turns: Owner[] = [];
  private running = 0;

  constructor(private readonly concurrency: number) {}

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
    while (this.running < this.concurrency && this.turns.length > 0) {
      const owner = this.turns.shift()!;
      const queue = this.waiting.get(owner)!;
      const task = queue.shift()!;
      if (queue.length > 0) this.turns.push(owner);
      else this.waiting.delete(owner);
      this.running++;
      void task().finally(() => {
        this.running--;
        this.pump();
      });
    }
  }
}
