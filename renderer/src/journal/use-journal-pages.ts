import { useCallback, useEffect, useRef, useState } from 'react';
import type { BlackboxApi, MethodInput } from '../../../shared/contract';
import type { JournalEvent } from '../../../shared/domain';
import type { JournalSource } from '../../../shared/journal-view';

export type JournalFilter = Omit<MethodInput<'queryJournal'>, 'beforeSeq' | 'limit'>;
const PAGE = 500;

/** Pages of the journal, newest first, loaded as the table scrolls towards the end. */
export function useJournalPages(api: BlackboxApi, filter: JournalFilter, reloadKey: number) {
  const [events, setEvents] = useState<JournalEvent[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [source, setSource] = useState<JournalSource | null>(null);
  const [accounts, setAccounts] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const loading = useRef(false);
  const filterKey = JSON.stringify(filter);

  const load = useCallback(
    async (beforeSeq: number | undefined, replace: boolean) => {
      if (loading.current) return;
      loading.current = true;
      const result = await api.queryJournal({ ...JSON.parse(filterKey), ...(beforeSeq ? { beforeSeq } : {}), limit: PAGE });
      loading.current = false;
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setSource(result.value.source);
      setAccounts(result.value.accounts);
      setHasMore(result.value.hasMore);
      setEvents((previous) => (replace ? result.value.events : [...previous, ...result.value.events]));
    },
    [api, filterKey],
  );

  useEffect(() => {
    void load(undefined, true);
  }, [load, reloadKey]);

  const loadMore = useCallback(() => {
    if (hasMore && events.length) void load(events[events.length - 1].seq, false);
  }, [events, hasMore, load]);

  return { events, hasMore, source, accounts, error, loadMore };
}
