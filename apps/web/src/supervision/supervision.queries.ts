import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';
import { saveDownload } from '../common/download';

type Item = Schemas['ItemDto'];
export type ItemFilter = { status?: Item['status']; warning?: Item['warning']; ownerId?: string; campaignId?: string };
export type ReportRange = { from?: string; to?: string; unitId?: string };

export function useSupervisionItems(filter: ItemFilter, enabled = true) {
  return useQuery({
    queryKey: ['supervision', 'items', filter],
    queryFn: () => call(api.GET('/api/v1/supervision/items', { params: { query: { ...filter, limit: 200 } } })),
    enabled,
  });
}

export function useSupervisionItem(id: string) {
  return useQuery({
    queryKey: ['supervision', 'item', id],
    queryFn: () => call(api.GET('/api/v1/supervision/items/{id}', { params: { path: { id } } })),
  });
}

export function useCreateItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateItemDto']) => call(api.POST('/api/v1/supervision/items', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['supervision'] }),
  });
}

/** Every action on an item answers the item: put it in the cache, refresh the lists. */
function useItemAction<V>(id: string, action: (v: V) => Promise<Item>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: (item) => {
      queryClient.setQueryData(['supervision', 'item', id], item);
      void queryClient.invalidateQueries({ queryKey: ['supervision', 'items'] });
      void queryClient.invalidateQueries({ queryKey: ['rectification'] });
    },
  });
}

const path = (id: string) => ({ params: { path: { id } } });

export const useAccept = (id: string) => useItemAction(id, () => call(api.POST('/api/v1/supervision/items/{id}/accept', path(id))));
export const useProgress = (id: string) => useItemAction(id, (note: string) => call(api.POST('/api/v1/supervision/items/{id}/progress', { ...path(id), body: { note } })));
export const useReportDone = (id: string) => useItemAction(id, (note: string) => call(api.POST('/api/v1/supervision/items/{id}/report', { ...path(id), body: { note } })));
export const useCloseItem = (id: string) =>
  useItemAction(id, (comment: string | undefined) => call(api.POST('/api/v1/supervision/items/{id}/close', { ...path(id), body: { comment } })));
export const useReturnItem = (id: string) => useItemAction(id, (comment: string) => call(api.POST('/api/v1/supervision/items/{id}/return', { ...path(id), body: { comment } })));
export const useRequestExtension = (id: string) =>
  useItemAction(id, (body: Schemas['RequestExtensionDto']) => call(api.POST('/api/v1/supervision/items/{id}/extensions', { ...path(id), body })));
export const useDecideExtension = (id: string) =>
  useItemAction(id, ({ n, approve }: { n: number; approve: boolean }) =>
    call(api.POST('/api/v1/supervision/items/{id}/extensions/{n}/decide', { params: { path: { id, n } }, body: { approve } })),
  );

/** Working days from `from` to `to` (for the 13710 due date shown before creating an item). */
export function useCalendarDays(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ['calendar', from, to],
    queryFn: () => call(api.GET('/api/v1/calendar/days', { params: { query: { from, to } } })),
    enabled,
    staleTime: 60 * 60_000,
  });
}

export function useSupervisionReport(range: ReportRange) {
  return useQuery({
    queryKey: ['supervision', 'report', range],
    queryFn: () => call(api.GET('/api/v1/supervision/report', { params: { query: { ...range, format: 'json' } } })),
  });
}

/** The report as CSV or XLSX (科室目标考核), saved as a download. */
export function downloadSupervisionReport(format: 'csv' | 'xlsx', range: ReportRange): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/supervision/report', { params: { query: { ...range, format } }, parseAs: 'blob' }),
    `督办考核_${range.from ?? '全部'}_${range.to ?? '全部'}.${format}`,
  );
}
