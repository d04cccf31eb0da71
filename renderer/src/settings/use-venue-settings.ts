/**
 * The venue accounts as main keeps them, and the calls that change them. Held by App, above the
 * session that is rebuilt when the terminal moves to another account, so a switch in progress and
 * its outcome survive that rebuild.
 */
import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { SaveVenueAccount, VenueSettingsView } from '../../../shared/venue-accounts';

export interface VenueSettingsControl {
  settings: VenueSettingsView | null;
  /** The outcome of the last Use or Remove; `ok: false` carries main's error message. */
  message: { ok: boolean; text: string } | null;
  /** What is being done while a switch runs ("Connecting to …"); null otherwise. */
  progress: string | null;
  /** True while any call is under way: the panel's buttons wait for it. */
  busy: boolean;
  /** Main's error message, or null once saved. */
  save(params: SaveVenueAccount): Promise<string | null>;
  remove(id: string): Promise<void>;
  use(id: string | null): Promise<void>;
}

/** `account` is the snapshot's account in words: when it changes, whatever the cause, the list is read again. */
export function useVenueSettings(api: BlackboxApi, account: string | undefined): VenueSettingsControl {
  const [settings, setSettings] = useState<VenueSettingsView | null>(null);
  const [message, setMessage] = useState<VenueSettingsControl['message']>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void api.getVenueSettings({}).then((result) => {
      if (!live) return;
      if (result.ok) setSettings(result.value);
      else setMessage({ ok: false, text: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, account]);

  /**
   * Runs one call with the buttons disabled; a good answer replaces the view. After a failure the
   * view is read again: a switch that failed may have left main on the simulator with a notice.
   */
  async function call(send: () => Promise<Result<VenueSettingsView>>): Promise<Result<VenueSettingsView>> {
    setBusy(true);
    try {
      const result = await send();
      const view = result.ok ? result : await api.getVenueSettings({});
      if (view.ok) setSettings(view.value);
      return result;
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  /** For the list's actions: the outcome is shown above the list. */
  async function act(send: () => Promise<Result<VenueSettingsView>>, success: string): Promise<void> {
    setMessage(null);
    const result = await call(send);
    setMessage(result.ok ? { ok: true, text: success } : { ok: false, text: result.error.message });
  }

  const labelOf = (id: string) => settings?.accounts.find((a) => a.id === id)?.label ?? id;

  return {
    settings, message, progress, busy,
    save: async (params) => {
      const result = await call(() => api.saveVenueAccount(params));
      return result.ok ? null : result.error.message;
    },
    remove: (id) => act(() => api.removeVenueAccount({ id }), `Removed ${labelOf(id)}.`),
    use: (id) => {
      const target = id === null ? 'the simulator' : labelOf(id);
      setProgress(`Connecting to ${target}…`);
      return act(() => api.useVenueAccount({ id }), `Now on ${target}.`);
    },
  };
}
