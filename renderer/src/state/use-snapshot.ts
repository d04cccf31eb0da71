import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { TerminalSnapshot } from '../../../shared/snapshot';

/** The terminal's state as main last reported it; null until the first answer. */
export function useSnapshot(api: BlackboxApi): { snapshot: TerminalSnapshot | null; error: string | null } {
  const [snapshot, setSnapshot] = useState<TerminalSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A first read can fail while main moves to another venue account; the snapshot it pushes
    // once the move is done brings the page up after all.
    const unsubscribe = api.on('snapshot', (next) => {
      setSnapshot(next);
      setError(null);
    });
    void api.getSnapshot({}).then((result) => {
      if (result.ok) setSnapshot(result.value);
      else setError(`${result.error.code}: ${result.error.message}`);
    });
    return unsubscribe;
  }, [api]);
  return { snapshot, error };
}
