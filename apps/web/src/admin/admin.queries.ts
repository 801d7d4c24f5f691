import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateUnitDto']) => call(api.POST('/api/v1/units', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }),
  });
}

export type UserQuery = { unitId?: string; role?: Schemas['UserDto']['role']; q?: string };

/** Users the caller may see (an organiser: their units'), first 200; fetched only while `enabled` is not false. */
export function useUsers(query: UserQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () => call(api.GET('/api/v1/users', { params: { query: { ...query, limit: 200 } } })),
    enabled,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateUserDto']) => call(api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & Schemas['UpdateUserDto']) => call(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** CSV import: the body is the file's text, sent as text/csv (the one route that takes it). */
export function useImportUsers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) =>
      call(
        api.POST('/api/v1/users/import', {
          body: csv,
          bodySerializer: (b: string) => b,
          headers: { 'Content-Type': 'text/csv; charset=utf-8' },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Admin resets a forgotten password: the user's tokens are revoked and they must change it at next login. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      call(api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body: { newPassword } })),
  });
}
