/** The page's keyboard shortcuts: one list, used by the handler, the overlay and the README. */

/** Window events the page-wide keyboard sends to the ticket and the tabs. */
export const TICKET_SIDE_EVENT = 'blackbox:ticket-side';
export const TICKET_SUBMIT_EVENT = 'blackbox:ticket-submit';
export const TAB_STEP_EVENT = 'blackbox:tab-step';
export const SHORTCUTS: { keys: string; does: string }[] = [
  { keys: '?', does: 'Show or hide this list (outside a text field)' },
  { keys: 'B', does: 'Ticket side Buy, cursor to Size' },
  { keys: 'S', does: 'Ticket side Sell, cursor to Size' },
  { keys: 'Enter / Ctrl+Enter', does: 'Send the ticket (Ctrl+Enter from anywhere)' },
  { keys: 'Alt+B / Alt+S', does: 'Switch side while in the ticket' },
  { keys: 'Esc', does: 'Leave the field, close this list or a confirmation' },
  { keys: '← / →', does: 'Previous / next tab (outside a text field)' },
  { keys: 'Alt+1 … Alt+9', does: 'Go to tab 1 … 9' },
];

/** True when typing goes into the element, so single-letter shortcuts must leave it alone. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}
