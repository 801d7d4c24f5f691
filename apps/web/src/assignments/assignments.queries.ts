import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

type TaskFilter = { status?: Schemas['TaskDto']['status']; warning?: Schemas['TaskDto']['warning'] };

export function useAssignments() {
  return useQuery({
    queryKey: ['assignments', 'list'],
    queryFn: () => call(api.GET('/api/v1/reflections/assignments', { params: { query: { limit: 200 } } })),
    // Follow dispatch: poll while any assignment is still being dispatched.
    refetchInterval: (q) => (q.state.data?.items.some((a) => a.status === 'dispatching') ? 1000 : false),
  });
}

export function useAssignment(id: string) {
  return useQuery({
    queryKey: ['assignments', id],
    queryFn: () => call(api.GET('/api/v1/reflections/assignments/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.status === 'dispatching' ? 1000 : 30_000),
  });
}

export function useAssignmentTasks(id: string, filter: TaskFilter, dispatching: boolean) {
  return useQuery({
    queryKey: ['assignments', id, 'tasks', filter],
    queryFn: () => call(api.GET('/api/v1/reflections/assignments/{id}/tasks', { params: { path: { id }, query: { ...filter, limit: 200 } } })),
    refetchInterval: dispatching ? 1000 : 30_000,
  });
}

export function useCreateAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateAssignmentDto']) => call(api.POST('/api/v1/reflections/assignments', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assignments'] }),
  });
}

export function useCloseAssignment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/reflections/assignments/{id}/close', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assignments'] }),
  });
}

/** A task as a reviewer sees it (with similarity). */
export function useReviewTask(id: string | null | undefined) {
  return useQuery({
    queryKey: ['reflection-tasks', id],
    queryFn: () => call(api.GET('/api/v1/reflection-tasks/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useReview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ReviewDto']) => call(api.POST('/api/v1/reflection-tasks/{id}/review', { params: { path: { id } }, body })),
    onSuccess: (task) => {
      queryClient.setQueryData(['reflection-tasks', id], task);
      void queryClient.invalidateQueries({ queryKey: ['assignments'] });
    },
  });
}

export function useExtend() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, dueAt }: { id: string; dueAt: string }) =>
      call(api.POST('/api/v1/reflection-tasks/{id}/extend', { params: { path: { id } }, body: { dueAt } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assignments'] }),
  });
}

/** People an organiser may put in an audience (their units'). */
export function useUsers(query: { q?: string; unitId?: string }, enabled = true) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () => call(api.GET('/api/v1/users', { params: { query: { ...query, limit: 200 } } })),
    enabled,
  });
}
