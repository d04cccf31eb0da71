import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confSettings } from '../settings/conf-settings';
import { startBlackbox } from './start-terminal';
import type { TerminalSwitch } from './terminal-switch';
import { SCENARIO_DIR, callHost } from './test-support/host-call';

let host: TerminalSwitch;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-switch-'));
  host = await startBlackbox({ dataDir, settings: confSettings(dataDir), scenarioDir: SCENARIO_DIR });
});
afterAll(async () => {
  await host.close();
});

const call = (method: string, params: unknown) => callHost<never>(host, method, params);

describe('the session a host serves', () => {
  it('swaps the live terminal for a live replay and back, telling the UI each time', async () => {
    const names: string[] = await call('listScenarios', {});
    expect(names).toContain('dydx-2025-10-halt');
    const sessions: string[] = [];
    const stop = host.subscribe((event, payload) => event === 'snapshot' && sessions.push((payload as { session: { kind: string } }).session.kind));

    await call('startReplay', { scenario: 'dydx-2025-10-halt', speed: 600 });
    const during: { session: { kind: string; scenario: string }; venue: { name: string } } = await call('getSnapshot', {});
    expect(during.session).toMatchObject({ kind: 'replay', scenario: 'dydx-2025-10-halt' });
    expect(await call('setReplaySpeed', { speed: 50 })).toMatchObject({ kind: 'replay', speed: 50 });

    expect(await call('stopReplay', {})).toEqual({ kind: 'live' });
    expect(sessions).toEqual(expect.arrayContaining(['replay', 'live']));
    stop();
    await expect(call('startReplay', { scenario: '../../etc/passwd', speed: 1 })).rejects.toThrow(/INVALID_PARAMS/);
    await expect(call('startReplay', { scenario: 'no-such-scenario', speed: 1 })).rejects.toThrow(/NOT_FOUND/);
  });

  it('keeps the band settings through the settings interface, and order entry uses them', async () => {
    const updated: { band: string; divergence: string } = await call('setRiskSettings', { market: 'BTC-USD-PERP', settings: { band: '0.001' } });
    expect(updated).toMatchObject({ band: '0.001', divergence: '0.02' });
    expect(confSettings(dataDir).get('risk')['BTC-USD-PERP']).toEqual({ band: '0.001' });
    const preview: { band: string } = await call('previewOrder', { market: 'BTC-USD-PERP', side: 'BUY', type: 'MARKET', size: '0.001' });
    expect(preview.band).toBe('0.001');
    await expect(call('setRiskSettings', { market: 'BTC-USD-PERP', settings: { band: '2' } })).rejects.toThrow(/INVALID_PARAMS/);
  });
});
