/**
 * Adds an account, or edits the one picked in the list. A typed Paradex key goes to main once, on
 * save, and is dropped from this component's state right after, whatever main answered.
 */
import { useEffect, useState } from 'react';
import {
  ACCOUNT_VENUES, ADDRESS_RULES, NETWORKS, REFERENCE_SOURCES, TRADING_VENUES, type SaveVenueAccount, type SecretProtection, type VenueAccountView,
} from '../../../shared/venue-accounts';
import { accountToForm, EMPTY_FORM, MARKET_EXAMPLES, readAccountForm, VENUE_NAMES, type AccountFormText } from './account-form';
import { EndpointFields } from './EndpointFields';
import { KeyFields } from './KeyFields';

interface Props {
  editing: VenueAccountView | null;
  secrets: SecretProtection;
  busy: boolean;
  save(params: SaveVenueAccount): Promise<string | null>;
  onDone(): void;
}

export function AccountForm({ editing, secrets, busy, save, onDone }: Props) {
  const [text, setText] = useState<AccountFormText>(EMPTY_FORM);
  const [privateKey, setPrivateKey] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    setText(editing ? accountToForm(editing) : EMPTY_FORM);
    setPrivateKey('');
    if (editing) setOutcome(null);
  }, [editing]);

  const set = <K extends keyof AccountFormText>(key: K, value: AccountFormText[K]) => setText((t) => ({ ...t, [key]: value }));
  const toggleSource = (source: (typeof REFERENCE_SOURCES)[number], on: boolean) =>
    set('sources', on ? [...text.sources, source] : text.sources.filter((s) => s !== source));

  async function submit() {
    const typedKey = privateKey;
    setPrivateKey('');
    const reading = readAccountForm(text, typedKey, editing?.id);
    if (!reading.ok) return setOutcome({ ok: false, text: reading.message });
    const problem = await save(reading.params);
    if (problem) return setOutcome({ ok: false, text: problem });
    setOutcome({ ok: true, text: `Saved ${reading.params.account.label}.` });
    if (editing) onDone();
    else setText(EMPTY_FORM);
  }

  return (
    <form className="account-form" data-testid="account-form" autoComplete="off" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <h4>{editing ? `Edit ${editing.label}` : 'Add an account'}</h4>
      <label>
        <span>Name</span>
        <input aria-label="Name" value={text.label} onChange={(e) => set('label', e.target.value)} placeholder="e.g. Main" />
      </label>
      <label>
        <span>Venue</span>
        <select aria-label="Venue" value={text.venue} onChange={(e) => set('venue', e.target.value as AccountFormText['venue'])}>
          {ACCOUNT_VENUES.map((v) => <option key={v} value={v}>{VENUE_NAMES[v]}</option>)}
        </select>
        <small>{TRADING_VENUES.includes(text.venue) ? 'Trades with a key held by Blackbox.' : 'Watched by address: no orders from Blackbox.'}</small>
      </label>
      <label>
        <span>Network</span>
        <select aria-label="Network" value={text.network} onChange={(e) => set('network', e.target.value as AccountFormText['network'])}>
          {NETWORKS.map((n) => <option key={n}>{n}</option>)}
        </select>
      </label>
      <label>
        <span>Address</span>
        <input aria-label="Address" value={text.address} onChange={(e) => set('address', e.target.value)} placeholder={ADDRESS_RULES[text.venue].example} spellCheck={false} />
      </label>
      {text.venue === 'dydx' && (
        <label>
          <span>Subaccount</span>
          <input aria-label="Subaccount" inputMode="numeric" value={text.subaccount} onChange={(e) => set('subaccount', e.target.value)} />
        </label>
      )}
      <label>
        <span>Markets</span>
        <input aria-label="Markets" value={text.markets} onChange={(e) => set('markets', e.target.value)} placeholder={MARKET_EXAMPLES[text.venue]} spellCheck={false} />
        <small>separated by commas or spaces</small>
      </label>
      <fieldset className="sources">
        <legend>Reference sources</legend>
        {REFERENCE_SOURCES.map((source) => (
          <label key={source} className="check">
            <input type="checkbox" checked={text.sources.includes(source)} onChange={(e) => toggleSource(source, e.target.checked)} /> {source}
          </label>
        ))}
        <small>two or more give the band its quorum</small>
      </fieldset>
      <label className="wide">
        <span>Symbol overrides</span>
        <textarea aria-label="Symbol overrides" rows={2} value={text.symbols} onChange={(e) => set('symbols', e.target.value)} placeholder="coinbase BTC-USD-PERP=BTC-USD" spellCheck={false} />
        <small>optional, one a line: source market=symbol, where the source names the market differently</small>
      </label>
      <EndpointFields text={text} set={set} />
      {text.venue === 'paradex' && (
        <KeyFields
          secrets={secrets} value={privateKey} onChange={setPrivateKey} keyHeld={editing?.venue === 'paradex' && editing.hasKey}
          subkey={text.subkey} onSubkey={(on) => set('subkey', on)}
        />
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>{editing ? 'Save changes' : 'Add account'}</button>
        {editing && <button type="button" onClick={onDone}>Cancel</button>}
        {outcome && <span className={outcome.ok ? 'pos' : 'neg'} role="status" data-testid="account-form-outcome">{outcome.text}</span>}
      </div>
    </form>
  );
}
