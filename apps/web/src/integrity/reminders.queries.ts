import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

/** Reminders the caller follows, with acknowledgement counts; polled so that progress moves on its own. */
export function useReminders() {
  return useQuery({
    queryKey: ['reminders', 'list'],
    queryFn: () => call(api.GET('/api/v1/reminders', { params: { query: { limit: 200 } } })),
    refetchInterval: 15_000,
  });
}

export function useCreateReminder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateReminderDto']) => call(api.POST('/api/v1/reminders', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reminders'] }),
  });
}

/** Who has and has not acknowledged (sender, organisers of the audience, auditors, admins). */
export function useReminderReport(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['reminders', id, 'report'],
    queryFn: () => call(api.GET('/api/v1/reminders/{id}', { params: { path: { id } } })),
    enabled,
    retry: false,
    refetchInterval: 15_000,
  });
}

/** The reminder as its recipient reads it (404 to anyone else). */
export function useReceivedReminder(id: string) {
  return useQuery({
    queryKey: ['reminders', id, 'received'],
    queryFn: () => call(api.GET('/api/v1/me/reminders/{id}', { params: { path: { id } } })),
    retry: false,
  });
}

export function useAcknowledgeReminder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/reminders/{id}/acknowledge', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['reminders', id] }),
  });
}
