import { expect, type Locator, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodResults } from '../../shared/contract';
import type { Result } from '../../shared/result';

/** The terminal's main screen, by what a trader sees on it. */
export class TerminalPage {
  readonly statusBar: Locator;
  readonly venueMode: Locator;
  /** The account the terminal runs on, in words ("Simulator", "Main · Paradex mainnet"). */
  readonly venueAccount: Locator;
  readonly watchOnly: Locator;
  readonly journalHealth: Locator;
  readonly chart: Locator;
  readonly banner: Locator;
  readonly ticket: Locator;

  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar');
    this.venueMode = page.getByTestId('venue-mode');
    this.venueAccount = page.getByTestId('venue-account');
    this.watchOnly = page.getByTestId('watch-only');
    this.journalHealth = page.getByTestId('journal-health');
    this.chart = page.getByTestId('price-chart');
    this.banner = page.getByTestId('status-banner');
    this.ticket = page.getByTestId('order-ticket');
  }

  tab(title: string): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${title}`) });
  }

  /**
   * Calls a contract method the way the page does: through window.blackbox in Electron, else
   * over the web host's WebSocket with the page's token. For facts a spec checks beside the UI.
   */
  async call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<MethodResults[M]> {
    const result = await this.page.evaluate(
      async ({ method, params }) => {
        const bridge = (window as unknown as { blackbox?: Record<string, (p: unknown) => Promise<unknown>> }).blackbox;
        if (bridge) return bridge[method](params);
        const token = new URLSearchParams(window.location.search).get('token') ?? '';
        const socket = new WebSocket(`ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
        await new Promise((resolve, reject) => {
          socket.onopen = resolve;
          socket.onerror = reject;
        });
        return new Promise((resolve) => {
          socket.onmessage = (message) => {
            const data = JSON.parse(String(message.data));
            if (data.id !== 1) return;
            socket.close();
            resolve(data.result);
          };
          socket.send(JSON.stringify({ id: 1, method, params }));
        });
      },
      { method, params: params as unknown },
    );
    const answer = result as Result<MethodResults[M]>;
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code} ${answer.error.message}`);
    return answer.value;
  }

  /** The independent reference main reports for a market, as a number for building test prices. */
  async reference(market: string): Promise<number> {
    let price: string | null = null;
    await expect
      .poll(async () => (price = (await this.call('previewOrder', { market, side: 'BUY', type: 'MARKET', size: '0.001' })).reference), { timeout: 20_000 })
      .not.toBeNull();
    return Number(price);
  }

  async ticksDrawn(): Promise<number> {
    return Number((await this.chart.getAttribute('data-ticks-drawn')) ?? '0');
  }

  /** True once the chart's canvas has pixels that differ from its background. */
  async chartHasInk(): Promise<boolean> {
    return this.chart.evaluate((root) => {
      for (const canvas of root.querySelectorAll('canvas')) {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0 || canvas.height === 0) continue;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 4; i < data.length; i += 4) {
          if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
        }
      }
      return false;
    });
  }

  async waitForLiveChart(): Promise<void> {
    await expect(this.chart).toBeVisible();
    await expect.poll(() => this.ticksDrawn(), { timeout: 20_000 }).toBeGreaterThan(0);
  }
}
