import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../shared/incidents';
import { bannerFor } from './banner-text';

const at = Date.UTC(2026, 0, 5, 21, 40, 10);
const venue = { name: 'sim', account: 'Simulator', watchOnly: false, status: 'halted' as const, since: at, connection: 'connected' as const };
const stall: IncidentView = {
  id: 'I1', kind: 'HEIGHT_STALL', market: null, openedAt: at, detectedAt: at, closedAt: null, clientIds: [], evidence: [3], reversedBy: null,
  findings: [{ kind: 'HEIGHT_STALL', market: null, clientIds: [], at, detectedAt: at, evidence: [3], summary: 'no new block since height 120 for 10 s while the venue reports ok', detail: {} }],
};

describe('bannerFor', () => {
  it('shows nothing while the venue is ok', () => {
    expect(bannerFor({ ...venue, status: 'ok' }, [stall])).toBeNull();
  });
  it('names an inferred halt, since when, in the stall’s own words', () => {
    expect(bannerFor(venue, [stall])).toEqual({
      status: 'halted', severity: 'critical',
      text: 'Venue halted since 21:40:10 UTC — the chain has produced no new block since height 120 for 10 s while the venue reports ok',
    });
  });
  it('says why without a stall incident, and colours venue-announced modes by how much they block', () => {
    expect(bannerFor(venue, [])?.text).toBe('Venue halted since 21:40:10 UTC — the chain has produced no new block while the venue reports ok');
    expect(bannerFor({ ...venue, status: 'post_only', since: null }, [])).toMatchObject({ severity: 'warning', text: 'Venue post-only — the venue accepts post-only orders only' });
    expect(bannerFor({ ...venue, status: 'degraded', connection: 'disconnected' }, [])?.text).toMatch(/connection to the venue is disconnected$/);
  });
});

describe('bannerFor, link down on our side', () => {
  it('says we cannot reach the venue and names the failure, not a venue mode', () => {
    const link = { problem: 'dns' as const, summary: 'DNS lookup failed for api.nowhere.invalid', detail: 'getaddrinfo ENOTFOUND api.nowhere.invalid', attempt: 2, nextRetryAt: at + 4000 };
    const banner = bannerFor({ ...venue, status: 'degraded', connection: 'disconnected' }, [], link);
    expect(banner).toMatchObject({ status: 'unreachable', severity: 'critical' });
    expect(banner!.text).toBe('Cannot reach the venue since 21:40:10 UTC — DNS lookup failed for api.nowhere.invalid. This is on our side of the link, not a venue status.');
    expect(bannerFor({ ...venue, status: 'degraded', connection: 'disconnected' }, [], { ...link, problem: null })?.status).toBe('degraded');
  });
});
