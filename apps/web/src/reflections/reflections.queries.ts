import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';

export function useMyTasks() {
  return useQuery({
    queryKey: ['reflection-tasks', 'mine'],
    queryFn: () => call(api.GET('/api/v1/me/reflection-tasks', { params: { query: { limit: 200 } } })),
  });
}

/** One task (its writer's view, or a reviewer's with similarity: the api decides); fetched only when there is an id and `enabled` is not false. */
export function useTask(id: string | null | undefined, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['reflection-tasks', id],
    queryFn: () => call(api.GET('/api/v1/reflection-tasks/{id}', { params: { path: { id: id! } } })),
    enabled: enabled && Boolean(id),
  });
}

export function useSaveDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => call(api.PUT('/api/v1/reflection-tasks/{id}/draft', { params: { path: { id } }, body: { body } })),
    onSuccess: (task) => {
      queryClient.setQueryData(['reflection-tasks', id], task);
      void queryClient.invalidateQueries({ queryKey: ['reflection-tasks', 'mine'] });
    },
  });
}

export function useSubmitTask(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => call(api.POST('/api/v1/reflection-tasks/{id}/submit', { params: { path: { id } }, body: { body } })),
    onSuccess: (task) => {
      queryClient.setQueryData(['reflection-tasks', id], task);
      void queryClient.invalidateQueries({ queryKey: ['reflection-tasks', 'mine'] });
    },
  });
}
