import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confSettings } from './conf-settings';

describe('settings through conf', () => {
  it('persists a value across instances', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-settings-'));
    confSettings(dir).set('window', { width: 1200, height: 800, maximized: false });
    expect(confSettings(dir).get('window')).toEqual({ width: 1200, height: 800, maximized: false });
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).window.width).toBe(1200);
  });

  it('falls back to the default when the file holds junk for a key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-settings-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ window: { width: 'wide' } }));
    expect(confSettings(dir).get('window')).toBeNull();
  });

  it('refuses to store an invalid value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-settings-'));
    expect(() => confSettings(dir).set('window', { width: 10, height: 10, maximized: false })).toThrow();
  });
});

describe('risk settings', () => {
  it('overrides one field of one market and keeps the defaults for the rest', async () => {
    const { riskSettingsFor } = await import('../risk/risk-settings');
    const dir = mkdtempSync(join(tmpdir(), 'bb-settings-'));
    confSettings(dir).set('risk', { 'BTC-USD-PERP': { band: '0.0025' } });
    const stored = confSettings(dir).get('risk');
    expect(riskSettingsFor('BTC-USD-PERP', stored)).toMatchObject({ band: '0.0025', divergence: '0.02' });
    expect(riskSettingsFor('ETH-USD-PERP', stored).band).toBe('0.005');
  });

  it('refuses a band that is not a fraction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-settings-'));
    expect(() => confSettings(dir).set('risk', { 'BTC-USD-PERP': { band: '5%' } })).toThrow();
  });
});
