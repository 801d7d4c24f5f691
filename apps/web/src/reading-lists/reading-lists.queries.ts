import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';

export function useCreateReadingList() {
  return useInvalidatingMutation(['reading-lists'], (body: Schemas['CreateReadingListDto']) => call(api.POST('/api/v1/reading-lists', { body })));
}

export function useReadingProgress(listId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: ['reading-lists', listId, 'progress', unitId],
    queryFn: () => call(api.GET('/api/v1/reading-lists/{id}/progress', { params: { path: { id: listId! }, query: { unitId } } })),
    enabled: Boolean(listId),
  });
}
