import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export function myTasksQuery() {
  return queryOptions({
    queryKey: ['reflection-tasks', 'mine'],
    queryFn: () => call(api.GET('/api/v1/me/reflection-tasks', { params: { query: { limit: 200 } } })),
  });
}

export function useMyTasks() {
  return useQuery(myTasksQuery());
}

/** One task (its writer's view, or a reviewer's with similarity: the api decides); fetched only when there is an id and `enabled` is not false. */
export function useTask(id: string | null | undefined, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['reflection-tasks', id],
    queryFn: () => call(api.GET('/api/v1/reflection-tasks/{id}', { params: { path: { id: id! } } })),
    enabled: enabled && Boolean(id),
  });
}

/** Saving or submitting: the answer is the task as it now is; the member's list is fetched again. */
function useWriteTask(id: string, write: (body: string) => Promise<Schemas['TaskDto']>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (task) => {
      queryClient.setQueryData(['reflection-tasks', id], task);
      void queryClient.invalidateQueries({ queryKey: ['reflection-tasks', 'mine'] });
    },
  });
}

export function useSaveDraft(id: string) {
  return useWriteTask(id, (body) => call(api.PUT('/api/v1/reflection-tasks/{id}/draft', { params: { path: { id } }, body: { body } })));
}

export function useSubmitTask(id: string) {
  return useWriteTask(id, (body) => call(api.POST('/api/v1/reflection-tasks/{id}/submit', { params: { path: { id } }, body: { body } })));
}
