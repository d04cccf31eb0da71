import { restUrl, startFixtureIndexer } from '../main/core/venues/dydx/fixtures/fixture-indexer';
import { paradexAuthVenue } from '../main/core/terminal/test-support/paradex-auth-venue';
import { ADDRESS, shortPosition } from '../main/core/venues/dydx/fixtures/payloads';
import { expect, test } from './fixtures/host';
import { TerminalPage } from './pages/terminal-page';
import { VenueAccountsPage } from './pages/venue-accounts-page';

test.describe.configure({ mode: 'serial' });

const KEY = '0x1234567890abcdef1234567890abcdef';

/** The served terminal is shared by the other specs: back on the simulator, without the accounts a test added. */
async function restore(terminal: TerminalPage, before: string[]): Promise<void> {
  await terminal.call('useVenueAccount', { id: null });
  const { accounts } = await terminal.call('getVenueSettings', {});
  for (const { id } of accounts.filter((a) => !before.includes(a.id))) await terminal.call('removeVenueAccount', { id });
}

async function accountIds(terminal: TerminalPage): Promise<string[]> {
  return (await terminal.call('getVenueSettings', {})).accounts.map((a) => a.id);
}

test('a Paradex key goes to main once, is held only after Paradex accepted it, and is never shown again; main refuses a bad address and names it', async ({ terminalPage, host }) => {
  const terminal = new TerminalPage(terminalPage);
  const accounts = new VenueAccountsPage(terminalPage);
  const before = await accountIds(terminal);
  const { venue: paradex, verified } = await paradexAuthVenue(KEY);
  try {
    await accounts.open();
    const { secrets } = await terminal.call('getVenueSettings', {});
    // The web host keeps keys in memory only; whatever the host, the page shows main's own sentence.
    if (host === 'web') expect(secrets.kind).toBe('memory');
    await expect(accounts.secretsNote).toHaveText(secrets.note);

    const endpoints = { restUrl: paradex.restUrl, wsUrl: paradex.wsUrl };
    // A well-formed key Paradex refuses is not saved, and the form says so.
    await accounts.add({ name: 'Main e2e', address: '0x5137d0c0ffee', markets: 'BTC-USD-PERP', privateKey: '0x0badbadbadbadbadbadbadbadbadbad1', ...endpoints });
    await expect(accounts.formOutcome).toContainText('Paradex did not accept this key');
    await expect(accounts.row('Main e2e')).toHaveCount(0);
    await accounts.add({ name: 'Main e2e', address: '0x5137d0c0ffee', markets: 'BTC-USD-PERP', privateKey: KEY, ...endpoints });
    await expect(accounts.formOutcome).toHaveText('Saved Main e2e.');
    expect(verified).toEqual([false, true]);
    const row = accounts.row('Main e2e');
    await expect(row).toContainText('key held');
    await expect(row).toContainText('0x5137d0c0ffee');
    await expect(row).toContainText('trade');
    await expect(accounts.privateKey).toHaveValue('');
    expect(await terminalPage.content()).not.toContain(KEY);
    expect(await terminalPage.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain(KEY);

    const count = await accounts.rows.count();
    await accounts.add({ name: 'Bad address', venue: 'dydx', address: 'dydx1abc', markets: 'BTC-USD' });
    await expect(accounts.formOutcome).toContainText('address');
    await expect(accounts.formOutcome).toContainText('not a dydx address');
    await expect(accounts.rows).toHaveCount(count);
    expect(await accountIds(terminal)).toHaveLength(before.length + 1);

    // Removing asks first, naming the key that goes with it; saying no keeps everything.
    expect(await accounts.remove('Main e2e', false)).toContain('the key Blackbox holds for it');
    await expect(accounts.row('Main e2e')).toHaveCount(1);
    await accounts.remove('Main e2e', true);
    await expect(accounts.row('Main e2e')).toHaveCount(0);
    expect(await accountIds(terminal)).toHaveLength(before.length);
  } finally {
    await restore(terminal, before);
    await paradex.close();
  }
});

test('a dYdX account is watched by address: its position shows, orders cannot be placed, and the simulator comes back', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  const accounts = new VenueAccountsPage(terminalPage);
  const before = await accountIds(terminal);
  const indexer = await startFixtureIndexer();
  try {
    await expect(terminal.venueAccount).toHaveText('Simulator');
    await expect(terminal.watchOnly).toHaveCount(0);
    await accounts.open();
    await accounts.add({ name: 'dYdX watch', venue: 'dydx', address: ADDRESS, markets: 'BTC-USD', restUrl: restUrl(indexer), wsUrl: indexer.wsUrl });
    await expect(accounts.row('dYdX watch')).toContainText('watch');

    await accounts.use('dYdX watch');
    await expect(terminal.venueAccount).toContainText('dYdX watch', { timeout: 20_000 });
    await expect(terminal.watchOnly).toBeVisible();
    await expect(accounts.message).toHaveText('Now on dYdX watch.');
    await expect(accounts.row('dYdX watch')).toContainText('in use');

    await expect(terminal.ticket.getByTestId('watch-only-note')).toHaveText('Watching by address: orders cannot be placed from Blackbox on this account.');
    await terminal.ticket.getByLabel('Size', { exact: true }).fill('0.001');
    await expect(terminal.ticket.getByRole('button', { name: /^Buy / })).toBeDisabled();

    await terminal.tab('Positions').click();
    const position = terminalPage.getByTestId('positions-table').getByRole('row').filter({ has: terminalPage.getByRole('cell', { name: shortPosition.market, exact: true }) });
    // Sizes are written to the market's step with a true minus sign.
    await expect(position).toContainText(new RegExp(`${shortPosition.market}\\s*${shortPosition.size.replace('-', '−')}(\\.0+)?(?!\\d)`), { timeout: 20_000 });

    await accounts.open();
    await accounts.useSimulator();
    await expect(terminal.venueAccount).toHaveText('Simulator', { timeout: 20_000 });
    await expect(terminal.watchOnly).toHaveCount(0);
    await expect(terminal.ticket.getByTestId('watch-only-note')).toHaveCount(0);
  } finally {
    await restore(terminal, before);
    await indexer.close();
  }
});
