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
  // Bumped by each first-page load: an answer for an older filter must not land in the list.
  const generation = useRef(0);
  const filterKey = JSON.stringify(filter);

  const load = useCallback(
    async (beforeSeq: number | undefined, replace: boolean) => {
      if (!replace && loading.current) return;
      const mine = replace ? ++generation.current : generation.current;
      loading.current = true;
      const result = await api.queryJournal({ ...JSON.parse(filterKey), ...(beforeSeq ? { beforeSeq } : {}), limit: PAGE });
      if (mine !== generation.current) return;
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
