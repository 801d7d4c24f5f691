import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export function useCreateReadingList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateReadingListDto']) => call(api.POST('/api/v1/reading-lists', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reading-lists'] }),
  });
}

export function useReadingProgress(listId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: ['reading-lists', listId, 'progress', unitId],
    queryFn: () => call(api.GET('/api/v1/reading-lists/{id}/progress', { params: { path: { id: listId! }, query: { unitId } } })),
    enabled: Boolean(listId),
  });
}
