/**
 * Replays the attendance log into the status it implies for every (session, person) — the
 * `to_status` of the pair's highest `seq` — and compares that with attendance_records, in one
 * set-based pass: one scan of the log into a hash aggregate (max over `seq * 8 + status code`,
 * so no sort), one scan of the records, one hash full join. A pair present on one side only is a
 * mismatch (a record written behind the log's back, or a log entry whose record is gone).
 * Returns one row: pairs checked, mismatches, and the first MAX_LISTED mismatches as JSON.
 */
export const REPLAY_MAX_LISTED = 1_000;

const STATUSES = ['expected', 'present', 'late', 'excused', 'absent'];
const code = STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ');
const decode = STATUSES.map((s, i) => `WHEN ${i} THEN '${s}'`).join(' ');

export const ATTENDANCE_REPLAY_SQL = `
  WITH implied AS (
    SELECT session_id, user_id, max(seq * 8 + CASE to_status ${code} ELSE 7 END) AS packed
      FROM attendance_log
     GROUP BY session_id, user_id
  ), compared AS (
    SELECT coalesce(r.session_id, i.session_id) AS "sessionId",
           coalesce(r.user_id, i.user_id) AS "userId",
           r.status AS "recordStatus",
           CASE i.packed % 8 ${decode} END AS "logStatus",
           i.packed IS NULL OR r.status IS NULL OR r.status IS DISTINCT FROM (CASE i.packed % 8 ${decode} END) AS mismatch
      FROM attendance_records r FULL JOIN implied i ON i.session_id = r.session_id AND i.user_id = r.user_id
  )
  SELECT count(*)::float8 AS checked,
         count(*) FILTER (WHERE mismatch)::float8 AS mismatches,
         coalesce((SELECT json_agg(m) FROM (
           SELECT "sessionId", "userId", "recordStatus", "logStatus" FROM compared WHERE mismatch
            ORDER BY "sessionId", "userId" LIMIT ${REPLAY_MAX_LISTED}) m), '[]'::json) AS listed
    FROM compared`;
