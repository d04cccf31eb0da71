/**
 * Settings › Venue accounts: the accounts main keeps, which one the live terminal runs on, and the
 * form to add or edit one. Every decision (validation, keys, the switch) is main's; this shows it.
 */
import { useState } from 'react';
import type { VenueAccountView } from '../../../shared/venue-accounts';
import { AccountForm } from './AccountForm';
import { AccountsTable } from './AccountsTable';
import type { VenueSettingsControl } from './use-venue-settings';

export function VenueAccountsPanel({ control }: { control: VenueSettingsControl }) {
  const { settings, message, progress, busy } = control;
  const [editing, setEditing] = useState<VenueAccountView | null>(null);

  if (!settings) {
    return (
      <section className="venue-accounts-panel" data-testid="venue-accounts-panel">
        <p className={message ? 'neg' : 'muted'}>{message?.text ?? 'Reading the venue accounts…'}</p>
      </section>
    );
  }

  const active = settings.accounts.find((a) => a.id === settings.active);
  return (
    <section className="venue-accounts-panel" data-testid="venue-accounts-panel">
      <div className="panel-head">
        <h4>Venue accounts</h4>
        <span data-testid="venue-in-use">In use: {active ? active.label : 'the built-in simulator'}</span>
        <button type="button" disabled={busy || settings.active === null} onClick={() => void control.use(null)}>
          Use simulator
        </button>
        {progress && <span className="progress" role="status" data-testid="venue-progress">{progress}</span>}
        {!progress && message && <span className={message.ok ? 'pos' : 'neg'} role="status" data-testid="venue-message">{message.text}</span>}
      </div>
      {settings.notice && <p className="venue-notice" role="alert" data-testid="venue-notice">{settings.notice}</p>}
      <AccountsTable
        accounts={settings.accounts} active={settings.active} busy={busy}
        onUse={(id) => void control.use(id)} onEdit={setEditing}
        onRemove={(id) => {
          const account = settings.accounts.find((a) => a.id === id);
          // A key held only by Blackbox (in memory on this host) cannot be got back once removed.
          const keyLost = account?.hasKey ? ' and the key Blackbox holds for it' : '';
          if (!window.confirm(`Remove ${account?.label ?? id}${keyLost}? The journal keeps everything already recorded.`)) return;
          if (editing?.id === id) setEditing(null);
          void control.remove(id);
        }}
      />
      <AccountForm editing={editing} secrets={settings.secrets} busy={busy} save={control.save} onDone={() => setEditing(null)} />
    </section>
  );
}
