/**
 * 三色预警 of a task, computed from the clock whenever it is read. The window runs from the
 * assignment's creation to the task's due time (the assignment's, or the personal extension):
 * `none` while more than `yellow` of it is left, `yellow` at that share or less, `orange` at
 * `orange` or less, `red` once overdue. Only tasks still to be written (assigned, draft, returned)
 * have a colour.
 */
export type Warning = 'none' | 'yellow' | 'orange' | 'red';
export const WARNINGS: Warning[] = ['none', 'yellow', 'orange', 'red'];
export const WARNABLE_STATUSES = ['assigned', 'draft', 'returned'];

export interface WarningThresholds {
  yellow: number;
  orange: number;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = { yellow: 0.3, orange: 0.15 };

export function warningOf(status: string, windowStart: Date, dueAt: Date, now: Date, t: WarningThresholds): Warning {
  if (!WARNABLE_STATUSES.includes(status)) return 'none';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'red';
  const window = Math.max(dueAt.getTime() - windowStart.getTime(), 1);
  const share = left / window;
  if (share <= t.orange) return 'orange';
  if (share <= t.yellow) return 'yellow';
  return 'none';
}

const warnable = `t.status IN ('assigned', 'draft', 'returned')`;
const left = `extract(epoch FROM t.due_at - now())`;
const window = `greatest(extract(epoch FROM t.due_at - a.created_at), 0.001)`;

/** The same rule in SQL, over `t` (reflection_tasks) joined to `a` (reflection_assignments). */
export const WARNING_SQL = `CASE
    WHEN NOT (${warnable}) THEN 'none'
    WHEN t.due_at < now() THEN 'red'
    WHEN ${left} <= a.warn_orange * ${window} THEN 'orange'
    WHEN ${left} <= a.warn_yellow * ${window} THEN 'yellow'
    ELSE 'none' END`;

/** A WHERE condition selecting tasks of one colour (red is index-friendly: status and due_at). */
export function warningFilterSql(w: Warning): string {
  switch (w) {
    case 'red':
      return `(${warnable} AND t.due_at < now())`;
    case 'orange':
      return `(${warnable} AND t.due_at >= now() AND ${left} <= a.warn_orange * ${window})`;
    case 'yellow':
      return `(${warnable} AND t.due_at >= now() AND ${left} > a.warn_orange * ${window} AND ${left} <= a.warn_yellow * ${window})`;
    case 'none':
      return `(NOT (${warnable}) OR ${left} > a.warn_yellow * ${window})`;
  }
}
