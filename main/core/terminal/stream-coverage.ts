/**
 * When this session's stream was connected. A venue fact that happened while it was up and never
 * arrived is an alarm (FILL_DISCOVERED); one that happened before the session, or while the link
 * was down, is a catch-up the journal itself explains (its CONNECTION records, or its silence).
 */
export class StreamCoverage {
  private readonly spans: { from: number; to: number | null }[] = [];

  up(at: number): void {
    const last = this.spans[this.spans.length - 1];
    if (last && last.to === null) return;
    this.spans.push({ from: at, to: null });
  }

  down(at: number): void {
    const last = this.spans[this.spans.length - 1];
    if (last && last.to === null) last.to = at;
  }

  covered(at: number): boolean {
    return this.spans.some((s) => at >= s.from && (s.to === null || at <= s.to));
  }
}
