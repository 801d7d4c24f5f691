/**
 * 三色预警, the one rule for everything with a deadline (reflection tasks, supervision items,
 * rectifications, talk follow-ups). The window runs from the thing's start (assignment) to its due
 * time (extension included): `none` while more than `yellow` of it is left, `yellow` at that share or
 * less, `orange` at `orange` or less, `red` once overdue. Only open things have a colour; what counts
 * as open is the feature's (a submitted essay, a closed item are `none`).
 */
export type Warning = 'none' | 'yellow' | 'orange' | 'red';
export const WARNINGS: Warning[] = ['none', 'yellow', 'orange', 'red'];

export interface WarningThresholds {
  yellow: number;
  orange: number;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = { yellow: 0.3, orange: 0.15 };

export function validThresholds(t: WarningThresholds): boolean {
  return 0 < t.orange && t.orange < t.yellow && t.yellow < 1;
}

export function warningOf(open: boolean, windowStart: Date, dueAt: Date, now: Date, t: WarningThresholds = DEFAULT_THRESHOLDS): Warning {
  if (!open) return 'none';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'red';
  const window = Math.max(dueAt.getTime() - windowStart.getTime(), 1);
  const share = left / window;
  if (share <= t.orange) return 'orange';
  if (share <= t.yellow) return 'yellow';
  return 'none';
}
