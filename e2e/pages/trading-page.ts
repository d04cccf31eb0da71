import { expect, type Locator, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page';

/** The trading surfaces: account summary and positions, open orders, the ticket, the chart's data. */
export class TradingPage extends TerminalPage {
  readonly summary: Locator;
  readonly positions: Locator;
  readonly submit: Locator;
  readonly blockedReason: Locator;

  constructor(page: Page) {
    super(page);
    this.summary = page.getByTestId('account-summary');
    this.positions = page.getByTestId('position-row');
    this.submit = this.ticket.getByTestId('submit-order');
    this.blockedReason = this.ticket.getByTestId('blocked-reason');
  }

  position(market: string): Locator {
    return this.page.locator(`[data-testid="position-row"][data-market="${market}"]`);
  }

  /** Presses a button that asks once, then its confirmation. */
  async confirm(button: Locator, confirmName: string | RegExp): Promise<void> {
    await button.click();
    await this.page.getByRole('alertdialog').getByRole('button', { name: confirmName }).click();
  }

  /** Opens a position through main (the ticket's own path is tested elsewhere) and waits for the venue to report it. */
  async openPosition(market: string, side: 'BUY' | 'SELL', size: string): Promise<void> {
    const outcome = await this.call('placeOrder', { market, side, type: 'MARKET', size });
    expect(outcome.outcome).toBe('confirmed');
    await expect(this.position(market)).toBeVisible({ timeout: 15_000 });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `.reports/issue16/${name}.png` });
  }

  async chartData(key: string): Promise<string | null> {
    return this.chart.getAttribute(`data-${key}`);
  }
}
