import { ADDRESS } from '../main/core/venues/dydx/fixtures/payloads';
import { expect, test } from './fixtures/host';
import { TradingPage } from './pages/trading-page';
import { VenueAccountsPage } from './pages/venue-accounts-page';

test.describe.configure({ mode: 'serial' });

test('"?" outside a field opens the Keyboard shortcuts overlay; B/S pick the side; arrows move between tabs; Esc leaves', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  await t.waitForLiveChart();
  const size = t.ticket.getByLabel('Size', { exact: true });
  await size.click();
  await terminalPage.keyboard.type('?');
  // Inside a field "?" is just typed.
  await expect(size).toHaveValue('?');
  await expect(terminalPage.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await size.fill('');
  await terminalPage.keyboard.press('Escape');
  await expect(size).not.toBeFocused();

  await terminalPage.keyboard.press('?');
  const overlay = terminalPage.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('Ctrl+Enter');
  await t.screenshot('shortcuts-overlay');
  await terminalPage.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  await terminalPage.keyboard.press('s');
  await expect(t.ticket.getByRole('radio', { name: 'Sell' })).toHaveAttribute('aria-checked', 'true');
  await expect(size).toBeFocused();
  await terminalPage.keyboard.press('Escape');
  await terminalPage.keyboard.press('b');
  await expect(t.ticket.getByRole('radio', { name: 'Buy' })).toHaveAttribute('aria-checked', 'true');
  await terminalPage.keyboard.press('Escape');

  await t.tab('Positions').click();
  await terminalPage.keyboard.press('ArrowRight');
  await expect(t.tab('Open orders')).toHaveAttribute('aria-selected', 'true');
  await terminalPage.keyboard.press('ArrowLeft');
  await expect(t.tab('Positions')).toHaveAttribute('aria-selected', 'true');
});

test('Ctrl+Enter sends the ticket from anywhere on the page', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  const reference = await t.reference('BTC-USD-PERP');
  await t.ticket.getByLabel('Size', { exact: true }).fill('0.001');
  await t.ticket.getByLabel('Price').fill((reference * 0.99).toFixed(1));
  await expect(t.submit).toBeEnabled();
  await terminalPage.keyboard.press('Escape');
  await terminalPage.keyboard.press('Control+Enter');
  await expect(t.ticket.getByTestId('order-outcome')).toContainText('Buy 0.001 BTC-USD-PERP: confirmed');
});

test('a venue whose name does not resolve shows "we cannot reach the venue" with DNS named and a countdown, not a venue status', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  const accounts = new VenueAccountsPage(terminalPage);
  const before = (await t.call('getVenueSettings', {})).accounts.map((a) => a.id);
  try {
    await accounts.open();
    await accounts.add({ name: 'Unresolvable', venue: 'dydx', address: ADDRESS, markets: 'BTC-USD', restUrl: 'https://indexer.nowhere.invalid', wsUrl: 'wss://indexer.nowhere.invalid/v4/ws' });
    await accounts.use('Unresolvable');
    const connection = terminalPage.getByTestId('connection');
    await expect(connection).toHaveAttribute('data-problem', 'dns', { timeout: 30_000 });
    await expect(connection).toContainText('we cannot reach the venue: DNS lookup failed for indexer.nowhere.invalid');
    await expect(connection.getByTestId('retry-countdown')).toHaveText(/next try in \d+ s|retrying now/);
    // Retry now starts the next attempt at once: the attempt count moves on without waiting for the countdown.
    const attempt = async () => Number((await connection.textContent())!.match(/attempt (\d+)/)?.[1] ?? 1);
    const before = await attempt();
    await connection.getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(attempt, { timeout: 10_000 }).toBeGreaterThan(before);
    await expect(t.banner).toHaveAttribute('data-status', 'unreachable');
    await expect(t.banner).toContainText('Cannot reach the venue');
    await expect(t.banner).toContainText('on our side of the link, not a venue status');
    await expect(t.venueMode).toContainText('status unknown');
    await expect(t.venueMode).not.toContainText(/says (ok|maintenance|post-only|cancel-only)/);
    await t.screenshot('cannot-reach-dns');
  } finally {
    await t.call('useVenueAccount', { id: null });
    for (const { id } of (await t.call('getVenueSettings', {})).accounts.filter((a) => !before.includes(a.id))) await t.call('removeVenueAccount', { id });
  }
  // Back on the simulator, the venue's own word again.
  await expect(t.venueMode).toContainText('says ok', { timeout: 30_000 });
  await expect(terminalPage.getByTestId('connection')).toHaveText('connected');
});
