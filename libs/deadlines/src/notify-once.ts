import { ORG_TIME_SQL_FORMAT } from '@qf/common';
import { bound, Sql } from '@qf/database';
import { DeadlineSql } from './deadline-sql';

/**
 * The second that names a due time in a warning's event key: the floor of its epoch, in SQL and
 * here alike. The key carries the due time so that an extension (a new due time) warns again.
 */
export const dueSecondSql = (due: string): string => `floor(extract(epoch FROM ${due}))::bigint`;
export const dueSecond = (due: Date): number => Math.floor(due.getTime() / 1000);

/** A warning's body, `截止时间：YYYY-MM-DD HH:MI` in the zone bound at `zone` (org time, ORG_TIME_SQL_FORMAT). */
export const dueBodySql = (due: string, zone: string): string => `'截止时间：' || to_char(${due} AT TIME ZONE ${zone}::text, '${ORG_TIME_SQL_FORMAT}')`;

/**
 * The notify-once half of 三色预警, for one feature's table: the rows that reached a colour and were
 * not yet told get their flag set (red sets both) and their owner one notification, in one statement
 * of at most `batch` rows (SKIP LOCKED, so several workers share the work). "Once" holds across
 * retries and workers through the notifications' unique (event_key, user) key; the flags keep the
 * sweep small.
 */
export interface NotifyOnceTable {
  /** The table with the flags, e.g. `reflection_tasks`, and its alias in the expressions below. */
  table: string;
  alias: string;
  /** Other tables the rule needs (window start, thresholds), joined in the FROM list, and their join condition. */
  join?: { from: string; on: string };
  /** Flag columns on `table`. */
  flags: { yellow: string; red: string };
  /** Extra condition (e.g. the assignment is open), on top of the rule's open condition. */
  where?: string;
  rule: DeadlineSql;
  /** The open condition of the rule (so the index on open, unflagged rows is used). */
  open: string;
  /** Expressions over the flagged rows' output: recipient, title suffix, due time, link, row id (see RETURNING). */
  returning: string;
  notify: { userId: string; title: string; due: string; link: string; id: string };
}

/** What a sweep's notifications say: their kind, a title prefix and the zone of the due time in the body (ORG_TIMEZONE). */
export interface NotifyOnceValues {
  kind: string;
  title: string;
  zone: string;
}

/**
 * The sweep's one statement, with the notification kind, title prefix and zone bound. Each
 * notification's body is the due time (`dueBodySql`), its event key `<kind>:<row id>:<due second>`
 * (`dueSecondSql`). Returns rows `{ n }`: how many were flagged.
 */
export function notifyOnceSql(s: NotifyOnceTable, colour: 'yellow' | 'red', batch: number, values: NotifyOnceValues): Sql {
  const flag = colour === 'red' ? s.flags.red : s.flags.yellow;
  const set = colour === 'red' ? `${s.flags.red} = true, ${s.flags.yellow} = true` : `${s.flags.yellow} = true`;
  const from = s.join ? `, ${s.join.from}` : '';
  const joinOn = s.join ? ` AND ${s.join.on}` : '';
  const a = s.alias;
  const text = (kind: string, title: string, zone: string) => `WITH due AS (
      SELECT ${a}.id FROM ${s.table} ${a}${from}
       WHERE NOT ${a}.${flag} AND ${s.open}${joinOn}${s.where ? ` AND ${s.where}` : ''} AND ${s.rule.reached(colour)}
       LIMIT ${batch} FOR UPDATE OF ${a} SKIP LOCKED),
    flagged AS (
      UPDATE ${s.table} ${a} SET ${set}
        FROM due${from} WHERE ${a}.id = due.id${joinOn}
      RETURNING ${s.returning}),
    sent AS (
      INSERT INTO notifications (user_id, kind, title, body, link, event_key)
      SELECT ${s.notify.userId}, ${kind}, ${title} || ${s.notify.title}, ${dueBodySql(s.notify.due, zone)}, ${s.notify.link},
             ${kind} || ':' || ${s.notify.id} || ':' || ${dueSecondSql(s.notify.due)} FROM flagged
      ON CONFLICT (event_key, user_id) DO NOTHING)
    SELECT count(*)::int AS n FROM flagged`;
  return bound(text, values.kind, values.title, values.zone);
}
