/**
 * Which venue account the live terminal runs on, and moving it: the running terminal closes
 * (its journal with it: one writer seat), the next one opens the same journal on the chosen
 * account. Moves are taken one at a time; if an account cannot start, the simulator runs in its
 * place and the trader is told why.
 */
import type { VenueSettingsView } from '../../../shared/venue-accounts';
import { DomainError } from '../api/dispatch';
import type { SettingsStore } from '../settings/settings';
import { accountLabel } from '../venues/account-adapter';
import { missingKeyNotice, startFailedNotice, type LiveAccount, type SaveVenueAccountParams, type VenueAccountBook } from '../settings/venue-account-book';
import { checkParadexKey } from './paradex-key-check';
import type { Terminal } from './terminal';

export interface VenueSwitchingOptions {
  live: Terminal;
  settings: SettingsStore;
  accounts: VenueAccountBook;
  start: (account: LiveAccount | null) => Promise<Terminal>;
  notice: string | null;
  /** A new live terminal is running. */
  onSwitched: (terminal: Terminal) => void;
}

export class VenueSwitching {
  private terminal: Terminal;
  private switching = false;
  private running: string | null;
  private notice: string | null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: VenueSwitchingOptions) {
    this.terminal = options.live;
    this.notice = options.notice;
    this.running = options.notice === null ? options.settings.get('activeAccount') : null;
  }

  /** The live terminal, also while it is being replaced. */
  get live(): Terminal {
    return this.terminal;
  }

  /** The live terminal when it can take calls; null in the middle of a move. */
  get ready(): Terminal | null {
    return this.switching ? null : this.terminal;
  }

  view(): VenueSettingsView {
    const { accounts } = this.options;
    return { accounts: accounts.views(), active: this.running, secrets: accounts.protection, notice: this.notice };
  }

  /** Saves an account (a new Paradex key only once Paradex accepted it); the running one restarts so the change takes effect at once. */
  async save(params: SaveVenueAccountParams): Promise<VenueSettingsView> {
    await checkParadexKey(params);
    const saved = this.options.accounts.save(params);
    return saved.id === this.running ? this.use(saved.id) : this.view();
  }

  remove(id: string): VenueSettingsView {
    if (id === this.running) throw new DomainError('IN_USE', 'The terminal runs on this account: use another account or the simulator first.');
    this.options.accounts.remove(id);
    if (this.options.settings.get('activeAccount') === id) this.options.settings.set('activeAccount', null);
    return this.view();
  }

  use(id: string | null): Promise<VenueSettingsView> {
    const move = this.queue.then(() => this.move(id));
    this.queue = move.catch(() => {});
    return move;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.terminal.close();
  }

  private async move(id: string | null): Promise<VenueSettingsView> {
    const { accounts, settings, start } = this.options;
    const account = id === null ? null : accounts.get(id);
    if (account === undefined) throw new DomainError('NOT_FOUND', `No venue account ${id}.`);
    const live = account && accounts.liveAccount(account);
    if (account && !live) throw new DomainError('KEY_REQUIRED', missingKeyNotice(account.label));
    this.switching = true;
    try {
      await this.terminal.close();
      try {
        this.terminal = await start(live);
      } catch (error) {
        if (account === null) throw error;
        this.terminal = await start(null);
        this.running = null;
        this.notice = startFailedNotice(accountLabel(account), error);
        throw new DomainError('VENUE_START_FAILED', this.notice);
      }
      this.running = id;
      this.notice = null;
      settings.set('activeAccount', id);
    } finally {
      this.switching = false;
      this.options.onSwitched(this.terminal);
    }
    return this.view();
  }
}
