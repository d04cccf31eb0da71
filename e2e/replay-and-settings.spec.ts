import { expect, test } from './fixtures/host';
import { TerminalPage } from './pages/terminal-page';

test.describe.configure({ mode: 'serial' });

test('an incident scenario replays live in the terminal and the trader goes back to live', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  await terminalPage.getByRole('button', { name: 'Replay incident…' }).click();
  await terminalPage.getByLabel('Scenario').selectOption('dydx-2025-10-halt');
  await terminalPage.getByLabel('Speed').fill('600');
  await terminalPage.getByRole('button', { name: 'Start' }).click();
  const bar = terminalPage.getByTestId('replay-bar');
  await expect(bar).toContainText('REPLAY dydx-2025-10-halt');
  await expect(bar).toContainText('2025-10-10');
  // Ten virtual minutes in the chain stops while the venue says ok: the banner names the halt.
  await expect(terminal.banner).toContainText(/halted/i, { timeout: 45_000 });
  await terminalPage.getByRole('button', { name: 'Back to live' }).click();
  await expect(bar).toHaveCount(0);
  await expect(terminal.venueMode).toContainText('ok', { timeout: 20_000 });
});

test('the band for a market is set in Settings and the ticket preview uses it', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  await terminal.reference('BTC-USD-PERP');
  await terminal.tab('Settings').click();
  const settings = terminalPage.getByTestId('risk-settings');
  await expect(settings.getByLabel('Band', { exact: true })).toHaveValue('0.005');
  await settings.getByLabel('Band', { exact: true }).fill('0.001');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toContainText('Saved for BTC-USD-PERP.');
  await settings.getByLabel('Band', { exact: true }).fill('one percent');
  await settings.getByRole('button', { name: 'Save' }).click();
  // main refuses it and names the field and the rule (the form's own labels also say "band").
  await expect(settings.locator('.settings-message')).toHaveText(/^setRiskSettings: settings\.band: a fraction between 0 and 1/);
  await terminal.ticket.getByLabel('Type').selectOption('MARKET');
  await terminal.ticket.getByLabel('Size', { exact: true }).fill('0.001');
  await expect(terminal.ticket.getByTestId('band-preview')).toContainText('band ±0.10 %');
  // The served terminal is shared by the other specs: put the default back.
  await terminal.call('setRiskSettings', { market: 'BTC-USD-PERP', settings: { band: '0.005' } });
});
