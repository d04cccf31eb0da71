import { expect, type Locator, type Page } from '@playwright/test';

/** The terminal's main screen, by what a trader sees on it. */
export class TerminalPage {
  readonly statusBar: Locator;
  readonly venueMode: Locator;
  readonly journalHealth: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar');
    this.venueMode = page.getByTestId('venue-mode');
    this.journalHealth = page.getByTestId('journal-health');
    this.chart = page.getByTestId('price-chart');
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
