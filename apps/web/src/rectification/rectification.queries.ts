import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, type Schemas } from '../api/client';

export function useCampaigns() {
  return useQuery({
    queryKey: ['rectification', 'list'],
    queryFn: () => call(api.GET('/api/v1/rectification/campaigns', { params: { query: { limit: 200 } } })),
  });
}

/** Who filed and who did not (creator, organisers of its units, auditors, admins). */
export function useCampaign(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['rectification', id, 'summary'],
    queryFn: () => call(api.GET('/api/v1/rectification/campaigns/{id}', { params: { path: { id } } })),
    enabled,
  });
}

/** The caller's own list; null when they are not one of the campaign's people (the api's 404). */
export function useMyList(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['rectification', id, 'mine'],
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/rectification/campaigns/{id}/my-list', { params: { path: { id } } }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled,
  });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateCampaignDto']) => call(api.POST('/api/v1/rectification/campaigns', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rectification'] }),
  });
}

export function useFileList(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: Schemas['ListEntryDto'][]) => call(api.POST('/api/v1/rectification/campaigns/{id}/my-list', { params: { path: { id } }, body: { items } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rectification'] }),
  });
}
