/**
 * An account id short enough for a table cell or the status bar: venue and network kept whole,
 * a long address cut in the middle (`dydx:mainnet:dydx1abc…000/0`). The full id goes in a title.
 */
export function shortAccount(id: string): string {
  const parts = id.split(':');
  if (parts.length < 3) return id;
  const [venue, network, ...rest] = parts;
  const address = rest.join(':');
  return `${venue}:${network}:${address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-6)}` : address}`;
}
