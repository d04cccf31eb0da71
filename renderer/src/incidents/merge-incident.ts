import type { IncidentView } from '../../../shared/incidents';

/** The list with this incident's latest view in place (or appended when new). */
export function mergeIncident(list: readonly IncidentView[], incident: IncidentView): IncidentView[] {
  const index = list.findIndex((i) => i.id === incident.id);
  if (index < 0) return [...list, incident];
  const next = [...list];
  next[index] = incident;
  return next;
}

/** Incidents still in progress: what the tab's badge counts. */
export const openCount = (list: readonly IncidentView[]) => list.filter((i) => i.closedAt === null).length;
