import { useQueries, useQuery } from '@tanstack/react-query';
import { api, ApiError, call } from '../api/client';
import { saveDownload } from '../common/download';
import type { MonthRange } from './attendance-aggregate';

export interface AuditRange {
  from: string;
  to: string;
  unitId?: string;
}

export function useAttendanceSummary(range: AuditRange) {
  return useQuery({
    queryKey: ['audit', 'summary', range],
    queryFn: () => call(api.GET('/api/v1/audit/attendance/summary', { params: { query: range } })),
  });
}

/** One summary per calendar month of the range (the chart's points). */
export function useMonthlySummaries(months: readonly MonthRange[], unitId?: string) {
  return useQueries({
    queries: months.map((m) => ({
      queryKey: ['audit', 'summary', { from: m.from, to: m.to, unitId }],
      queryFn: () => call(api.GET('/api/v1/audit/attendance/summary', { params: { query: { from: m.from, to: m.to, unitId } } })),
    })),
  });
}

export function useAnomalies(range: AuditRange) {
  return useQuery({
    queryKey: ['audit', 'anomalies', range],
    queryFn: () => call(api.GET('/api/v1/audit/attendance/anomalies', { params: { query: range } })),
  });
}

/** Chain verification runs when asked (it recomputes the whole chain), then on every refetch. */
export function useChainVerification(enabled: boolean) {
  return useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => call(api.GET('/api/v1/audit/attendance/verify')),
    enabled,
    staleTime: 0,
  });
}

/** The file name the api gives (`filename*=UTF-8''…`, Chinese), else a Chinese one of our own. */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition ?? '')?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      /* fall through */
    }
  }
  return fallback;
}

/** Fetches the export with the bearer token (through the api client) and saves it as a download. */
export async function downloadExport(format: 'csv' | 'xlsx', range: AuditRange): Promise<string> {
  const { data, response } = await api.GET('/api/v1/audit/attendance/export', {
    params: { query: { ...range, format } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) {
    let message = `导出失败（${response.status}）`;
    try {
      message = (JSON.parse(await data?.text?.() ?? '') as { message?: string }).message ?? message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(response.status, message);
  }
  const name = fileNameOf(response.headers.get('content-disposition'), `考勤台账_${range.from}_${range.to}.${format}`);
  return saveDownload(data, name);
}
