import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { TerminalSnapshot } from '../../../shared/snapshot';

/** The terminal's state as main last reported it; null until the first answer. */
export function useSnapshot(api: BlackboxApi): { snapshot: TerminalSnapshot | null; error: string | null } {
  const [snapshot, setSnapshot] = useState<TerminalSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const unsubscribe = api.on('snapshot', setSnapshot);
    void api.getSnapshot({}).then((result) => {
      if (result.ok) setSnapshot(result.value);
      else setError(`${result.error.code}: ${result.error.message}`);
    });
    return unsubscribe;
  }, [api]);
  return { snapshot, error };
}
