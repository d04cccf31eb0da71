/** Optional overrides of the network's endpoints (a self-hosted indexer, a local test server); blank keeps the default. */
import type { AccountFormText } from './account-form';

type UrlKey = 'restUrl' | 'wsUrl' | 'rpcUrl';
const FIELDS: { key: UrlKey; label: string; placeholder: string }[] = [
  { key: 'restUrl', label: 'REST URL', placeholder: 'https://…' },
  { key: 'wsUrl', label: 'WebSocket URL', placeholder: 'wss://…' },
  { key: 'rpcUrl', label: 'RPC URL', placeholder: 'https://…' },
];

interface Props {
  text: AccountFormText;
  set(key: UrlKey, value: string): void;
}

export function EndpointFields({ text, set }: Props) {
  // Collapsed by default, so the summary says when an edited account overrides any endpoint.
  const overridden = FIELDS.filter((f) => text[f.key].trim() !== '').length;
  return (
    <details className="endpoints wide">
      <summary>Advanced: endpoints{overridden ? ` (${overridden} overridden)` : ''}</summary>
      {FIELDS.map((f) => (
        <label key={f.key}>
          <span>{f.label}</span>
          <input aria-label={f.label} value={text[f.key]} onChange={(e) => set(f.key, e.target.value)} placeholder={`${f.placeholder} (network default when blank)`} spellCheck={false} />
        </label>
      ))}
    </details>
  );
}
