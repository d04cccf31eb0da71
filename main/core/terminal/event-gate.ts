/**
 * Where venue and reference events enter the terminal. Live, they apply at once. In a replay
 * they wait in one queue per channel and apply together at each settled instant, channel by
 * channel in a fixed order, so the journal's order does not depend on which socket the
 * operating system happened to read first.
 */
export interface EventGate {
  deliver(channel: string, apply: () => void): void;
}

export const immediateGate: EventGate = { deliver: (_channel, apply) => apply() };

export class SettlingGate implements EventGate {
  private queue: { channel: string; order: number; apply: () => void }[] = [];
  private arrived = 0;

  deliver(channel: string, apply: () => void): void {
    this.queue.push({ channel, order: this.arrived++, apply });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Applies everything queued, channel by channel; within a channel, in arrival order. */
  flush(): void {
    const batch = this.queue.sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.order - b.order));
    this.queue = [];
    for (const entry of batch) entry.apply();
  }
}
