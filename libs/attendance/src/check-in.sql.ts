/**
 * $1 session, $2 user, $3 grace minutes, $4 minutes the window opens before the start, $5 wrong
 * codes allowed.
 * A record `expected`, or `excused` (approved leave, but the person came after all), becomes
 * present/late; the log entry keeps where it came from (`from_status`), read from the row locked
 * for the change (`prev … FOR UPDATE`), so a leave approved concurrently is never logged wrong.
 * Its own file without imports, so the benchmark's baseline (plain Node) runs exactly this statement.
 */
export const CHECK_IN_SQL = `
  WITH s AS (
    SELECT id, status, unit_id, starts_at, ends_at, date_trunc('milliseconds', clock_timestamp()) AS now FROM sessions WHERE id = $1
  ),
  f AS (SELECT failures FROM checkin_failures WHERE session_id = $1 AND user_id = $2),
  cur AS (SELECT status FROM attendance_records WHERE session_id = $1 AND user_id = $2),
  prev AS (
    SELECT r.status FROM attendance_records r, s
     WHERE r.session_id = $1 AND r.user_id = $2 AND r.status IN ('expected', 'excused')
       AND s.status = 'published' AND s.now >= s.starts_at - make_interval(mins => $4) AND s.now <= s.ends_at
       AND coalesce((SELECT failures FROM f), 0) < $5
       FOR UPDATE OF r
  ),
  changed AS (
    UPDATE attendance_records r
       SET status = CASE WHEN s.now <= s.starts_at + make_interval(mins => $3) THEN 'present' ELSE 'late' END,
           checked_in_at = s.now, updated_at = s.now
      FROM s, prev
     WHERE r.session_id = $1 AND r.user_id = $2
    RETURNING r.session_id, r.user_id, prev.status AS from_status, r.status, r.checked_in_at, r.made_up_at, r.updated_at
  ),
  logged AS (
    INSERT INTO attendance_log (session_id, user_id, actor_id, action, from_status, to_status, at)
    SELECT session_id, user_id, user_id, 'check_in', from_status, status, checked_in_at FROM changed
  )
  SELECT s.status, s.unit_id AS "unitId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.now,
         (SELECT status FROM cur) AS "recordStatus", coalesce((SELECT failures FROM f), 0) AS failures,
         (SELECT json_build_object('sessionId', c.session_id, 'userId', c.user_id, 'displayName', u.display_name, 'status', c.status,
                                   'checkedInAt', c.checked_in_at, 'madeUpAt', c.made_up_at, 'updatedAt', c.updated_at)
            FROM changed c JOIN users u ON u.id = c.user_id) AS record
    FROM s`;
