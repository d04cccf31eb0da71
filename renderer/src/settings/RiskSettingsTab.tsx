/** The band and caps for one market, as main keeps them; main validates and stores every change. */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { MarketRiskSettings } from '../../../shared/risk-settings';

type Field = { key: keyof MarketRiskSettings; label: string; hint: string };
const FIELDS: Field[] = [
  { key: 'band', label: 'Band', hint: 'fraction, e.g. 0.005 = ±0.5 %' },
  { key: 'degradedBand', label: 'Band while degraded', hint: 'post-only, cancel-only, just reopened' },
  { key: 'divergence', label: 'Mark divergence limit', hint: 'venue mark vs independent price' },
  { key: 'maxNotional', label: 'Max notional', hint: 'quote currency' },
  { key: 'maxSize', label: 'Max size', hint: 'base units; empty for none' },
  { key: 'reopenWindowMs', label: 'Tight after reopening (ms)', hint: 'how long the degraded band holds' },
];

export function RiskSettingsTab({ api, market }: { api: BlackboxApi; market: string }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    void api.getRiskSettings({ market }).then((result) => {
      if (!result.ok) return setMessage(result.error.message);
      setValues(Object.fromEntries(FIELDS.map((f) => [f.key, result.value[f.key] === null ? '' : String(result.value[f.key])])));
    });
  }, [api, market]);

  async function save() {
    const settings = {
      band: values.band, degradedBand: values.degradedBand, divergence: values.divergence, maxNotional: values.maxNotional,
      maxSize: values.maxSize === '' ? null : values.maxSize, reopenWindowMs: Number(values.reopenWindowMs),
    };
    const result = await api.setRiskSettings({ market, settings });
    setMessage(result.ok ? `Saved for ${market}.` : result.error.message);
  }

  return (
    <form className="risk-settings" data-testid="risk-settings" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h4>Independent price band · {market}</h4>
      {FIELDS.map((f) => (
        <label key={f.key}>
          <span>{f.label}</span>
          <input aria-label={f.label} value={values[f.key] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value.trim() }))} />
          <small>{f.hint}</small>
        </label>
      ))}
      <button type="submit">Save</button>
      {message && <p className="settings-message">{message}</p>}
    </form>
  );
}
