/**
 * The page-wide keyboard: "?" toggles the Keyboard shortcuts overlay, B / S pick the ticket's side,
 * Ctrl+Enter sends the ticket, arrows move between tabs, Esc leaves a field. Single keys act only
 * outside text fields, so they never type into the ticket.
 */
import { useEffect, useState } from 'react';
import { isTextEntry, SHORTCUTS, TAB_STEP_EVENT, TICKET_SIDE_EVENT, TICKET_SUBMIT_EVENT } from './shortcuts';

export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        window.dispatchEvent(new Event(TICKET_SUBMIT_EVENT));
        return;
      }
      if (e.key === 'Escape') {
        if (open) setOpen(false);
        else if (isTextEntry(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (isTextEntry(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '?') {
        e.preventDefault();
        setOpen((o) => !o);
      } else if (e.key === 'b' || e.key === 'B' || e.key === 's' || e.key === 'S') {
        e.preventDefault();
        window.dispatchEvent(new CustomEvent(TICKET_SIDE_EVENT, { detail: e.key.toLowerCase() === 'b' ? 'BUY' : 'SELL' }));
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        window.dispatchEvent(new CustomEvent(TAB_STEP_EVENT, { detail: e.key === 'ArrowLeft' ? -1 : 1 }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" data-testid="shortcuts-overlay" onClick={() => setOpen(false)}>
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h3>Keyboard shortcuts</h3>
        <table className="grid shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}><td><kbd>{s.keys}</kbd></td><td>{s.does}</td></tr>
            ))}
          </tbody>
        </table>
        <button type="button" autoFocus onClick={() => setOpen(false)}>Close (Esc)</button>
      </div>
    </div>
  );
}
