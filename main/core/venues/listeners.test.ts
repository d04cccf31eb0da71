import { describe, expect, it } from 'vitest';
import { Listeners } from './listeners';

describe('listeners', () => {
  it('logs one line when deliveries start failing and one with the count when they recover, not a line per event', () => {
    const lines: string[] = [];
    let now = 0;
    const listeners = new Listeners<number>((line) => lines.push(line), () => now);
    let down = false;
    const seen: number[] = [];
    listeners.add(() => {
      if (down) throw new Error('Recording stopped: the disk is full');
    });
    listeners.add((n) => seen.push(n));
    down = true;
    for (let i = 0; i < 1000; i++) listeners.emit(i);
    down = false;
    // A success right after a failure is not yet a recovery: failures that alternate stay one state.
    listeners.emit(1000);
    now += 5_000;
    listeners.emit(1001);
    expect(seen).toHaveLength(1002);
    expect(lines).toEqual([
      'event listener failed: Error: Recording stopped: the disk is full; further failures like it are counted, not logged',
      'event listeners recovered after 1000 failed deliveries (Error: Recording stopped: the disk is full)',
    ]);
  });

  it('logs again when the failure changes', () => {
    const lines: string[] = [];
    const listeners = new Listeners<string>((line) => lines.push(line));
    listeners.add((message) => {
      throw new Error(message);
    });
    listeners.emit('a');
    listeners.emit('a');
    listeners.emit('b');
    expect(lines).toEqual([
      'event listener failed: Error: a; further failures like it are counted, not logged',
      'event listeners: 2 deliveries failed with Error: a',
      'event listener failed: Error: b; further failures like it are counted, not logged',
    ]);
  });
});
