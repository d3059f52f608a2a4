// Cursor-paged lists in the cache (useInfiniteQuery data) and row-level edits of them.
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';
import type { Page } from '../api';

export const PAGE_SIZE = 50;

export type Pages<T> = InfiniteData<Page<T>, unknown>;

export const pageOptions = {
  initialPageParam: null as string | null,
  getNextPageParam: <T>(last: Page<T>) => last.next_cursor,
};

export function allItems<T>(data: Pages<T> | undefined): T[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}

// Applies `edit` to the items of every cached list under `prefix`; `edit` gets the list's key.
export function editCachedItems<T>(
  client: QueryClient,
  prefix: QueryKey,
  edit: (items: T[], key: QueryKey) => T[],
): void {
  for (const [key, data] of client.getQueriesData<Pages<T>>({ queryKey: prefix })) {
    if (!data) continue;
    client.setQueryData<Pages<T>>(key, {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: edit(page.items, key) })),
    });
  }
}
