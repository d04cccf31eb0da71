import type { Locator, Page } from '@playwright/test';

/** What a trader types into the account form; blank fields are left as they are. */
export interface AccountEntry {
  name: string;
  venue?: 'paradex' | 'dydx' | 'hyperliquid';
  address: string;
  markets: string;
  privateKey?: string;
  restUrl?: string;
  wsUrl?: string;
}

/** Settings › Venue accounts, by what a trader sees on it. */
export class VenueAccountsPage {
  readonly panel: Locator;
  readonly form: Locator;
  readonly rows: Locator;
  readonly secretsNote: Locator;
  readonly privateKey: Locator;
  readonly formOutcome: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('venue-accounts-panel');
    this.form = page.getByTestId('account-form');
    this.rows = page.getByTestId('venue-account-row');
    this.secretsNote = this.form.getByTestId('secrets-note');
    this.privateKey = this.form.getByLabel('Private key', { exact: true });
    this.formOutcome = this.form.getByTestId('account-form-outcome');
    this.message = this.panel.getByTestId('venue-message');
  }

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: /^Settings/ }).click();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('cell', { name, exact: false }) });
  }

  async add(entry: AccountEntry): Promise<void> {
    await this.form.getByLabel('Venue', { exact: true }).selectOption(entry.venue ?? 'paradex');
    await this.form.getByLabel('Name', { exact: true }).fill(entry.name);
    await this.form.getByLabel('Address', { exact: true }).fill(entry.address);
    await this.form.getByLabel('Markets', { exact: true }).fill(entry.markets);
    // The endpoints fold out on a click; a form kept from a refused save may have them out already.
    const folded = await this.form.locator('details.endpoints').evaluate((d) => !(d as HTMLDetailsElement).open);
    if ((entry.restUrl || entry.wsUrl) && folded) await this.form.getByText('Advanced: endpoints').click();
    if (entry.restUrl) await this.form.getByLabel('REST URL', { exact: true }).fill(entry.restUrl);
    if (entry.wsUrl) await this.form.getByLabel('WebSocket URL', { exact: true }).fill(entry.wsUrl);
    if (entry.privateKey) await this.privateKey.fill(entry.privateKey);
    await this.form.getByRole('button', { name: 'Add account' }).click();
  }

  /** Removes an account, answering the confirmation as `confirm` says; resolves with the question asked. */
  async remove(name: string, confirm: boolean): Promise<string> {
    const asked = this.page.waitForEvent('dialog').then(async (dialog) => {
      const question = dialog.message();
      await (confirm ? dialog.accept() : dialog.dismiss());
      return question;
    });
    await this.panel.getByRole('button', { name: `Remove ${name}`, exact: true }).click();
    return asked;
  }

  async use(name: string): Promise<void> {
    await this.panel.getByRole('button', { name: `Use ${name}`, exact: true }).click();
  }

  async useSimulator(): Promise<void> {
    await this.panel.getByRole('button', { name: 'Use simulator' }).click();
  }
}
