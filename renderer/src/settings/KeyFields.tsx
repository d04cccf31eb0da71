/**
 * The Paradex signing key. Main's own sentence on how it keeps secrets on this host sits beside
 * the field; the value lives only in the form's state until the save attempt clears it.
 */
import type { SecretProtection } from '../../../shared/venue-accounts';

interface Props {
  secrets: SecretProtection;
  value: string;
  onChange(value: string): void;
  /** Editing an account whose key main already holds: a blank field keeps that key. */
  keyHeld: boolean;
  subkey: boolean;
  onSubkey(on: boolean): void;
}

export function KeyFields({ secrets, value, onChange, keyHeld, subkey, onSubkey }: Props) {
  return (
    <fieldset className="key-fields wide">
      <legend>Signing key</legend>
      <p className={`secrets-note secrets-${secrets.kind}`} data-testid="secrets-note">{secrets.note}</p>
      <label>
        <span>Private key</span>
        <input
          type="password" aria-label="Private key" autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)}
          placeholder={keyHeld ? 'blank keeps the key held' : '0x… (Starknet private key)'}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={subkey} onChange={(e) => onSubkey(e.target.checked)} /> key is a subkey of the account
      </label>
    </fieldset>
  );
}
