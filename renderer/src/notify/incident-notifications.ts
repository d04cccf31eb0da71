/**
 * OS notifications for new incidents through the browser Notification API (the same API in the
 * Electron renderer). Permission is asked only on a click; a denied or missing API just means
 * no notifications.
 */
import type { IncidentView } from '../../../shared/incidents';

export type NotificationState = NotificationPermission | 'unsupported';

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Call from a click handler: browsers only ask on a user gesture. */
export async function askNotificationPermission(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export function notifyIncident(incident: IncidentView): void {
  if (notificationState() !== 'granted') return;
  const summary = incident.findings[0]?.summary ?? '';
  try {
    new Notification(`Blackbox · ${incident.id} ${incident.kind}${incident.market ? ` · ${incident.market}` : ''}`, { body: summary, tag: incident.id });
  } catch {
    // Some hosts expose the constructor but refuse it (e.g. only service-worker notifications); the tab still shows it.
  }
}
