import { expect, test } from './fixtures/host';
import { TerminalPage } from './pages/terminal-page';

test('the status bar shows the venue mode, connection, journal health and a UTC clock', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  await expect(terminal.statusBar).toBeVisible();
  // The embedded simulator starts calm: anything but ok and connected is a failure, not a status to show.
  await expect(terminal.venueMode).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
  await expect(terminal.venueMode).toContainText(/^paradex says ok/);
  await expect(terminalPage.getByTestId('connection')).toHaveText('connected', { timeout: 20_000 });
  await expect(terminal.journalHealth).toContainText('journal ok');
  await expect(terminalPage.getByTestId('utc-clock')).toHaveText(/^\d\d:\d\d:\d\d UTC$/);
});

test('the chart is drawn and its prices move', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  await terminal.waitForLiveChart();
  await expect.poll(() => terminal.chartHasInk()).toBe(true);
  const before = await terminal.ticksDrawn();
  await expect.poll(() => terminal.ticksDrawn(), { timeout: 20_000 }).toBeGreaterThan(before);
});
