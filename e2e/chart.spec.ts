import { expect, test } from './fixtures/host';
import { TradingPage } from './pages/trading-page';

const BTC = 'BTC-USD-PERP';
const ETH = 'ETH-USD-PERP';

test.describe.configure({ mode: 'serial' });

test('the chart draws candles of the venue mark, the reference and the band around it, and a legend under the crosshair', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.waitForLiveChart();
  // The account's figures are there from the start, not only after the first trade.
  await expect(t.summary.getByTestId('equity')).toHaveText(/^[\d,]+\.\d\d USDC$/);
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

test('fills sit on their own bars after fast market switches, with no page error', async ({ terminalPage }) => {
  test.setTimeout(180_000);
  const t = new TradingPage(terminalPage);
  const errors: string[] = [];
  terminalPage.on('pageerror', (e) => errors.push(e.message));
  await t.waitForLiveChart();
  await expect.poll(async () => Number(await t.chartData('first-bar')), { timeout: 20_000 }).toBeGreaterThan(0);
  const firstBar = Number(await t.chartData('first-bar'));
  // A fill in a later minute than the chart's first bar: a marker misplaced onto the first bar would show.
  await expect.poll(() => Date.now(), { timeout: 90_000, intervals: [1000] }).toBeGreaterThan((firstBar + 60) * 1000);
  await t.reference(BTC);
  await t.openPosition(BTC, 'BUY', '0.01');
  await t.openPosition(ETH, 'SELL', '0.1');

  const market = terminalPage.getByLabel('Market', { exact: true });
  for (let i = 0; i < 8; i++) await market.selectOption(i % 2 ? BTC : ETH);
  await expect(t.chart).toHaveAttribute('data-market', BTC);
  const fills = (await t.call('queryJournal', { kind: 'FILL', market: BTC, limit: 100 })).events;
  const expected = Object.fromEntries(fills.map((f) => [`fill-${f.seq}`, Math.floor((f.venueAt ?? f.at) / 60_000) * 60]));
  expect(Object.values(expected).some((time) => time > firstBar)).toBe(true);
  await expect.poll(async () => JSON.parse((await t.chartData('marker-times')) ?? '{}'), { timeout: 20_000 }).toMatchObject(expected);
  await t.screenshot('chart-markers-after-switch');
  await t.confirm(terminalPage.getByRole('button', { name: 'Close all', exact: true }), 'Close all positions');
  expect(errors).toEqual([]);
});

test('in a 600× replay the liquidation at the corrupted mark sits on its own bar, not on the first', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.waitForLiveChart();
  await t.call('startReplay', { scenario: 'venue-mark-override', speed: 600 });
  await expect(terminalPage.getByTestId('replay-bar')).toContainText('ended', { timeout: 120_000 });
  const fills = (await t.call('queryJournal', { kind: 'FILL', market: BTC, limit: 100 })).events;
  const liquidation = fills.find((f) => (f.payload as { fillType: string }).fillType === 'LIQUIDATION')!;
  expect(liquidation).toBeDefined();
  const bar = Math.floor((liquidation.venueAt ?? liquidation.at) / 60_000) * 60;
  await expect.poll(async () => JSON.parse((await t.chartData('marker-times')) ?? '{}')[`fill-${liquidation.seq}`], { timeout: 20_000 }).toBe(bar);
  expect(bar).toBeGreaterThan(Number(await t.chartData('first-bar')));
  await t.screenshot('chart-replay-liquidation');
  await t.call('stopReplay', {});
});

test('the status bar and replay clock keep up at 600× (never more than a second behind main) and the end of the replay is shown', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
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
