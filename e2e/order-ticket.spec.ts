import { expect, test } from './fixtures/host';
import { TerminalPage } from './pages/terminal-page';

const MARKET = 'BTC-USD-PERP';

test('an order inside the band is sent and shows in open orders as confirmed', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  const reference = await terminal.reference(MARKET);
  // A resting bid just under the reference: inside the band, and it will not fill at once.
  const price = (reference * 0.998).toFixed(1);
  await terminal.ticket.getByLabel('Size', { exact: true }).fill('0.001');
  await terminal.ticket.getByLabel('Price').fill(price);
  await expect(terminal.ticket.getByTestId('band-preview')).toContainText('✓');
  await terminal.ticket.getByLabel('Price').press('Enter');
  await expect(terminal.ticket.getByTestId('order-outcome')).toContainText(`Buy 0.001 ${MARKET}: confirmed`);
  // The client id is kept off the text (no raw ids) but stays on the element.
  const clientId = (await terminal.ticket.getByTestId('order-outcome').getAttribute('data-client-id'))!;

  await terminal.tab('Open orders').click();
  const row = terminalPage.locator(`[data-testid="order-row"][data-client-id="${clientId}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('order-outcome-cell')).toHaveText('confirmed');
});

test('an order far outside the band is refused with the reason and never reaches the venue', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  const reference = await terminal.reference(MARKET);
  const price = (reference * 1.5).toFixed(1);
  await terminal.ticket.getByLabel('Size', { exact: true }).fill('0.001');
  await terminal.ticket.getByLabel('Price').fill(price);
  // The reason names the price as a number: 142495.0 reads 142495.
  await expect(terminal.ticket.getByTestId('band-preview')).toContainText(`✗ buy at ${Number(price)} is`);
  await terminal.ticket.getByLabel('Price').press('Enter');
  const outcome = terminal.ticket.getByTestId('order-outcome');
  await expect(outcome).toContainText(': denied — buy at');
  await expect(outcome).toContainText('above the independent price');
  const clientId = (await outcome.getAttribute('data-client-id'))!;

  const journal = await terminal.call('queryJournal', { clientId, limit: 100 });
  const kinds = journal.events.map((e) => e.kind);
  expect(kinds).toContain('ORDER_INTENT');
  expect(kinds).toContain('ORDER_DENIED');
  expect(kinds).not.toContain('ORDER_SENT');
});
