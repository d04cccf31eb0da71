import { useState } from 'react';
import { askNotificationPermission, notificationState } from './incident-notifications';

const LABEL: Record<ReturnType<typeof notificationState>, string> = {
  default: 'Notify on incidents',
  granted: 'notifications on',
  denied: 'notifications blocked',
  unsupported: 'no notifications here',
};

/** Asks for notification permission on a click; afterwards only says what the host allowed. */
export function NotificationButton() {
  const [state, setState] = useState(notificationState);
  if (state !== 'default') return <span className="pill notify-state" data-testid="notification-state">{LABEL[state]}</span>;
  return (
    <button type="button" className="pill notify" data-testid="notification-button" onClick={() => void askNotificationPermission().then(setState)}>
      {LABEL[state]}
    </button>
  );
}
