import { expect, test } from './fixtures/host';
import { TerminalPage } from './pages/terminal-page';

// These specs force faults on the demo simulator through the opt-in test hook; they get a host of their own.
test.use({ testHooks: true });
test.describe.configure({ mode: 'serial' });

const MARKET = 'BTC-USD-PERP';

/** The report writes money grouped in thousands, with at least two decimals and every recorded digit ("17,152.770591665"). */
function asMoney(total: string): string {
  const [whole, fraction = ''] = total.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`;
}

test('a liquidation at a corrupted mark becomes an incident, and a claim from it is drafted, submitted and exported', async ({ terminalPage, playwright }) => {
  const terminal = new TerminalPage(terminalPage);
  await terminal.reference(MARKET);
  await terminal.ticket.getByLabel('Type').selectOption('MARKET');
  await terminal.ticket.getByLabel('Size', { exact: true }).fill('0.5');
  await terminal.ticket.getByLabel('Size', { exact: true }).press('Enter');
  await expect(terminal.ticket.getByTestId('order-outcome')).toContainText(': confirmed');
  await expect.poll(async () => (await terminal.call('getSnapshot', {})).positions.find((p) => p.market === MARKET)?.size, { timeout: 15_000 }).toBe('0.5');

  await terminal.call('injectVenueFault', { fault: { kind: 'markOverride', market: MARKET, price: '61000' } });
  await terminal.tab('Incidents').click();
  const liquidation = terminalPage.locator('[data-testid="incident-row"]', { hasText: 'UNEXPECTED_LIQUIDATION' });
  await expect(liquidation).toBeVisible({ timeout: 30_000 });
  await terminal.call('injectVenueFault', { fault: { kind: 'markRelease', market: MARKET } });
  await expect.poll(() => terminal.chart.getAttribute('data-fill-markers'), { timeout: 10_000 }).not.toBe('0');

  await liquidation.getByRole('checkbox').check();
  await terminalPage.getByTestId('create-claim').click();
  await expect(terminalPage.getByTestId('incidents-notice')).toContainText(/Claim C1 drafted for \d/);

  await terminal.tab('Claims').click();
  const claim = terminalPage.locator('[data-testid="claim-row"][data-claim="C1"]');
  await expect(claim.getByTestId('claim-status')).toHaveText('draft');
  await claim.getByRole('button', { name: 'Mark submitted' }).click();
  await expect(claim.getByTestId('claim-status')).toHaveText('submitted');
  const journal = await terminal.call('queryJournal', { kind: 'CLAIM_UPDATED', limit: 10 });
  expect(journal.events[0].payload).toMatchObject({ id: 'C1', from: 'draft', to: 'submitted' });

  // Export the evidence and read the report as a venue's support desk would, in Chromium.
  await claim.getByRole('button', { name: /C1/ }).click();
  await terminalPage.getByRole('button', { name: 'Export evidence' }).click();
  const exported = terminalPage.getByTestId('export-result');
  await expect(exported).toBeVisible({ timeout: 60_000 });
  const folder = await exported.getAttribute('data-folder');
  const [c1] = (await terminal.call('listClaims', {})).filter((c) => c.id === 'C1');
  const chromium = await playwright.chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const report = await chromium.newPage();
    await report.goto(`file://${folder}/report.html`);
    await expect(report.locator('body')).toContainText('UNEXPECTED_LIQUIDATION');
    await expect(report.locator('body')).toContainText(`${asMoney(c1.total)} USD`);
  } finally {
    await chromium.close();
  }
});

test('a chain halt while the venue says ok shows the banner, the badge and the incident with its evidence', async ({ terminalPage }) => {
  const terminal = new TerminalPage(terminalPage);
  await expect(terminal.venueMode).toContainText('ok', { timeout: 20_000 });
  await terminal.call('injectVenueFault', { fault: { kind: 'halt', seconds: 40 } });

  await expect(terminal.banner).toBeVisible({ timeout: 25_000 });
  await expect(terminal.banner).toHaveAttribute('data-status', 'halted');
  await expect(terminal.banner).toContainText(/^Venue halted since \d\d:\d\d:\d\d UTC — the chain has produced no new block since height \d+ for \d+ s while the venue reports ok/);
  // The badge counts the incidents still open: the stall, and any episode an earlier spec left open.
  const badge = terminal.tab('Incidents').locator('.badge');
  await expect
    .poll(async () => {
      const open = (await terminal.call('listIncidents', {})).filter((i) => i.closedAt === null);
      return open.some((i) => i.kind === 'HEIGHT_STALL') && (await badge.textContent()) === String(open.length);
    })
    .toBe(true);

  await terminal.tab('Incidents').click();
  const stall = terminalPage.locator('[data-testid="incident-row"]', { hasText: 'HEIGHT_STALL' });
  await expect(stall).toContainText('ongoing');
  await stall.getByRole('button', { name: 'Details' }).click();
  const detail = terminalPage.getByTestId('incident-detail');
  await expect(detail).toContainText('no new block since height');
  const evidence = detail.getByTestId('evidence-row');
  await expect(evidence.first()).toContainText('CHAIN_HEIGHT');
  await evidence.first().getByRole('button').click();
  await expect(detail.getByTestId('evidence-raw')).toBeVisible();
  await terminalPage.screenshot({ path: test.info().outputPath('incidents-during-halt.png') });
});

test('without the hook the venue-fault method is forbidden', async ({ host }) => {
  test.skip(host !== 'web', 'starts a web host of its own without the variable');
  const { serveTerminal } = await import('./fixtures/web-host-process');
  const served = await serveTerminal();
  try {
    const token = new URL(served.url).searchParams.get('token');
    const { WebSocket } = await import('ws');
    // The host serves only its own origin, as its page would send it.
    const socket = new WebSocket(`${served.url.replace(/^http/, 'ws').split('?')[0].replace(/\/$/, '')}/ws?token=${token}`, { origin: new URL(served.url).origin });
    await new Promise((resolve) => socket.once('open', resolve));
    const reply = await new Promise<{ result: { ok: boolean; error?: { code: string } } }>((resolve) => {
      socket.once('message', (data) => resolve(JSON.parse(String(data))));
      socket.send(JSON.stringify({ id: 1, method: 'injectVenueFault', params: { fault: { kind: 'halt', seconds: 5 } } }));
    });
    socket.close();
    expect(reply.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  } finally {
    await served.stop();
  }
});
