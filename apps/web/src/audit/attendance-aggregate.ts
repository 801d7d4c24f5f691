import type { Schemas } from '../api/client';

type Counts = Pick<Schemas['AttendanceCountsDto'], 'expected' | 'present' | 'late' | 'excused' | 'absent'>;
type Member = Schemas['MemberAttendanceDto'];
type Unit = Schemas['UnitDto'];

export interface MonthRange {
  /** `2026-11` */
  month: string;
  /** Inclusive calendar dates, clipped to the asked range. */
  from: string;
  to: string;
}

/** The calendar months touched by [from, to] (inclusive dates), each clipped to the range. */
export function monthRanges(from: string, to: string): MonthRange[] {
  if (!from || !to || to < from) return [];
  const out: MonthRange[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to.slice(0, 7)) break;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const start = `${month}-01`;
    const end = `${month}-${String(last).padStart(2, '0')}`;
    out.push({ month, from: start < from ? from : start, to: end > to ? to : end });
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** (present + late) / expected, as the api computes it; 0 when nobody was expected. */
export function attendanceRate(c: Pick<Counts, 'expected' | 'present' | 'late'>): number {
  return c.expected > 0 ? Math.round(((c.present + c.late) / c.expected) * 10_000) / 10_000 : 0;
}

export interface RatePoint {
  label: string;
  expected: number;
  attended: number;
  /** null when nobody was expected (no completed session): the chart shows a gap, not 0 %. */
  rate: number | null;
}

/** One point per month from the per-month summaries (same order as `months`; a missing summary is a gap). */
export function monthlyPoints(months: readonly MonthRange[], totals: readonly (Counts | undefined)[]): RatePoint[] {
  return months.map((m, i) => {
    const t = totals[i];
    const expected = t?.expected ?? 0;
    const attended = (t?.present ?? 0) + (t?.late ?? 0);
    return { label: m.month, expected, attended, rate: expected > 0 ? attendanceRate({ expected, present: attended, late: 0 }) : null };
  });
}

/**
 * Attendance by unit under `rootId`: each member counts towards the child of the root that contains
 * their unit (the root itself for its own members). Without a root, towards the top-level units.
 */
export function unitPoints(members: readonly Member[], units: readonly Unit[], rootId?: string): RatePoint[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const bucketOf = (unitId: string): string => {
    let u = byId.get(unitId);
    if (!u) return unitId;
    for (;;) {
      if (u.id === rootId) return u.id;
      const parent: Unit | undefined = u.parentId ? byId.get(u.parentId) : undefined;
      if (!parent || parent.id === rootId) return u.id;
      u = parent;
    }
  };
  const sums = new Map<string, { expected: number; attended: number }>();
  for (const m of members) {
    const key = bucketOf(m.unitId);
    const s = sums.get(key) ?? { expected: 0, attended: 0 };
    s.expected += m.expected;
    s.attended += m.present + m.late;
    sums.set(key, s);
  }
  return [...sums.entries()]
    .map(([id, s]) => ({
      label: byId.get(id)?.name ?? id,
      expected: s.expected,
      attended: s.attended,
      rate: s.expected > 0 ? attendanceRate({ expected: s.expected, present: s.attended, late: 0 }) : null,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}
