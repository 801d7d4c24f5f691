import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';
import type { TaskFilter } from './task-filter';


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
  return useInvalidatingMutation(['assignments'], (body: Schemas['CreateAssignmentDto']) => call(api.POST('/api/v1/reflections/assignments', { body })));
}

export function useCloseAssignment(id: string) {
  return useInvalidatingMutation(['assignments'], () => call(api.POST('/api/v1/reflections/assignments/{id}/close', { params: { path: { id } } })));
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
