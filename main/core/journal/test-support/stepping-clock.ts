import type { Clock } from '../../clock';

/**
 * A wall clock that can be set anywhere, backwards included, as a real one can after an NTP
 * correction (VirtualClock never goes back). Its timers never fire: commit with flush().
 */
export class SteppingClock implements Clock {
  constructor(public time: number) {}

  now(): number {
    return this.time;
  }

  setTimer(): () => void {
    return () => {};
  }
}
