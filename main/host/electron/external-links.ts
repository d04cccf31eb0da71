/**
 * Links the app may open in the trader's browser: the venues' and the documentation's own
 * sites over https, nothing else (a link in a venue message or a compromised page cannot send
 * the trader to a look-alike or launch another program through a custom scheme).
 */
export const EXTERNAL_HOSTS = [
  'paradex.trade',
  'docs.paradex.trade',
  'app.paradex.trade',
  'dydx.trade',
  'docs.dydx.xyz',
  'docs.dydx.exchange',
  'hyperliquid.xyz',
  'app.hyperliquid.xyz',
  'hyperliquid.gitbook.io',
  'github.com',
] as const;

export function externalLinkAllowed(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return (EXTERNAL_HOSTS as readonly string[]).includes(parsed.hostname);
}
