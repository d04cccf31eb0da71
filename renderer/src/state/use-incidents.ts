import { useEffect, useState } from 'react';
import type { BlackboxApi } from '../../../shared/contract';
import type { IncidentView } from '../../../shared/incidents';
import { mergeIncident } from '../incidents/merge-incident';
import { notifyIncident } from '../notify/incident-notifications';

/** Incidents as main reports them: the list once, then every change; a new one also notifies. */
export function useIncidents(api: BlackboxApi): IncidentView[] {
  const [incidents, setIncidents] = useState<IncidentView[]>([]);
  useEffect(() => {
    const known = new Set<string>();
    let live = true;
    const unsubscribe = api.on('incident', (incident) => {
      if (!known.has(incident.id)) {
        known.add(incident.id);
        notifyIncident(incident);
      }
      setIncidents((list) => mergeIncident(list, incident));
    });
    void api.listIncidents({}).then((result) => {
      if (!live || !result.ok) return;
      for (const incident of result.value) known.add(incident.id);
      setIncidents((list) => result.value.reduce(mergeIncident, list.filter((i) => !result.value.some((r) => r.id === i.id))));
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return incidents;
}
