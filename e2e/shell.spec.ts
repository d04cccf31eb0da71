import { expect, test } from './fixtures/host';
import { TerminalPage } from './pages/terminal-page';

test('the status bar shows the venue mode, connection, journal health and a UTC clock', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  await expect(terminal.statusBar).toBeVisible();
  await expect(terminal.venueMode).toContainText(/ok|maintenance|cancel_only|post_only|halted|degraded/);
  await expect(terminalPage.getByTestId('connection')).toHaveText(/connected|connecting|disconnected/);
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
