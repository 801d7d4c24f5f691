import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';
import { saveDownload } from '../common/download';

/** A person's integrity dossier for a year (the person, organisers of their units, auditors, admins; else 404). */
export function useDossier(id: string | undefined, year: number) {
  return useQuery({
    queryKey: ['dossier', id, year],
    queryFn: () => call(api.GET('/api/v1/people/{id}/dossier', { params: { path: { id: id! }, query: { year } } })),
    enabled: Boolean(id),
    retry: false,
  });
}

/** Who read the dossier (the person, auditors, admins; organisers get 403 and see no log). */
export function useDossierAccessLog(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['dossier', id, 'access-log'],
    queryFn: () => call(api.GET('/api/v1/people/{id}/dossier/access-log', { params: { path: { id: id! } } })),
    enabled: Boolean(id) && enabled,
    retry: false,
  });
}

/** Downloads the dossier as one workbook (one sheet per section). */
export function downloadDossier(id: string, year: number, personName: string): Promise<string> {
  return saveDownload(
    api.GET('/api/v1/people/{id}/dossier', { params: { path: { id }, query: { year, format: 'xlsx' } }, parseAs: 'blob' }),
    `廉政档案_${personName}_${year}.xlsx`,
  );
}
