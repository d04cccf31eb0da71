/**
 * The trader's venue accounts: their fields in the settings file, their keys in the SecretStore.
 * Nothing read from here ever carries a key towards the renderer; `liveAccount` is for the signer only.
 */
import type { z } from 'zod';
import { TRADING_VENUES, type saveVenueAccountSchema, type SecretProtection, type VenueAccount, type VenueAccountView } from '../../../shared/venue-accounts';
import { DomainError } from '../api/dispatch';
import type { SecretStore } from './secret-store';
import type { SettingsStore } from './settings';

export type SaveVenueAccountParams = z.output<typeof saveVenueAccountSchema>;

/** A venue account and the key it trades with (null for one watched by address). */
export interface LiveAccount {
  account: VenueAccount;
  key: string | null;
}

export function startFailedNotice(label: string, error: unknown): string {
  return `${label} could not start: ${error instanceof Error ? error.message : String(error)}. The simulator runs meanwhile.`;
}

export function missingKeyNotice(label: string): string {
  return `Blackbox holds no key for ${label} any more (a key kept in memory is gone once Blackbox stops): enter it in Settings and use the account again. The simulator runs meanwhile.`;
}

export class VenueAccountBook {
  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
  ) {}

  list(): VenueAccount[] {
    return this.settings.get('venueAccounts');
  }

  get(id: string): VenueAccount | undefined {
    return this.list().find((a) => a.id === id);
  }

  /** What the terminal needs to run on `account`; null when a trading account has lost its key. */
  liveAccount(account: VenueAccount): LiveAccount | null {
    if (!TRADING_VENUES.includes(account.venue)) return { account, key: null };
    const key = this.secrets.read(account.id);
    return key === null ? null : { account, key };
  }

  get protection(): SecretProtection {
    return this.secrets.protection;
  }

  views(): VenueAccountView[] {
    return this.list().map((account) => {
      const trades = TRADING_VENUES.includes(account.venue);
      return { ...account, mode: trades ? 'trade' : 'watch', hasKey: trades && this.secrets.has(account.id) };
    });
  }

  /** Adds (no id) or replaces an account; a Paradex account must end up with a key. */
  save({ id, account, privateKey }: SaveVenueAccountParams): VenueAccount {
    const all = this.list();
    if (id !== undefined && !all.some((a) => a.id === id)) throw new DomainError('NOT_FOUND', `No venue account ${id}.`);
    const newId = id ?? `A${all.reduce((max, a) => Math.max(max, Number(a.id.slice(1))), 0) + 1}`;
    const trades = TRADING_VENUES.includes(account.venue);
    if (trades && privateKey === undefined && !this.secrets.has(newId)) {
      throw new DomainError('KEY_REQUIRED', `A ${account.venue} account trades with its Starknet private key (or a registered subkey's): enter it to save the account.`);
    }
    const saved: VenueAccount = { ...account, id: newId };
    this.settings.set('venueAccounts', id === undefined ? [...all, saved] : all.map((a) => (a.id === id ? saved : a)));
    if (!trades) this.secrets.remove(newId);
    else if (privateKey !== undefined) this.secrets.write(newId, privateKey);
    return saved;
  }

  remove(id: string): void {
    if (!this.get(id)) throw new DomainError('NOT_FOUND', `No venue account ${id}.`);
    this.settings.set('venueAccounts', this.list().filter((a) => a.id !== id));
    this.secrets.remove(id);
  }
}
