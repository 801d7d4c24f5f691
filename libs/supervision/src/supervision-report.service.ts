import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthUser, BadInputError, localDateRange, NotFoundError } from '@qf/common';
import { Env } from '@qf/config';
import { AccessPolicy, UnitsService } from '@qf/identity';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ReportUnits, SupervisionItemRepository } from './supervision-item.repository';
import { ItemCounts } from './supervision-kinds';

export interface ReportCounts extends ItemCounts {
  /** closedOnTime / (closedOnTime + closedLate + overdue), 4 decimals; 0 when nothing is decided yet. */
  onTimeRate: number;
}

export interface ReportUnitRow extends ReportCounts {
  unitId: string;
  unitName: string;
}

export interface SupervisionReport {
  from: string | null;
  to: string | null;
  unitId: string | null;
  units: ReportUnitRow[];
  totals: ReportCounts;
}

export interface ReportQuery {
  from?: string;
  to?: string;
  unitId?: string;
}

type RawCounts = ItemCounts;

export const REPORT_HEADERS = ['单位', '督办总数', '按期办结', '逾期办结', '未办结', '已逾期', '未按时签收', '按期办结率'];

const rate = (c: RawCounts) => {
  const decided = c.closedOnTime + c.closedLate + c.overdue;
  return decided === 0 ? 0 : Math.round((c.closedOnTime / decided) * 10_000) / 10_000;
};

/**
 * The report for 科室目标考核: per unit of the scope, the items assigned in the local date range —
 * total, closed on time, closed late, open, overdue (open past due), unacknowledged (not accepted
 * within one working day) and the on-time rate — in one GROUP BY over the scope's units.
 */
@Injectable()
export class SupervisionReportService {
  constructor(
    private readonly items: SupervisionItemRepository,
    private readonly units: UnitsService,
    private readonly access: AccessPolicy,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async report(caller: AuthUser, q: ReportQuery): Promise<SupervisionReport> {
    if (q.from && q.to && q.from > q.to) throw new BadInputError('from must not be after to');
    let range: { start?: Date; end?: Date };
    try {
      range = localDateRange(q.from, q.to, this.config.get('ORG_TIMEZONE', { infer: true }));
    } catch {
      throw new BadInputError('from and to must be calendar dates (YYYY-MM-DD)');
    }
    // Organisers: their units (a unit outside them is 403 if visible, else 404); auditors and admins: all.
    let units: ReportUnits;
    if (q.unitId) {
      if (!this.access.readsEverything(caller)) await this.access.assertManages(caller, q.unitId);
      else if (!(await this.units.exists(q.unitId))) throw new NotFoundError('unit');
      units = { subtreeOf: q.unitId };
    } else {
      units = this.access.readsEverything(caller) ? 'all' : { subtreeOf: caller.unitId };
    }
    const rows = await this.items.countsByUnit(units, range.start ?? null, range.end ?? null);
    const zero: RawCounts = { total: 0, closedOnTime: 0, closedLate: 0, open: 0, overdue: 0, unacknowledged: 0 };
    const sums = rows.reduce<RawCounts>(
      (s, r) => ({
        total: s.total + r.total,
        closedOnTime: s.closedOnTime + r.closedOnTime,
        closedLate: s.closedLate + r.closedLate,
        open: s.open + r.open,
        overdue: s.overdue + r.overdue,
        unacknowledged: s.unacknowledged + r.unacknowledged,
      }),
      zero,
    );
    return {
      from: q.from ?? null,
      to: q.to ?? null,
      unitId: q.unitId ?? null,
      units: rows.map((r) => ({ ...r, onTimeRate: rate(r) })),
      totals: { ...sums, onTimeRate: rate(sums) },
    };
  }

  /** Rows for CSV and XLSX: one per unit, then 合计. */
  private tableRows(r: SupervisionReport): (string | number)[][] {
    const line = (name: string, c: ReportCounts) => [name, c.total, c.closedOnTime, c.closedLate, c.open, c.overdue, c.unacknowledged, c.onTimeRate];
    return [...r.units.map((u) => line(u.unitName, u)), line('合计', r.totals)];
  }

  /** UTF-8 with BOM (Excel shows Chinese); a text cell starting with = + - @ tab or CR gets a leading ' (escape_formulas, as the audit export). */
  csv(r: SupervisionReport): Buffer {
    return Buffer.from(stringify([REPORT_HEADERS, ...this.tableRows(r)], { bom: true, record_delimiter: 'windows', escape_formulas: true }), 'utf8');
  }

  async xlsx(r: SupervisionReport): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('督办考核', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = REPORT_HEADERS.map((header, i) => ({ header, key: String(i), width: i === 0 ? 24 : 12 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of this.tableRows(r)) sheet.addRow(row);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
