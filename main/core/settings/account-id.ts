/**
 * The journal's name for a trading account (DESIGN §6): venue, network and address, so that two
 * accounts never share a record and the same account is the same name after every restart.
 */
import type { VenueAccount } from '../../../shared/venue-accounts';

export function accountIdOf(account: Pick<VenueAccount, 'venue' | 'network' | 'address' | 'subaccount'>): string {
  const address = account.venue === 'dydx' ? `${account.address}/${account.subaccount}` : account.address.toLowerCase();
  return `${account.venue}:${account.network}:${address}`;
}

/** A simulator's account: local, named. */
export function simulatorAccountId(name: string): string {
  return `sim:local:${name}`;
}
