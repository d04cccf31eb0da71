import { expect, test } from './fixtures/host';
import { TerminalPage } from './pages/terminal-page';

// Loopback only: the served terminal must never reach a public time-stamp authority.
const SAVED = ['http://127.0.0.1:9/tsr', 'https://127.0.0.1:9/tsr2'];

test('Settings names the time-stamp authorities in force and where they come from, and saves a list', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  try {
    await savesAndClears(terminal, terminalPage);
  } finally {
    // The served terminal is shared by the other specs: leave no saved list behind.
    await terminal.call('setTsaSettings', { urls: [] });
  }
});

async function savesAndClears(terminal: TerminalPage, terminalPage: TerminalPage['page']): Promise<void> {
  await terminal.tab('Settings').click();
  const panel = terminalPage.getByTestId('tsa-settings');
  const inForce = panel.getByTestId('tsa-in-force');
  // The e2e hosts run with BLACKBOX_TSA_URLS=none: the environment decides, and nothing anchors.
  await expect(inForce).toContainText('In force, from the BLACKBOX_TSA_URLS environment variable: none, the journal head is not anchored.');
  await expect(inForce).toContainText('Saved: none (defaults: https://freetsa.org/tsr, http://timestamp.digicert.com)');

  const urls = panel.getByLabel('Time-stamp authority URLs');
  await urls.fill(`${SAVED[0]}\n${SAVED[1]}`);
  await panel.getByRole('button', { name: 'Save authorities' }).click();
  await expect(panel.locator('.settings-message')).toHaveText('Saved; a venue account uses it from its next start.');
  await expect(inForce).toContainText(`Saved: ${SAVED.join(', ')}`);
  // The variable still wins over the saved list.
  await expect(inForce).toContainText('In force, from the BLACKBOX_TSA_URLS environment variable: none');

  // Opened again, the panel reads the saved list back from main.
  await terminal.tab('Positions').click();
  await terminal.tab('Settings').click();
  await expect(panel.getByLabel('Time-stamp authority URLs')).toHaveValue(SAVED.join('\n'));

  await urls.fill('ftp://127.0.0.1:9/tsr');
  await panel.getByRole('button', { name: 'Save authorities' }).click();
  // main refuses it and names the entry and the rule; the saved list stays.
  await expect(panel.locator('.settings-message')).toHaveText(/^setTsaSettings: urls\.0: an http:\/\/ or https:\/\/ URL/);
  await expect(inForce).toContainText(`Saved: ${SAVED.join(', ')}`);

  await urls.fill('');
  await panel.getByRole('button', { name: 'Save authorities' }).click();
  await expect(panel.locator('.settings-message')).toHaveText('Cleared; a venue account uses the defaults from its next start.');
  await expect(inForce).toContainText('Saved: none (defaults:');
}
