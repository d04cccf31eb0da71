/**
 * `blackbox watch`: records what a venue says about an address into a journal, through the same
 * VenueRecorder the terminal uses. `--once` takes one snapshot and exits; otherwise the stream
 * and pollers run until Ctrl+C, one line per event.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NETWORKS, type Network } from '../../../../shared/venue-accounts';
import { Anchorer } from '../../../core/anchor/anchorer';
import { tsaUrlsFor } from '../../../core/anchor/tsa-config';
import { systemClock } from '../../../core/clock';
import { Journal } from '../../../core/journal/journal';
import { accountIdOf } from '../../../core/settings/account-id';
import { journalPorts } from '../../../core/terminal/journal-ports';
import { VenueRecorder } from '../../../core/terminal/venue-recorder';
import { Periodic } from '../../../core/venues/periodic';
import type { VenueEvent } from '../../../core/venues/port';
import { parseArgs } from '../args';
import { UsageError, type Command } from '../command';
import { defaultDataDir } from '../paths';
import { tsaFlags } from '../tsa-flags';
import { describeSnapshot, takeSnapshot } from './watch-snapshot';
import { buildWatch, checkAddress, WATCH_VENUES, type WatchTarget, type WatchVenue, type Watched } from './watch-venues';

const USAGE =
  'blackbox watch --venue paradex|dydx|hyperliquid --address A [--network mainnet|testnet] [--subaccount N] [--markets M1,M2] [--rest-url URL --ws-url URL] [--once] [--json] [--journal PATH] [--tsa URL]...';
/** Public Paradex polling when there is no stream (no credentials). */
const PUBLIC_POLL_MS = 2_000;

function readTarget(args: string[]): WatchTarget & { once: boolean; json: boolean; journal: string; tsaUrls: string[] } {
  const { positionals, values, switches, lists } = parseArgs(args, {
    values: ['venue', 'address', 'network', 'subaccount', 'markets', 'rest-url', 'ws-url', 'journal'],
    switches: ['once', 'json'],
    repeated: ['tsa'],
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const venue = values.venue as WatchVenue | undefined;
  if (!venue || !WATCH_VENUES.includes(venue)) throw new UsageError(`--venue must be one of ${WATCH_VENUES.join(', ')}`);
  if (!values.address) throw new UsageError('--address is required');
  checkAddress(venue, values.address);
  const network = (values.network ?? 'mainnet') as Network;
  if (!NETWORKS.includes(network)) throw new UsageError(`--network must be one of ${NETWORKS.join(', ')}`);
  const subaccount = values.subaccount === undefined ? 0 : Number(values.subaccount);
  if (!Number.isInteger(subaccount) || subaccount < 0 || subaccount > 128_000) throw new UsageError(`--subaccount must be an integer 0-128000, got ${values.subaccount}`);
  if (values.subaccount !== undefined && venue !== 'dydx') throw new UsageError('--subaccount applies to dydx only');
  for (const flag of ['rest-url', 'ws-url']) if (values[flag] !== undefined) checkUrl(flag, values[flag]);
  return {
    venue,
    address: values.address,
    network,
    subaccount,
    markets: values.markets ? values.markets.split(',').filter(Boolean) : [],
    restUrl: values['rest-url']?.replace(/\/$/, ''),
    wsUrl: values['ws-url'],
    once: switches.has('once'),
    json: switches.has('json'),
    journal: values.journal ?? join(defaultDataDir(), `journal-${venue}.db`),
    // Watching anchors only with TSAs named for it (--tsa, else BLACKBOX_TSA_URLS).
    tsaUrls: lists.tsa ? tsaFlags(lists.tsa) : tsaUrlsFor({ env: process.env.BLACKBOX_TSA_URLS, realAccount: false }),
  };
}

function checkUrl(flag: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${flag} ${value} is not a URL`);
  }
  const allowed = flag === 'ws-url' ? ['ws:', 'wss:'] : ['http:', 'https:'];
  if (!allowed.includes(url.protocol)) throw new UsageError(`--${flag} must start with ${allowed.map((p) => `${p}//`).join(' or ')}`);
}

function eventLine(event: VenueEvent, json: boolean): string {
  const { raw: _raw, ...rest } = event;
  if (json) return JSON.stringify(rest);
  const detail = Object.entries(rest).filter(([key]) => !['kind', 'at', 'venueAt'].includes(key)).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return `${new Date(event.at).toISOString()}  ${event.kind.padEnd(12)} ${detail.join(' ')}`;
}

export const watchCommand: Command = {
  name: 'watch',
  summary: 'record a venue account (paradex, dydx, hyperliquid) into a journal; --once --json prints one snapshot',
  usage: USAGE,
  async run(args) {
    const target = readTarget(args);
    mkdirSync(dirname(target.journal), { recursive: true });
    const journal = Journal.open(target.journal, { clock: systemClock });
    const health = journal.health();
    if (health.state !== 'ok') {
      journal.close();
      throw new Error(`cannot record: ${health.message}`);
    }
    const watched = buildWatch(target, process.env);
    // Every record belongs to the watched account (DESIGN §2.9), named as the app names it.
    const account = accountIdOf({ venue: target.venue, network: target.network, address: target.address, subaccount: target.subaccount });
    const recorder = new VenueRecorder(journalPorts(journal, account), target.venue);
    // The head is time-stamped every 10 minutes while it moves, and once more when watching ends.
    const anchorer = new Anchorer({ journal, account, clock: systemClock, tsaUrls: target.tsaUrls });
    anchorer.start();
    try {
      return target.once ? await once(watched, recorder, target.json) : await follow(watched, recorder, target.json, target.journal);
    } finally {
      anchorer.anchorNow();
      await anchorer.settled();
      anchorer.stop();
      await watched.adapter.close();
      journal.flush();
      journal.close();
    }
  },
};

async function once(watched: Watched, recorder: VenueRecorder, json: boolean): Promise<number> {
  const unsubscribe = watched.adapter.subscribe((event) => recorder.record(event));
  const snapshot = await takeSnapshot(watched, () => systemClock.now(), (event) => recorder.record(event));
  unsubscribe();
  process.stdout.write((json ? JSON.stringify(snapshot, null, 2) : describeSnapshot(snapshot)) + '\n');
  return Object.keys(snapshot.errors).length === 0 ? 0 : 1;
}

async function follow(watched: Watched, recorder: VenueRecorder, json: boolean, journalPath: string): Promise<number> {
  const { adapter } = watched;
  const print = (event: VenueEvent) => {
    recorder.record(event);
    process.stdout.write(eventLine(event, json) + '\n');
  };
  adapter.subscribe(print);
  if (!json) {
    process.stdout.write(`Watching ${adapter.venue}; recording to ${journalPath}. Press Ctrl+C to stop.\n`);
    for (const [what, why] of Object.entries(watched.unavailable)) process.stdout.write(`  unavailable ${what}: ${why}\n`);
  }
  const poller = watched.streams ? null : new Periodic(systemClock, PUBLIC_POLL_MS, () => pollPublic(watched, print));
  if (poller) poller.start();
  else await adapter.connect();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  poller?.stop();
  return 0;
}

/** What Paradex tells anyone: its mode and its prices. */
async function pollPublic(watched: Watched, emit: (event: VenueEvent) => void): Promise<void> {
  const [status, prices] = await Promise.all([watched.adapter.systemState(), watched.adapter.prices()]);
  const at = systemClock.now();
  for (const [source, result] of [['system_state', status], ['rest', prices]] as const) {
    if (!result.ok && result.error.kind !== 'malformed') emit({ kind: 'venue_error', source, reason: result.error.message, raw: result.error.raw, at, venueAt: null });
  }
  if (status.ok) emit({ kind: 'status', status: status.value, raw: status.raw[0] ?? '', at, venueAt: null });
  if (prices.ok) for (const price of prices.value) emit({ kind: 'price', price, raw: prices.raw[0] ?? '', at, venueAt: null });
}
