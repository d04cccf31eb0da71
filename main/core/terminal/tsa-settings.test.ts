import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TSA_URLS } from '../anchor/tsa-config';
import { tsaSettingsView } from '../anchor/tsa-settings-view';
import { confSettings } from '../settings/conf-settings';
import { startBlackbox } from './start-terminal';
import type { TerminalSwitch } from './terminal-switch';
import { SCENARIO_DIR, callHost } from './test-support/host-call';

// Only loopback authorities here: no test may reach a public TSA.
const LOOPBACK = ['http://127.0.0.1:9/tsr', 'https://127.0.0.1:9/tsr2'];

let host: TerminalSwitch;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bb-tsa-settings-'));
  // vitest runs with BLACKBOX_TSA_URLS=none: the host anchors, the environment says with nothing.
  host = await startBlackbox({ dataDir, settings: confSettings(dataDir), scenarioDir: SCENARIO_DIR, anchoring: {} });
});
afterAll(async () => {
  await host.close();
});

const call = (method: string, params: unknown) => callHost<never>(host, method, params);

describe('time-stamp authorities in Settings', () => {
  it('says the environment decides, saves a list to the settings file, and clears it', async () => {
    expect(process.env.BLACKBOX_TSA_URLS).toBe('none');
    expect(await call('getTsaSettings', {})).toEqual({ inForce: [], source: 'environment', saved: null, defaults: [...DEFAULT_TSA_URLS] });

    expect(await call('setTsaSettings', { urls: LOOPBACK })).toMatchObject({ inForce: [], source: 'environment', saved: LOOPBACK });
    expect(confSettings(dataDir).get('tsaUrls')).toEqual(LOOPBACK);
    expect(await call('getTsaSettings', {})).toMatchObject({ saved: LOOPBACK });

    expect(await call('setTsaSettings', { urls: [] })).toMatchObject({ saved: null });
    expect(confSettings(dataDir).get('tsaUrls')).toBeNull();
  });

  it('refuses what is not a short list of http(s) URLs, naming the entry, and keeps the saved list', async () => {
    await call('setTsaSettings', { urls: LOOPBACK });
    await expect(call('setTsaSettings', { urls: ['ftp://127.0.0.1/tsr'] })).rejects.toThrow(/^INVALID_PARAMS: .*urls\.0: an http:\/\/ or https:\/\/ URL/);
    await expect(call('setTsaSettings', { urls: [LOOPBACK[0], 'freetsa'] })).rejects.toThrow(/urls\.1: an http:\/\/ or https:\/\/ URL/);
    await expect(call('setTsaSettings', { urls: Array.from({ length: 9 }, (_, i) => `http://127.0.0.1:9/${i}`) })).rejects.toThrow(/at most 8/);
    await expect(call('setTsaSettings', { urls: [`http://127.0.0.1:9/${'a'.repeat(400)}`] })).rejects.toThrow(/at most 300 characters/);
    await expect(call('setTsaSettings', { urls: LOOPBACK, extra: 1 })).rejects.toThrow(/INVALID_PARAMS/);
    expect(confSettings(dataDir).get('tsaUrls')).toEqual(LOOPBACK);
    await call('setTsaSettings', { urls: [] });
  });
});

describe('where the list in force comes from', () => {
  const setEnv = (value: string | undefined) => {
    if (value === undefined) delete process.env.BLACKBOX_TSA_URLS;
    else process.env.BLACKBOX_TSA_URLS = value;
  };
  const withEnv = (value: string | undefined, run: () => void) => {
    const kept = process.env.BLACKBOX_TSA_URLS;
    setEnv(value);
    try {
      run();
    } finally {
      setEnv(kept);
    }
  };

  it('names flags, then the environment, then Settings, then the defaults for a real account', () => {
    const inForce = [LOOPBACK[0]];
    withEnv('none', () => {
      expect(tsaSettingsView({ inForce, anchoring: { flags: inForce }, saved: LOOPBACK, realAccount: true }).source).toBe('flag');
      expect(tsaSettingsView({ inForce: [], anchoring: {}, saved: LOOPBACK, realAccount: true }).source).toBe('environment');
    });
    withEnv(undefined, () => {
      expect(tsaSettingsView({ inForce: LOOPBACK, anchoring: {}, saved: LOOPBACK, realAccount: true }).source).toBe('settings');
      expect(tsaSettingsView({ inForce: [...DEFAULT_TSA_URLS], anchoring: {}, saved: null, realAccount: true }).source).toBe('defaults');
      // The simulator never takes the saved list or the defaults.
      expect(tsaSettingsView({ inForce: [], anchoring: {}, saved: LOOPBACK, realAccount: false }).source).toBe('none');
      expect(tsaSettingsView({ inForce: [], saved: LOOPBACK, realAccount: true }).source).toBe('none');
    });
  });
});
