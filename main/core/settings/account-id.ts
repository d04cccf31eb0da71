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

/** Whose claim a bundle is: the account named in its parts, and why the records are that account's. */
export interface AccountOwner {
  id: string;
  venue: string;
  network: string;
  address: string;
  subaccount: string | null;
  /** In words: what ties the records to this address. */
  proof: string;
  /** The records that show it (e.g. orders signed with the account's key). */
  proofSeqs: number[];
}

const PROOF: Record<string, string> = {
  paradex: "Blackbox signed in to Paradex with this account's key and signed each order it sent; the ORDER_SENT records listed carry those signed requests",
  sim: 'a simulated account on the embedded simulator',
};
const WATCHED = "watched by address: every record was read from the venue's public API for this address; no key was involved";

/** "dydx:mainnet:dydx1…/0" → its parts; the proof sentence depends on the venue. */
export function accountOwner(id: string, proofSeqs: number[] = []): AccountOwner {
  const [venue = id, network = '', ...rest] = id.split(':');
  const [address = '', subaccount] = rest.join(':').split('/');
  return { id, venue, network, address, subaccount: subaccount ?? null, proof: PROOF[venue] ?? WATCHED, proofSeqs };
}
