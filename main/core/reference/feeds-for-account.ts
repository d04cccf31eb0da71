/** The public spot tickers an account chose as its independent reference, with its symbol overrides. */
import type { ReferenceSource, VenueAccount } from '../../../shared/venue-accounts';
import type { Clock } from '../clock';
import { BINANCE_URL, binanceFeed } from './binance';
import { COINBASE_URL, coinbaseFeed } from './coinbase';
import { KRAKEN_URL, krakenFeed } from './kraken';
import type { ReferenceFeed } from './sample';

const FEEDS = {
  coinbase: { make: coinbaseFeed, url: COINBASE_URL },
  kraken: { make: krakenFeed, url: KRAKEN_URL },
  binance: { make: binanceFeed, url: BINANCE_URL },
};

export function feedsForAccount(
  account: Pick<VenueAccount, 'sources' | 'symbols'>,
  clock: Clock,
  urls: Partial<Record<ReferenceSource, string>> = {},
): ReferenceFeed[] {
  return account.sources.map((source) => FEEDS[source].make({ baseUrl: urls[source] ?? FEEDS[source].url, clock, symbols: account.symbols[source] }));
}
