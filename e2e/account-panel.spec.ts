import { expect, test } from './fixtures/host';
import { TradingPage } from './pages/trading-page';

const BTC = 'BTC-USD-PERP';
const ETH = 'ETH-USD-PERP';
const MONEY = /^−?[\d,]+\.\d\d USDC$/;

test.describe.configure({ mode: 'serial' });

test('the account panel shows equity, leverage and each position’s liquidation prices; Close closes one position', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.reference(BTC);
  await t.openPosition(BTC, 'BUY', '0.5');
  await expect(t.summary.getByTestId('equity')).toHaveText(MONEY);
  await expect(t.summary.getByTestId('free-collateral')).toHaveText(MONEY);
  await expect(t.summary.getByTestId('leverage')).toHaveText(/^\d+\.\d\d×$/);
  const row = t.position(BTC);
  await expect(row.getByTestId('liq-venue')).toHaveText(/^[\d,]+\.\d$/);
  await expect(row.getByTestId('liq-reference')).toHaveText(/^[\d,]+\.\d$/);
  // Both liquidation prices sit below the entry of a long.
  const entry = Number((await row.locator('td').nth(2).textContent())!.replace(/,/g, ''));
  expect(Number((await row.getByTestId('liq-reference').textContent())!.replace(/,/g, ''))).toBeLessThan(entry);
  await t.screenshot('account-panel');

  await t.confirm(row.getByRole('button', { name: 'Close', exact: true }), `Close ${BTC}`);
  await expect(terminalPage.getByTestId('positions-notice')).toContainText(`Close ${BTC}: confirmed`);
  await expect(row).toHaveCount(0, { timeout: 15_000 });
  // The close went out reduce-only at the band edge as a limit-IOC, journalled like any order.
  const sent = await t.call('queryJournal', { kind: 'ORDER_SENT', limit: 1 });
  expect(JSON.parse((sent.events[0].payload as { request: string }).request)).toMatchObject({ side: 'SELL', type: 'LIMIT', instruction: 'IOC', flags: ['REDUCE_ONLY'] });
});

test('Close all closes every position after one confirmation', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.reference(BTC);
  await t.reference(ETH);
  await t.openPosition(BTC, 'SELL', '0.2');
  await t.openPosition(ETH, 'BUY', '1');
  await t.confirm(terminalPage.getByRole('button', { name: 'Close all', exact: true }), 'Close all positions');
  await expect(t.positions).toHaveCount(0, { timeout: 15_000 });
  await expect(terminalPage.getByTestId('positions-notice')).toContainText(`Close ${BTC}: confirmed · Close ${ETH}: confirmed`);
  await t.screenshot('close-all-done');
});

test('Cancel all cancels every open order after one confirmation', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  const reference = await t.reference(BTC);
  for (const factor of [0.99, 0.985]) {
    const placed = await t.call('placeOrder', { market: BTC, side: 'BUY', type: 'LIMIT', size: '0.001', price: (reference * factor).toFixed(1) });
    expect(placed.outcome).toBe('confirmed');
  }
  await t.tab('Open orders').click();
  await expect(terminalPage.getByTestId('order-row')).toHaveCount(2, { timeout: 10_000 });
  // The orders are drawn on the chart as price lines at their limit prices (a trigger of "0" is none).
  await expect.poll(() => t.chartData('order-lines')).toBe('2');
  await expect(t.chart).not.toHaveAttribute('data-order-prices', /(^|,)0(,|$)/);
  await t.screenshot('open-orders-before-cancel-all');
  await t.confirm(terminalPage.getByRole('button', { name: 'Cancel all', exact: true }), 'Cancel all orders');
  await expect(terminalPage.getByTestId('orders-notice')).toHaveText('Cancel all: confirmed');
  await expect(terminalPage.getByTestId('order-row')).toHaveCount(0, { timeout: 10_000 });
});

test('a blocked ticket disables its button with a short reason in red; "?" shows main’s reasoning', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  const reference = await t.reference(BTC);
  await t.ticket.getByLabel('Size', { exact: true }).fill('0.01');
  await t.ticket.getByLabel('Price').fill((reference * 0.999).toFixed(1));
  await expect(t.submit).toBeEnabled();
  await expect(t.ticket.getByTestId('order-value')).toHaveText(MONEY);
  await expect(t.ticket.getByTestId('margin-required')).toHaveText(MONEY);
  await expect(t.ticket.getByTestId('fee-estimate')).toHaveText(MONEY);

  await t.ticket.getByLabel('Price').fill((reference * 1.5).toFixed(1));
  await expect(t.submit).toBeDisabled();
  await expect(t.blockedReason).toHaveText(/^Outside the price band\s*\?$/);
  await expect(t.blockedReason).toHaveCSS('color', 'rgb(248, 81, 73)');
  await t.blockedReason.getByRole('button', { name: 'Why?' }).click();
  const reasoning = t.ticket.getByTestId('ticket-reasoning');
  await expect(reasoning).toContainText('Decision: blocked (OUTSIDE_BAND)');
  await expect(reasoning).toContainText('Band in force: ±');
  await t.screenshot('blocked-ticket');
  // Sent anyway from the keyboard, main re-checks, denies, and the answer names no raw id.
  await t.ticket.getByLabel('Price').press('Enter');
  const outcome = t.ticket.getByTestId('order-outcome');
  await expect(outcome).toContainText(`Buy 0.01 ${BTC}: denied — buy at`);
  expect(await outcome.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
});

test('the journal review shows the daily PnL calendar, the equity curve and fees per market, and exports them as CSV', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.reference(BTC);
  await t.openPosition(BTC, 'BUY', '0.1');
  await t.confirm(t.position(BTC).getByRole('button', { name: 'Close', exact: true }), `Close ${BTC}`);
  await expect(t.position(BTC)).toHaveCount(0, { timeout: 15_000 });
  await t.tab('Journal').click();
  await terminalPage.getByRole('button', { name: 'PnL review' }).click();
  const review = terminalPage.getByTestId('journal-review');
  const today = new Date().toISOString().slice(0, 10);
  await expect(review.locator(`[data-day="${today}"]`)).toContainText(/[+−]?[\d,]+\.\d\d USDC/);
  await expect(review.getByTestId('review-markets').getByRole('row', { name: new RegExp(BTC) })).toContainText('USDC');
  await expect(review.getByTestId('equity-curve')).toBeVisible();
  // Main's numbers, from the journal: the day's fees are the sum of its fills' fees.
  const stats = await t.call('journalReviewStats', {});
  const fills = (await t.call('queryJournal', { kind: 'FILL', limit: 1000 })).events.filter((e) => new Date(e.venueAt ?? e.at).toISOString().startsWith(today));
  const fees = fills.reduce((sum, e) => sum + Number((e.payload as { fee: string }).fee), 0);
  expect(Number(stats.days.find((d) => d.day === today)!.fees)).toBeCloseTo(fees, 6);
  await t.screenshot('journal-review');
  const download = terminalPage.waitForEvent('download');
  await review.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = (await import('node:fs')).readFileSync(file!, 'utf8');
  expect(csv).toContain('day_utc,realized_pnl,fees,funding,net,fills');
  expect(csv).toContain(`${today},`);
});
