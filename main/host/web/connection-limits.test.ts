import { describe, expect, it } from 'vitest';
import { ConnectionLimits, LIMITS } from './connection-limits';

describe('per-connection limits', () => {
  it('admits a burst, then refuses with RATE_LIMITED until time refills the bucket', () => {
    let now = 0;
    const limits = new ConnectionLimits(() => now, { ...LIMITS, maxInFlight: 10_000 });
    for (let i = 0; i < LIMITS.burst; i++) expect(limits.admit()).toBeNull();
    expect(limits.admit()).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining(`${LIMITS.callsPerSecond} calls a second`) });
    now += 1000 / LIMITS.callsPerSecond;
    expect(limits.admit()).toBeNull();
    expect(limits.admit()?.code).toBe('RATE_LIMITED');
  });

  it('refuses a call while the connection already has the most calls waiting, and admits again once one is answered', () => {
    const limits = new ConnectionLimits(() => 0);
    for (let i = 0; i < LIMITS.maxInFlight; i++) expect(limits.admit()).toBeNull();
    expect(limits.admit()?.code).toBe('TOO_MANY_IN_FLIGHT');
    limits.done();
    expect(limits.admit()).toBeNull();
  });

  it('tells to close a connection only after more refusals in one second than any page would cause', () => {
    let now = 0;
    const limits = new ConnectionLimits(() => now);
    for (let i = 0; i < LIMITS.maxRefusalsPerSecond; i++) expect(limits.refusedTooOften()).toBe(false);
    expect(limits.refusedTooOften()).toBe(true);
    now += 1000;
    expect(limits.refusedTooOften()).toBe(false);
  });
});
