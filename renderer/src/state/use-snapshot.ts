import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { TerminalSnapshot } from '../../../shared/snapshot';

/**
 * The terminal's state as main last reported it; null until the first answer. A fast replay can
 * push thousands of snapshots a second: only the newest is drawn, at most every DRAW_MS and
 * outside the animation frame the chart paints in, so the page keeps up instead of falling behind.
 */
const DRAW_MS = 100;

export function useSnapshot(api: BlackboxApi): { snapshot: TerminalSnapshot | null; error: string | null } {
  const [snapshot, setSnapshot] = useState<TerminalSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let pending: TerminalSnapshot | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const draw = () => {
      timer = null;
      if (pending) setSnapshot(pending);
      pending = null;
    };
    // A first read can fail while main moves to another venue account; the snapshot it pushes
    // once the move is done brings the page up after all.
    const unsubscribe = api.on('snapshot', (next) => {
      pending = next;
      setError(null);
      timer ??= setTimeout(draw, DRAW_MS);
    });
    void api.getSnapshot({}).then((result) => {
      if (result.ok) setSnapshot((current) => current ?? result.value);
      else setError(`${result.error.code}: ${result.error.message}`);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [api]);
  return { snapshot, error };
}
