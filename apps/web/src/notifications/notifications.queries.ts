import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';

/** The header bell's count: the total of a one-item page of unread notifications. */
export function unreadCountQuery() {
  return queryOptions({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => call(api.GET('/api/v1/me/notifications', { params: { query: { unread: true, limit: 1 } } })),
  });
}

export function useUnreadCount() {
  return useQuery({ ...unreadCountQuery(), select: (page) => page.total, refetchInterval: 60_000 });
}

export function notificationsQuery(unreadOnly = false, limit = 50) {
  return queryOptions({
    queryKey: ['notifications', 'list', unreadOnly, limit],
    queryFn: () => call(api.GET('/api/v1/me/notifications', { params: { query: { unread: unreadOnly || undefined, limit } } })),
  });
}

export function useNotifications(unreadOnly = false, limit = 50) {
  return useQuery(notificationsQuery(unreadOnly, limit));
}

export function useMarkRead() {
  return useInvalidatingMutation(['notifications'], (id: string) => call(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } })));
}
