import { useState, type ReactNode } from 'react';

/**
 * A button that asks once before acting: the first click shows what will happen and two buttons,
 * the second does it. Esc or "Keep" steps back.
 */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled, title, className }: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
  title?: string;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={className} disabled={disabled || busy} title={title} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="alertdialog" aria-label={`Confirm ${label}`} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setAsking(false))}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="confirm-yes"
        autoFocus
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>Keep</button>
    </span>
  );
}
