import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { authStore, useToken } from './auth-store';
import { passwordRequired } from './password-required';

/** The signed-in person (keyed by the token, so that another login never sees the previous one). */
export function meQuery(token: string | null) {
  return queryOptions({
    queryKey: ['me', token],
    queryFn: () => call(api.GET('/api/v1/me')),
    enabled: Boolean(token),
    staleTime: 5 * 60_000,
  });
}

export function useMe() {
  return useQuery(meQuery(useToken()));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => call(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (result) => {
      queryClient.clear();
      passwordRequired.set(result.user.mustChangePassword);
      authStore.set(result.accessToken, result.expiresIn);
      queryClient.setQueryData(['me', result.accessToken], result.user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return () => {
    passwordRequired.set(false);
    authStore.clear();
    queryClient.clear();
  };
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => call(api.POST('/api/v1/me/password', { body })),
    // The api then revokes every token of the user, this one included: the page logs out (no
    // onSuccess here: changing state first would unmount the page before its own callback runs).
  });
}
