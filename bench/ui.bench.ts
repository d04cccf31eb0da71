/// <reference lib="dom" />
/**
 * UI benchmarks in Debian's Chromium against the web host: time to the first drawn chart, and
 * frame times while the host streams 1,000 price ticks per second through the same event path
 * real ticks take (terminal → web host → WebSocket → chart model), with candles, the band, two
 * order lines and a fill marker drawn.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { CoreEventListener, CoreService } from '../main/core/api/core-service';
import { confSettings } from '../main/core/settings/conf-settings';
import { startBlackbox } from '../main/core/terminal/start-terminal';
import { startWebHost } from '../main/host/web/web-host';
import type { BenchSuite } from './suite';
import { percentile } from './stats';

const TICKS_PER_S = 1_000;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The terminal's own events plus a synthetic tick stream, delivered through one subscription. */
function withFirehose(service: CoreService): CoreService & { fire(market: string, at: number, price: string): void } {
  const listeners = new Set<CoreEventListener>();
  const unsubscribe = service.subscribe((event, payload) => listeners.forEach((l) => l(event, payload)));
  return {
    handlers: service.handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      unsubscribe();
      await service.close();
    },
    fire(market, at, price) {
      listeners.forEach((l) => l('price', { market, at, mark: price, reference: price }));
    },
  };
}

/** The independent reference main reports for a market, once it has a quorum. */
async function waitForReference(service: CoreService, market: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const preview = await service.handlers.previewOrder({ market, side: 'BUY', type: 'MARKET', size: '0.001', sizeUnit: 'base', postOnly: false, reduceOnly: false });
    if (preview.reference) return Number(preview.reference);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no independent reference for ${market} after 20 s`);
}

export const uiBench: BenchSuite = {
  name: 'ui',
  async run({ quick }) {
    const dataDir = mkdtempSync(join(tmpdir(), 'bb-bench-ui-'));
    const started = performance.now();
    const terminal = withFirehose(await startBlackbox({ dataDir, settings: confSettings(dataDir), scenarioDir: join(import.meta.dirname, '..', 'scenarios') }));
    const host = await startWebHost({ service: terminal, staticDir: join(import.meta.dirname, '..', 'out', 'renderer'), reviewFolders: [dataDir] });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(host.url);
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-ticks-drawn') ?? 0) > 0, undefined, { timeout: 30_000 });
      const firstChartPaint = performance.now() - started;

      const cdp = await page.context().newCDPSession(page);
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      };
      const market = await page.getByTestId('price-chart').getAttribute('data-market');
      // Drawn as a trader sees it: candles and band, two resting orders as price lines, a fill marker.
      const reference = await waitForReference(terminal, market!);
      for (const factor of ['0.99', '1.01']) {
        const side = factor === '0.99' ? 'BUY' : 'SELL';
        await terminal.handlers.placeOrder({ market: market!, side, type: 'LIMIT', size: '0.001', sizeUnit: 'base', price: (reference * Number(factor)).toFixed(1), postOnly: false, reduceOnly: false });
      }
      await terminal.handlers.placeOrder({ market: market!, side: 'BUY', type: 'MARKET', size: '0.001', sizeUnit: 'base', postOnly: false, reduceOnly: false });
      const chart = page.getByTestId('price-chart');
      const drawn = (key: string) => chart.getAttribute(`data-${key}`).then(Number);
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="price-chart"]');
        return Number(el?.getAttribute('data-order-lines')) >= 2 && Number(el?.getAttribute('data-fill-markers')) >= 1 && Number(el?.getAttribute('data-band-points')) >= 1;
      }, undefined, { timeout: 30_000 });
      const heapBefore = await heap();

      const seconds = quick ? 3 : 10;
      // A string, not a function: tsx's helpers (e.g. __name) do not exist inside the page.
      await page.evaluate(`(() => {
        window.frameGaps = [];
        let last = performance.now();
        const loop = (now) => {
          window.frameGaps.push(now - last);
          last = now;
          requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
      })()`);
      let price = 95_000_00; // in cents, to keep the synthetic walk exact
      let ticks = 0;
      const begin = Date.now();
      const end = begin + seconds * 1000;
      let heapMid: number | null = null;
      while (Date.now() < end) {
        // The heap at half time too: start-up allocations then settle, so growth shows as mid → end.
        if (heapMid === null && Date.now() - begin >= (seconds * 1000) / 2) heapMid = await heap();
        // Send whatever the 1,000/s schedule says is due by now, whatever the timer's granularity.
        const due = Math.floor(((Date.now() - begin) * TICKS_PER_S) / 1000);
        for (; ticks < due; ticks++) {
          price += ((ticks * 7919) % 11) - 5;
          terminal.fire(market!, Date.now(), (price / 100).toFixed(2));
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const gaps = await page.evaluate(() => (window as unknown as { frameGaps: number[] }).frameGaps.slice(1));
      const heapAfter = await heap();
      return {
        'ui.first_chart_paint_ms': Math.round(firstChartPaint),
        'ui.frame_p95_ms_at_1000_ticks_per_s': Number(percentile(gaps, 0.95).toFixed(2)),
        'ui.frames_sampled': gaps.length,
        // At 60 Hz a frame is ~16.7 ms; a dropped frame shows as a gap of ~33 ms or more.
        'ui.frames_dropped_ratio': Number((gaps.filter((g) => g > 25).length / gaps.length).toFixed(4)),
        'ui.ticks_sent_per_s': Math.round(ticks / seconds),
        'ui.chart_candles': await drawn('candles'),
        'ui.chart_order_lines': await drawn('order-lines'),
        'ui.chart_markers': (await drawn('fill-markers')) + (await drawn('incident-markers')),
        'ui.heap_before_bytes': heapBefore,
        'ui.heap_after_bytes': heapAfter,
        'ui.heap_mid_bytes': heapMid ?? heapAfter,
        'ui.heap_growth_ratio': Number((heapAfter / heapBefore).toFixed(3)),
        'ui.heap_growth_second_half_ratio': Number((heapAfter / (heapMid ?? heapAfter)).toFixed(3)),
      };
    } finally {
      await browser.close();
      await host.close();
      await terminal.close();
    }
  },
};
