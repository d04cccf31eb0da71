import { expect, test } from './fixtures/host';
import { TradingPage } from './pages/trading-page';

const BTC = 'BTC-USD-PERP';
const ETH = 'ETH-USD-PERP';
const SCENARIO = 'paradex-2026-01-rollback';

test.describe.configure({ mode: 'serial' });

test('the chart draws candles of the venue mark, the reference and the band around it, and a legend under the crosshair', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.waitForLiveChart();
  await expect.poll(async () => Number(await t.chartData('candles')), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => Number(await t.chartData('band-points')), { timeout: 20_000 }).toBeGreaterThan(0);
  // Main's candles carry the band edges around the reference, in decimals.
  const history = await t.call('getChartHistory', { market: BTC, interval: '1m', limit: 10 });
  const last = history.candles[history.candles.length - 1];
  expect(Number(last.bandLow)).toBeLessThan(Number(last.reference));
  expect(Number(last.bandHigh)).toBeGreaterThan(Number(last.reference));
  expect(await t.chartHasInk()).toBe(true);
  const box = (await t.chart.boundingBox())!;
  await terminalPage.mouse.move(box.x + box.width - 120, box.y + box.height / 2);
  await expect(terminalPage.getByTestId('chart-legend')).toContainText(/UTC.*ref [\d,]+\.\d.*band [\d,]+\.\d – [\d,]+\.\d/);
  await t.screenshot('chart-live');
});

test('in a 600× replay, fills and the liquidation sit on their own bars after fast market switches, with no page error', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  const errors: string[] = [];
  terminalPage.on('pageerror', (e) => errors.push(e.message));
  await t.waitForLiveChart();
  await t.call('startReplay', { scenario: SCENARIO, speed: 600 });
  const bar = terminalPage.getByTestId('replay-bar');
  await expect(bar).toBeVisible();
  // Past the liquidation at 04:33 virtual (the scenario starts 04:00).
  await expect.poll(async () => (await t.call('getSnapshot', {})).session, { timeout: 60_000 }).toMatchObject({ virtualNow: expect.any(Number) });
  await expect.poll(async () => {
    const session = (await t.call('getSnapshot', {})).session;
    return session.kind === 'replay' ? session.virtualNow : 0;
  }, { timeout: 90_000 }).toBeGreaterThan(Date.UTC(2026, 0, 19, 4, 36));

  const market = terminalPage.getByLabel('Market', { exact: true });
  for (let i = 0; i < 6; i++) await market.selectOption(i % 2 ? BTC : ETH);
  await market.selectOption(BTC);
  await expect(t.chart).toHaveAttribute('data-market', BTC);

  const fills = (await t.call('queryJournal', { kind: 'FILL', market: BTC, limit: 100 })).events;
  expect(fills.length).toBeGreaterThan(1);
  const expected = Object.fromEntries(fills.map((f) => [`fill-${f.seq}`, Math.floor((f.venueAt ?? f.at) / 60_000) * 60]));
  await expect.poll(async () => JSON.parse((await t.chartData('marker-times')) ?? '{}'), { timeout: 20_000 }).toMatchObject(expected);
  const firstBar = Number(await t.chartData('first-bar'));
  // The later fills are not piled on the first bar: each is on the bar of its own minute.
  expect(Object.values(expected).filter((time) => time > firstBar).length).toBeGreaterThan(0);
  await t.screenshot('chart-replay-markers');
  expect(errors).toEqual([]);
});

test('the status bar and replay clock keep up at 600× (never more than a second behind main) and the end of the replay is shown', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.call('stopReplay', {});
  await t.call('startReplay', { scenario: 'venue-rollback', speed: 600 });
  const bar = terminalPage.getByTestId('replay-bar');
  await expect(bar).toBeVisible();
  const pageEvents = async () => Number((await t.journalHealth.textContent())!.match(/([\d,]+) events/)![1].replace(/,/g, ''));
  for (let i = 0; i < 4; i++) {
    const snapshot = await t.call('getSnapshot', {});
    if (snapshot.session.kind !== 'replay' || snapshot.session.ended) break;
    // What main had a second ago, the page shows by now.
    await terminalPage.waitForTimeout(1000);
    expect(await pageEvents()).toBeGreaterThanOrEqual(snapshot.journal.events);
  }
  await expect(bar).toContainText('ended', { timeout: 120_000 });
  await t.screenshot('replay-ended');
  await t.call('stopReplay', {});
});
