/**
 * Chain height as evidence (venue-apis.md §1.10): a height that goes down is a rollback; a
 * height that stops while the venue still says `ok` is a halt the venue does not admit.
 */
import type { Finding } from '../../../shared/incidents';

/** No new block for this long, across at least two readings, is a stall. */
export const STALL_MS = 8_000;

export interface HeightReading {
  height: number;
  at: number;
  seq: number;
}

export class HeightWatch {
  private highest: HeightReading | null = null;
  private lastChange: HeightReading | null = null;
  /** The first reading that showed no new block. */
  private firstStill: HeightReading | null = null;
  private stalled = false;

  /** Returns the findings this reading justifies, and whether a stall just ended. */
  observe(reading: HeightReading, venueSaysOk: boolean): { findings: Finding[]; stallEnded: boolean } {
    const findings: Finding[] = [];
    let stallEnded = false;
    const previous = this.highest;
    if (previous && reading.height < previous.height) {
      findings.push({
        kind: 'HEIGHT_REGRESSION', market: null, clientIds: [], at: reading.at, detectedAt: reading.at,
        evidence: [previous.seq, reading.seq],
        summary: `chain height went back from ${previous.height} to ${reading.height}`,
        detail: { from: previous.height, to: reading.height },
      });
    }
    if (!previous || reading.height !== this.lastChange?.height) {
      if (this.stalled) stallEnded = true;
      this.stalled = false;
      this.firstStill = null;
      this.lastChange = reading;
    } else {
      this.firstStill ??= reading;
      const still = reading.at - this.lastChange.at;
      if (!this.stalled && venueSaysOk && still >= STALL_MS && reading.seq !== this.firstStill.seq) {
        this.stalled = true;
        findings.push({
          kind: 'HEIGHT_STALL', market: null, clientIds: [], at: this.firstStill.at, detectedAt: reading.at,
          evidence: [this.lastChange.seq, this.firstStill.seq, reading.seq],
          summary: `no new block since height ${reading.height} for ${Math.round(still / 1000)} s while the venue reports ok`,
          detail: { height: reading.height, sinceMs: still },
        });
      }
    }
    if (!this.highest || reading.height >= this.highest.height || findings.some((f) => f.kind === 'HEIGHT_REGRESSION')) this.highest = reading;
    return { findings, stallEnded };
  }
}
