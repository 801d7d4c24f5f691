import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AuditRangeInput, AuditScope, AuditScopeResolver } from './audit-scope';
import { AttendanceExportRows } from './attendance-export-rows';
import { AuditHeavyReads } from './audit-heavy-reads';
import { csvExportStream, xlsxExportStream } from './export-writers';

export type ExportFormat = 'csv' | 'xlsx';

export interface AttendanceExport {
  contentType: string;
  /** Ready-made Content-Disposition value (ASCII fallback + RFC 5987 `filename*` in UTF-8). */
  contentDisposition: string;
  fileName: string;
  stream: Readable;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The attendance export: one row per record of the completed sessions of a unit subtree in a local
 * date range (the same records the summary counts), streamed from a database cursor into a CSV or
 * XLSX writer. Scope errors (unknown unit, bad range) are thrown before any byte is sent. At most
 * AUDIT_HEAVY_MAX_PER_USER / AUDIT_HEAVY_MAX_TOTAL run at once (AuditHeavyReads), each on a
 * connection of the exports' own pool (ExportPool).
 */
@Injectable()
export class AttendanceExportService {
  constructor(
    private readonly scopes: AuditScopeResolver,
    private readonly rows: AttendanceExportRows,
    private readonly heavy: AuditHeavyReads,
  ) {}

  /** Takes one of the caller's export slots (429 past the caps) until the stream closes. */
  async open(callerId: string, format: ExportFormat, input: AuditRangeInput): Promise<AttendanceExport> {
    const release = this.heavy.acquire(callerId);
    let stream: Readable;
    let scope: AuditScope;
    try {
      scope = await this.scopes.resolve(input);
      const rows = this.rows.open(scope);
      stream = format === 'xlsx' ? xlsxExportStream(rows) : csvExportStream(rows);
    } catch (err) {
      release();
      throw err;
    }
    stream.once('close', release);
    const fileName = exportFileName(scope, format);
    return { contentType: CONTENT_TYPES[format], fileName, contentDisposition: contentDisposition(fileName, scope, format), stream };
  }
}

/** e.g. `考勤_第一党支部_2026-12-01_2026-12-31.csv`; the whole organisation is `全部单位`. */
export function exportFileName(scope: AuditScope, format: ExportFormat): string {
  const unit = (scope.unitName ?? '全部单位').replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_');
  return `考勤_${unit}_${scope.from ?? '起'}_${scope.to ?? '至今'}.${format}`;
}

function contentDisposition(fileName: string, scope: AuditScope, format: ExportFormat): string {
  const ascii = `attendance_${scope.from ?? 'start'}_${scope.to ?? 'now'}.${format}`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
