import { createServer } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { systemClock } from '../clock';
import type { VenueEvent } from './port';
import { StreamLink } from './stream-link';

/** A loopback port nothing listens on: every attempt is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('StreamLink.retryNow', () => {
  it('starts the waiting attempt at once instead of after its backoff, and says when none is waiting', async () => {
    const downs: Extract<VenueEvent, { kind: 'connection' }>[] = [];
    const link = new StreamLink({
      url: `ws://127.0.0.1:${await closedPort()}`, clock: systemClock, backoff: { initialMs: 60_000, maxMs: 60_000, factor: 1 },
      handshakeTimeoutMs: 5_000, idleTimeoutMs: null, greeting: () => ({ ok: true, stages: [] }), read: () => ({ events: [], ack: false }),
      emit: (event) => event.kind === 'connection' && downs.push(event),
    });
    expect(link.retryNow()).toBe(false);
    await link.start();
    expect(downs).toEqual([expect.objectContaining({ state: 'down', attempt: 1, retryInMs: 60_000, reason: expect.stringContaining('ECONNREFUSED') })]);
    expect(link.retryNow()).toBe(true);
    await vi.waitFor(() => expect(downs.map((d) => d.attempt)).toEqual([1, 2]), { timeout: 5_000 });
    await link.stop();
    expect(link.retryNow()).toBe(false);
  });
});
