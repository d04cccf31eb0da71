import { describe, expect, it } from 'vitest';
import { DEFAULT_TSA_URLS, TsaConfigError, tsaUrlsFor } from './tsa-config';

describe('tsaUrlsFor', () => {
  it('anchors a real account with the public defaults and the simulator with none', () => {
    expect(tsaUrlsFor({ realAccount: true })).toEqual(DEFAULT_TSA_URLS);
    expect(tsaUrlsFor({ realAccount: false })).toEqual([]);
  });

  it('takes --tsa flags first, then BLACKBOX_TSA_URLS, then Settings', () => {
    const all = { flags: ['http://127.0.0.1:1/a'], env: 'http://127.0.0.1:2/b', settings: ['http://127.0.0.1:3/c'], realAccount: true };
    expect(tsaUrlsFor(all)).toEqual(['http://127.0.0.1:1/a']);
    expect(tsaUrlsFor({ ...all, flags: [] })).toEqual(['http://127.0.0.1:2/b']);
    expect(tsaUrlsFor({ ...all, flags: [], env: undefined })).toEqual(['http://127.0.0.1:3/c']);
    expect(tsaUrlsFor({ env: 'http://a.example/tsr, https://b.example/tsr', realAccount: false })).toEqual(['http://a.example/tsr', 'https://b.example/tsr']);
    expect(tsaUrlsFor({ env: 'none', realAccount: true })).toEqual([]);
    expect(tsaUrlsFor({ settings: [], realAccount: true })).toEqual([]);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => tsaUrlsFor({ flags: ['ftp://x/y'], realAccount: false })).toThrow(TsaConfigError);
    expect(() => tsaUrlsFor({ env: 'freetsa', realAccount: false })).toThrow(/freetsa is not a URL/);
  });
});
