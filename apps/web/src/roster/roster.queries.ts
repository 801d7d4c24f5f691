import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

function useInvalidateSession(sessionId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['attendance', sessionId] }),
      queryClient.invalidateQueries({ queryKey: ['sessions'] }),
      queryClient.invalidateQueries({ queryKey: ['leave-requests'] }),
    ]);
}

export function useMark(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ userId, ...body }: { userId: string } & Schemas['MarkAttendanceDto']) =>
      call(api.PUT('/api/v1/sessions/{id}/attendance/{userId}', { params: { path: { id: sessionId, userId } }, body })),
    onSuccess: invalidate,
  });
}

export function useCompleteSession(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/sessions/{id}/complete', { params: { path: { id: sessionId } } })),
    onSuccess: invalidate,
  });
}

export function useSessionLeaveRequests(sessionId: string) {
  return useQuery({
    queryKey: ['leave-requests', 'session', sessionId],
    queryFn: () => call(api.GET('/api/v1/leave-requests', { params: { query: { sessionId, limit: 200 } } })),
  });
}

export function useDecideLeave(sessionId: string) {
  const invalidate = useInvalidateSession(sessionId);
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Schemas['LeaveDecisionDto']) =>
      call(api.POST('/api/v1/leave-requests/{id}/decision', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}
