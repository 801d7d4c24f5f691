import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

export function useMyDeclarations() {
  return useQuery({
    queryKey: ['declarations', 'mine'],
    queryFn: () => call(api.GET('/api/v1/me/declarations', { params: { query: { limit: 200 } } })),
  });
}

/** Declarations of the people of the caller's units (organisers) or everyone's (auditors, admins). */
export function useDeclarations(pending: boolean | undefined) {
  return useQuery({
    queryKey: ['declarations', 'list', pending],
    queryFn: () => call(api.GET('/api/v1/declarations', { params: { query: { pending, limit: 200 } } })),
  });
}

export function useDeclaration(id: string) {
  return useQuery({
    queryKey: ['declarations', id],
    queryFn: () => call(api.GET('/api/v1/declarations/{id}', { params: { path: { id } } })),
    retry: false,
  });
}

export function useFileDeclaration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateDeclarationDto']) => call(api.POST('/api/v1/me/declarations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['declarations'] }),
  });
}

export function useAcknowledgeDeclaration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment?: string }) =>
      call(api.POST('/api/v1/declarations/{id}/acknowledge', { params: { path: { id } }, body: { comment: comment || undefined } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['declarations'] }),
  });
}
