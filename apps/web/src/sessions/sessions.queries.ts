import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';
import { orgToday } from '../common/org-time';

type ListQuery = { from?: string; to?: string; status?: Schemas['SessionDto']['status']; unitId?: string; limit?: number };

function sessionsQuery(query: ListQuery) {
  return queryOptions({
    queryKey: ['sessions', 'list', query],
    queryFn: () => call(api.GET('/api/v1/sessions', { params: { query } })),
  });
}

export function useSessions(query: ListQuery) {
  return useQuery(sessionsQuery(query));
}

/** Published sessions from today on, soonest first. */
export function upcomingSessionsQuery(limit = 5) {
  return sessionsQuery({ from: orgToday(), status: 'published', limit });
}

export function useUpcomingSessions(limit = 5) {
  return useQuery(upcomingSessionsQuery(limit));
}

/** One session; fetched only when there is an id and `enabled` is not false. */
export function useSession(id: string | null | undefined, { enabled = true, refetchInterval }: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ['sessions', id],
    queryFn: () => call(api.GET('/api/v1/sessions/{id}', { params: { path: { id: id! } } })),
    enabled: enabled && Boolean(id),
    refetchInterval,
  });
}

export function usePublishSession() {
  return useInvalidatingMutation(['sessions'], (id: string) => call(api.POST('/api/v1/sessions/{id}/publish', { params: { path: { id } } })));
}

export function useCreateSession() {
  return useInvalidatingMutation(['sessions'], (body: Schemas['CreateSessionDto']) => call(api.POST('/api/v1/sessions', { body })));
}

export function useMenus() {
  return useQuery({ queryKey: ['menus'], queryFn: () => call(api.GET('/api/v1/menus', { params: { query: { limit: 200 } } })) });
}

export function useUnits() {
  return useQuery({ queryKey: ['units'], queryFn: () => call(api.GET('/api/v1/units')), staleTime: 5 * 60_000 });
}
