/**
 * A Paradex key is held only once Paradex accepted it: before it is saved, Blackbox signs in
 * with it once (POST /auth, as the adapter will). A key Paradex refuses is not saved, and neither
 * is one that could not be checked because Paradex could not be reached — the trader is told
 * which, in our words for our side of the link.
 */
import { DomainError } from '../api/dispatch';
import { systemClock, type Clock } from '../clock';
import { classifyLinkFailure } from '../venues/link-problem';
import { endpointsFor } from '../venues/networks';
import { StarknetAuthenticator } from '../venues/paradex/starknet-auth';
import type { SaveVenueAccountParams } from '../settings/venue-account-book';

const CHECK_TIMEOUT_MS = 10_000;

export async function checkParadexKey({ account, privateKey }: SaveVenueAccountParams, clock: Clock = systemClock): Promise<void> {
  if (account.venue !== 'paradex' || !privateKey) return;
  const { restUrl } = endpointsFor(account.venue, account.network, account);
  const auth = new StarknetAuthenticator({ restUrl, clock, timeoutMs: CHECK_TIMEOUT_MS, account: account.address, privateKey, subkey: account.subkey });
  const answer = await auth.getJwt();
  if (answer.ok) return;
  const ours = classifyLinkFailure(answer.reason);
  if (ours) throw new DomainError('KEY_NOT_CHECKED', `Blackbox could not reach Paradex to check the key (${ours.summary}); the key was not saved.`);
  throw new DomainError('KEY_REJECTED', `Paradex did not accept this key for ${account.address}: ${answer.reason}. The key was not saved.`);
}
