import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';

export function useCheckIn(sessionId: string) {
  return useInvalidatingMutation(['sessions'], (code: string) => call(api.POST('/api/v1/sessions/{id}/check-in', { params: { path: { id: sessionId } }, body: { code } })));
}

/** The projector's code; refetched just after it expires. */
export function useCheckInCode(sessionId: string) {
  return useQuery({
    queryKey: ['check-in-code', sessionId],
    queryFn: () => call(api.GET('/api/v1/sessions/{id}/check-in-code', { params: { path: { id: sessionId } } })),
    // Just after expiry; between 2 s and 60 s whatever this device's clock says of the server's.
    refetchInterval: (query) => {
      const expiresAt = query.state.data?.expiresAt;
      return expiresAt ? Math.min(60_000, Math.max(2_000, new Date(expiresAt).getTime() - Date.now() + 300)) : 5_000;
    },
    refetchIntervalInBackground: true,
  });
}

/** The roster, polled every 1.5 s on the projector (polling, not SSE: see apps/web/README.md). */
export function useRoster(sessionId: string, refetchInterval?: number) {
  return useQuery({
    queryKey: ['attendance', sessionId],
    queryFn: () => call(api.GET('/api/v1/sessions/{id}/attendance', { params: { path: { id: sessionId }, query: { limit: 200 } } })),
    refetchInterval,
    refetchIntervalInBackground: true,
  });
}

export function useMyLeaveRequests(sessionId?: string) {
  return useQuery({
    queryKey: ['leave-requests', sessionId ?? 'all'],
    queryFn: () => call(api.GET('/api/v1/leave-requests', { params: { query: { sessionId, limit: 50 } } })),
  });
}

export function useRequestLeave(sessionId: string) {
  return useInvalidatingMutation(['leave-requests'], (reason: string) => call(api.POST('/api/v1/sessions/{id}/leave-requests', { params: { path: { id: sessionId } }, body: { reason } })));
}

/** Withdraws an undecided request (contract v1.1); withdrawing twice returns it unchanged. */
export function useWithdrawLeave() {
  return useInvalidatingMutation(['leave-requests'], (id: string) => call(api.POST('/api/v1/leave-requests/{id}/withdraw', { params: { path: { id } } })));
}

export function useMakeUp(sessionId: string) {
  return useInvalidatingMutation(['attendance'], (summary: string) => call(api.POST('/api/v1/sessions/{id}/make-up', { params: { path: { id: sessionId } }, body: { summary } })));
}

/** The caller's own records, newest session first, with the session and the make-up study. */
export function useMyAttendance(limit = 50) {
  return useQuery({
    queryKey: ['attendance', 'mine', limit],
    queryFn: () => call(api.GET('/api/v1/me/attendance', { params: { query: { limit } } })),
  });
}
