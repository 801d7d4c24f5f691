import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';

export function useCreateUnit() {
  return useInvalidatingMutation(['units'], (body: Schemas['CreateUnitDto']) => call(api.POST('/api/v1/units', { body })));
}

export type UserQuery = { unitId?: string; role?: Schemas['UserDto']['role']; q?: string };

/**
 * Users the caller may see (an organiser: their units'), first 200; fetched only while `enabled` is not
 * false. With `keepPrevious` the last answer stays shown while the next query loads (a search as one types).
 */
export function useUsers(query: UserQuery, { enabled = true, keepPrevious = false }: { enabled?: boolean; keepPrevious?: boolean } = {}) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () => call(api.GET('/api/v1/users', { params: { query: { ...query, limit: 200 } } })),
    enabled,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
}

export function useCreateUser() {
  return useInvalidatingMutation(['users'], (body: Schemas['CreateUserDto']) => call(api.POST('/api/v1/users', { body })));
}

export function useUpdateUser() {
  return useInvalidatingMutation(['users'], ({ id, ...body }: { id: string } & Schemas['UpdateUserDto']) => call(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })));
}

/** CSV import: the body is the file's text, sent as text/csv (the one route that takes it). */
export function useImportUsers() {
  return useInvalidatingMutation(['users'], (csv: string) =>
    call(
      api.POST('/api/v1/users/import', {
        body: csv,
        bodySerializer: (b: string) => b,
        headers: { 'Content-Type': 'text/csv; charset=utf-8' },
      }),
    ),
  );
}

/** Admin resets a forgotten password: the user's tokens are revoked and they must change it at next login. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      call(api.POST('/api/v1/users/{id}/password', { params: { path: { id } }, body: { newPassword } })),
  });
}
