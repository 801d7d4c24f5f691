import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';

export function readingListsQuery(year?: number) {
  return queryOptions({
    queryKey: ['reading-lists', 'list', year],
    queryFn: () => call(api.GET('/api/v1/reading-lists', { params: { query: { year, limit: 50 } } })),
  });
}

export function useReadingLists(year?: number) {
  return useQuery(readingListsQuery(year));
}

/** One list with its items; fetched only when there is an id and `enabled` is not false. */
export function useReadingList(id: string | null | undefined, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['reading-lists', id],
    queryFn: () => call(api.GET('/api/v1/reading-lists/{id}', { params: { path: { id: id! } } })),
    enabled: enabled && Boolean(id),
  });
}

export function usePutProgress(listId: string) {
  return useInvalidatingMutation(['reading-lists'], ({ itemId, ...body }: { itemId: string } & Schemas['PutProgressDto']) =>
    call(api.PUT('/api/v1/reading-lists/{id}/items/{itemId}/progress', { params: { path: { id: listId, itemId } }, body })),
  );
}
