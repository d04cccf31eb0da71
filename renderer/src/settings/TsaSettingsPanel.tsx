/** Which time-stamp authorities anchor the journal head, and the list the trader keeps in Settings; main validates and stores it. */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { TsaSettingsView, TsaSource } from '../../../shared/tsa-settings';

const SOURCE_WORDS: Record<TsaSource, string> = {
  flag: 'the --tsa flags the app was started with',
  environment: 'the BLACKBOX_TSA_URLS environment variable',
  settings: 'the list saved here',
  defaults: 'the public defaults',
  none: 'nowhere: the simulator anchors only with authorities named by --tsa or BLACKBOX_TSA_URLS',
};

export function TsaSettingsPanel({ api }: { api: BlackboxApi }) {
  const [view, setView] = useState<TsaSettingsView | null>(null);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const show = (next: TsaSettingsView) => {
    setView(next);
    setText((next.saved ?? []).join('\n'));
  };

  useEffect(() => {
    void api.getTsaSettings({}).then((result) => (result.ok ? show(result.value) : setMessage(result.error.message)));
  }, [api]);

  async function save() {
    const urls = text.split(/\s+/).filter(Boolean);
    const result = await api.setTsaSettings({ urls });
    if (!result.ok) return setMessage(result.error.message);
    show(result.value);
    setMessage(urls.length > 0 ? 'Saved; a venue account uses it from its next start.' : 'Cleared; a venue account uses the defaults from its next start.');
  }

  return (
    <form className="tsa-settings" data-testid="tsa-settings" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h4>Time-stamp authorities</h4>
      {view && (
        <div data-testid="tsa-in-force">
          <p>
            In force, from {SOURCE_WORDS[view.source]}: {view.inForce.length > 0 ? view.inForce.join(', ') : 'none, the journal head is not anchored'}.
          </p>
          <p>Saved: {view.saved ? view.saved.join(', ') : `none (defaults: ${view.defaults.join(', ')})`}</p>
        </div>
      )}
      <label>
        <span>Authorities to save (one http(s) URL per line; empty for the defaults)</span>
        <textarea aria-label="Time-stamp authority URLs" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <small>Anchors a venue account's journal from its next start; --tsa and BLACKBOX_TSA_URLS take precedence.</small>
      </label>
      <button type="submit">Save authorities</button>
      {message && <p className="settings-message">{message}</p>}
    </form>
  );
}
