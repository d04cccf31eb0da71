/** The saved venue accounts, which one the terminal runs on, and what can be done with each. */
import type { VenueAccountView } from '../../../shared/venue-accounts';
import { VENUE_NAMES } from './account-form';

interface Props {
  accounts: VenueAccountView[];
  active: string | null;
  busy: boolean;
  onUse(id: string): void;
  onEdit(account: VenueAccountView): void;
  onRemove(id: string): void;
}

export function AccountsTable({ accounts, active, busy, onUse, onEdit, onRemove }: Props) {
  if (accounts.length === 0) return <p className="empty">No venue accounts yet: the terminal runs on the built-in simulator.</p>;
  return (
    <table className="grid venue-accounts" data-testid="venue-accounts">
      <thead>
        <tr><th>Account</th><th>Venue</th><th>Network</th><th>Address</th><th>Markets</th><th>Sources</th><th>Mode</th><th>Key</th><th /></tr>
      </thead>
      <tbody>
        {accounts.map((a) => {
          const inUse = a.id === active;
          return (
            <tr key={a.id} className={inUse ? 'in-use' : ''} data-testid="venue-account-row" data-account-id={a.id}>
              <td>
                {a.label}
                {inUse && <span className="pill in-use-pill">in use</span>}
              </td>
              <td>{VENUE_NAMES[a.venue]}{a.venue === 'dydx' ? ` #${a.subaccount}` : ''}</td>
              <td>{a.network}</td>
              <td className="address" title={a.address}>{a.address}</td>
              <td>{a.markets.join(', ')}</td>
              <td>{a.sources.join(', ')}</td>
              <td className={a.mode === 'watch' ? 'warn' : 'pos'}>{a.mode}</td>
              <td><span className={`pill ${a.hasKey ? 'key-held' : 'no-key'}`}>{a.hasKey ? 'key held' : 'no key'}</span></td>
              <td className="actions">
                <button type="button" disabled={busy || inUse} onClick={() => onUse(a.id)} aria-label={`Use ${a.label}`}>Use</button>
                <button type="button" disabled={busy} onClick={() => onEdit(a)} aria-label={`Edit ${a.label}`}>Edit</button>
                <button
                  type="button" className="cancel" disabled={busy || inUse} onClick={() => onRemove(a.id)} aria-label={`Remove ${a.label}`}
                  title={inUse ? 'In use: switch to another account or the simulator first' : undefined}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
