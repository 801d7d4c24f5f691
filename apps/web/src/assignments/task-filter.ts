import type { Schemas } from '../api/client';
import { TASK_STATUS } from '../reflections/labels';
import { WARNING_STYLE } from '../reflections/WarningTag';

type Task = Schemas['TaskDto'];
export type TaskFilter = { status?: Task['status']; warning?: Task['warning'] };

function oneOf<K extends string>(labels: Record<K, unknown>, value: string | null): K | undefined {
  return value !== null && Object.hasOwn(labels, value) ? (value as K) : undefined;
}

/**
 * The task board's filter, read from the page's search params (`?warning=red&status=submitted`):
 * the organisers' red-warning notification links here, and back/forward restore it. A value the
 * api does not know is ignored, not sent.
 */
export function taskFilterFrom(params: URLSearchParams): TaskFilter {
  const filter: TaskFilter = {};
  const status = oneOf(TASK_STATUS, params.get('status'));
  const warning = oneOf(WARNING_STYLE, params.get('warning'));
  if (status) filter.status = status;
  if (warning) filter.warning = warning;
  return filter;
}

/** The search params with one filter key set (or removed when cleared); other params are kept. */
export function withTaskFilter(params: URLSearchParams, key: keyof TaskFilter, value: string | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}
