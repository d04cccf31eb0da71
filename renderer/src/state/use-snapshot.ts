import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { TerminalSnapshot } from '../../../shared/snapshot';

/**
 * The terminal's state as main last reported it; null until the first answer. A fast replay can
 * push thousands of snapshots a second: only the newest is drawn, once per animation frame, so
 * the page keeps up instead of falling ever further behind.
 */
export function useSnapshot(api: BlackboxApi): { snapshot: TerminalSnapshot | null; error: string | null } {
  const [snapshot, setSnapshot] = useState<TerminalSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let pending: TerminalSnapshot | null = null;
    let frame: number | null = null;
    const draw = () => {
      frame = null;
      if (pending) setSnapshot(pending);
      pending = null;
    };
    // A first read can fail while main moves to another venue account; the snapshot it pushes
    // once the move is done brings the page up after all.
    const unsubscribe = api.on('snapshot', (next) => {
      pending = next;
      setError(null);
      frame ??= requestAnimationFrame(draw);
    });
    void api.getSnapshot({}).then((result) => {
      if (result.ok) setSnapshot((current) => current ?? result.value);
      else setError(`${result.error.code}: ${result.error.message}`);
    });
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [api]);
  return { snapshot, error };
}
