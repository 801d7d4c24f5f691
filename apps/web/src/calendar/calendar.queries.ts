import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { useInvalidatingMutation } from '../api/invalidating-mutation';

export function useCreateSeries() {
  return useInvalidatingMutation(['sessions'], (body: Schemas['CreateSeriesDto']) => call(api.POST('/api/v1/sessions/series', { body })));
}

export function useUpdateSession() {
  return useInvalidatingMutation(['sessions'], ({ id, ...body }: { id: string } & Schemas['UpdateSessionDto']) =>
    call(api.PATCH('/api/v1/sessions/{id}', { params: { path: { id } }, body })),
  );
}

export function useCancelSession() {
  return useInvalidatingMutation(['sessions'], ({ id, reason }: { id: string; reason: string }) =>
    call(api.POST('/api/v1/sessions/{id}/cancel', { params: { path: { id } }, body: { reason } })),
  );
}

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: () => call(api.GET('/api/v1/catalog', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}

export function useCreateCatalogItem() {
  return useInvalidatingMutation(['catalog'], (body: Schemas['CreateCatalogItemDto']) => call(api.POST('/api/v1/catalog', { body })));
}

export function useCreateMenu() {
  return useInvalidatingMutation(['menus'], (body: Schemas['CreateMenuDto']) => call(api.POST('/api/v1/menus', { body })));
}
