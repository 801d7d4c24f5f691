import { deadlineSql, DEFAULT_THRESHOLDS, Warning, WARNINGS, WarningThresholds } from '@qf/deadlines';

/**
 * 三色预警 of a task, by the one deadline engine (libs/deadlines). The window runs from the
 * assignment's creation to the task's due time (the assignment's, or the personal extension). Only
 * tasks still to be written (assigned, draft, returned) have a colour.
 */
export { DEFAULT_THRESHOLDS, WARNINGS };
export type { Warning, WarningThresholds };

/** The rule over `t` (reflection_tasks) joined to `a` (reflection_assignments). */
export const TASK_DEADLINE = deadlineSql({
  open: `t.status IN ('assigned', 'draft', 'returned')`,
  start: 'a.created_at',
  due: 't.due_at',
  yellow: 'a.warn_yellow',
  orange: 'a.warn_orange',
});

export const WARNING_SQL = TASK_DEADLINE.warning;

/** A WHERE condition selecting tasks of one colour (red is index-friendly: status and due_at). */
export const warningFilterSql = (w: Warning): string => TASK_DEADLINE.filter(w);
