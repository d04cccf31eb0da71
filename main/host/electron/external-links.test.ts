import { describe, expect, it } from 'vitest';
import { devToolsEnabled } from './devtools';
import { externalLinkAllowed } from './external-links';

describe('links opened in the browser', () => {
  it('opens https links to the venues and their documentation', () => {
    for (const url of ['https://docs.paradex.trade/api', 'https://app.hyperliquid.xyz/trade', 'https://dydx.trade/', 'https://hyperliquid.gitbook.io/hyperliquid-docs']) expect(externalLinkAllowed(url), url).toBe(true);
  });

  it('refuses any other host, look-alikes, other schemes, credentials and ports', () => {
    for (const url of [
      'https://evil.example/',
      'https://paradex.trade.evil.example/',
      'https://evilparadex.trade/',
      'http://docs.paradex.trade/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'https://user:pw@docs.paradex.trade/',
      'https://docs.paradex.trade:8443/',
      'not a url',
    ]) expect(externalLinkAllowed(url), url).toBe(false);
  });
});

describe('DevTools', () => {
  it('are available only with --devtools', () => {
    expect(devToolsEnabled(['/opt/Blackbox/blackbox'])).toBe(false);
    expect(devToolsEnabled(['/opt/Blackbox/blackbox', '--devtools'])).toBe(true);
  });
});
