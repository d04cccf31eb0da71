import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { restUrl, startFixtureIndexer } from '../main/core/venues/dydx/fixtures/fixture-indexer';
import { ADDRESS, openOrder, shortPosition, SUBACCOUNT } from '../main/core/venues/dydx/fixtures/payloads';
import { expect, test } from './fixtures/host';
import { TradingPage } from './pages/trading-page';
import { VenueAccountsPage } from './pages/venue-accounts-page';

const BTC = 'BTC-USD-PERP';
const SIMULATOR = 'sim:local:Simulator';
const DYDX = `dydx:mainnet:${SUBACCOUNT}`;

test('switching between the simulator and a watched dYdX account shows each account’s own tables and journal, and raises nothing', async ({ terminalPage }) => {
  const t = new TradingPage(terminalPage);
  const accounts = new VenueAccountsPage(terminalPage);
  const before = (await t.call('getVenueSettings', {})).accounts.map((a) => a.id);
  const indexer = await startFixtureIndexer();
  let placed: string | null = null;
  try {
    await expect(t.venueAccount).toHaveText('Simulator');
    await expect(terminalPage.getByTestId('venue-account-id')).toHaveText(SIMULATOR);
    const reference = await t.reference(BTC);
    const order = await t.call('placeOrder', { market: BTC, side: 'BUY', type: 'LIMIT', size: '0.001', price: (reference * 0.98).toFixed(1) });
    expect(order.outcome).toBe('confirmed');
    placed = order.clientId!;
    const simOrder = terminalPage.locator(`[data-testid="order-row"][data-client-id="${placed}"]`);
    await t.tab('Open orders').click();
    await expect(simOrder).toBeVisible({ timeout: 10_000 });
    const incidents = (await t.call('listIncidents', {})).length;

    await accounts.open();
    await accounts.add({ name: 'dYdX switch', venue: 'dydx', address: ADDRESS, markets: 'BTC-USD', restUrl: restUrl(indexer), wsUrl: indexer.wsUrl });
    await accounts.use('dYdX switch');
    await expect(t.venueAccount).toContainText('dYdX switch', { timeout: 20_000 });
    await expect(terminalPage.getByTestId('venue-account-id')).toHaveAttribute('title', DYDX);

    // The watched account's own tables: the fixture's short position and open order, none of the simulator's.
    await t.tab('Positions').click();
    await expect(t.position(shortPosition.market)).toBeVisible({ timeout: 20_000 });
    await t.tab('Open orders').click();
    await expect(terminalPage.getByTestId('orders-table')).toContainText(openOrder.ticker, { timeout: 20_000 });
    await expect(simOrder).toHaveCount(0);
    await expect(terminalPage.getByTestId('orders-table')).not.toContainText(BTC);

    // The journal opens on this account: no record of the simulator's is listed.
    await t.tab('Journal').click();
    const journal = terminalPage.getByTestId('journal-tab');
    await expect(journal.getByLabel('Account', { exact: true })).toHaveValue(DYDX);
    const rowAccounts = journal.getByTestId('journal-row-account');
    await expect(rowAccounts.first()).toHaveAttribute('title', DYDX, { timeout: 10_000 });
    expect(new Set(await rowAccounts.evaluateAll((cells) => cells.map((c) => c.getAttribute('title'))))).toEqual(new Set([DYDX]));
    await expect(journal.getByText(placed)).toHaveCount(0);
    // "All accounts" lists both, the simulator's order among them.
    await journal.getByLabel('Account', { exact: true }).selectOption('');
    await journal.getByLabel('Client id filter').fill(placed);
    await expect(rowAccounts.first()).toHaveAttribute('title', SIMULATOR, { timeout: 10_000 });
    await journal.getByLabel('Client id filter').fill('');
    await journal.getByLabel('Account', { exact: true }).selectOption(DYDX);
    await expect(rowAccounts.first()).toHaveAttribute('title', DYDX, { timeout: 10_000 });
    await terminalPage.screenshot({ path: 'test-results/accounts-switch-dydx-journal.png' });
    // A file opened for review holds other accounts: it opens on all of them; back to live, on this one again.
    const live = (await journal.getByTestId('journal-source').textContent())!.replace(/^live: /, '');
    // The live file itself is not reviewed (Open on it goes back to live): a consistent copy in the data folder is.
    const path = join(dirname(live), `review-${Date.now()}.db`);
    const source = new Database(live, { readonly: true });
    await source.backup(path);
    source.close();
    await journal.getByLabel('Journal file path').fill(path);
    await journal.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(journal.getByTestId('journal-source')).toHaveText(`reviewing (read-only): ${path}`);
    await expect(journal.getByLabel('Account', { exact: true })).toHaveValue('');
    const choices = () => journal.getByLabel('Account', { exact: true }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await expect.poll(choices).toEqual(expect.arrayContaining(['', SIMULATOR, DYDX]));
    await journal.getByRole('button', { name: 'Back to live journal' }).click();
    await expect(journal.getByLabel('Account', { exact: true })).toHaveValue(DYDX);

    await accounts.open();
    await accounts.useSimulator();
    await expect(t.venueAccount).toHaveText('Simulator', { timeout: 20_000 });
    await t.tab('Open orders').click();
    await expect(simOrder).toBeVisible({ timeout: 20_000 });
    await expect(terminalPage.getByTestId('orders-table')).not.toContainText(openOrder.ticker);
    await terminalPage.screenshot({ path: 'test-results/accounts-switch-simulator-back.png' });
    expect(await t.call('listIncidents', {})).toHaveLength(incidents);
  } finally {
    await t.call('useVenueAccount', { id: null });
    if (placed) await t.call('cancelOrder', { clientId: placed });
    const { accounts: now } = await t.call('getVenueSettings', {});
    for (const { id } of now.filter((a) => !before.includes(a.id))) await t.call('removeVenueAccount', { id });
    await indexer.close();
  }
});
