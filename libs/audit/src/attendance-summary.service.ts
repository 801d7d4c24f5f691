import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditRangeInput, AuditScopeResolver, completedSessionsFilter } from './audit-scope';

export interface AttendanceCounts {
  /**
   * Roster records: every record the member has in the completed sessions of the range, whatever
   * its status. (A person excused by an approved leave is still counted here: they were expected
   * to attend and were excused. So `expected = present + late + excused + absent` once completed.)
   */
  expected: number;
  present: number;
  late: number;
  excused: number;
  absent: number;
  /** Records with a make-up (补学) on file — absent or excused records; the status itself never changes. */
  madeUp: number;
  /** (present + late) / expected, rounded to 4 decimals; 0 when expected is 0. */
  attendanceRate: number;
}

export interface MemberAttendance extends AttendanceCounts {
  userId: string;
  displayName: string;
  /** The member's current unit. */
  unitId: string;
}

export interface AttendanceSummary {
  from: string | null;
  to: string | null;
  unitId: string | null;
  /** Completed sessions of the unit subtree that start in the range. */
  sessions: number;
  members: MemberAttendance[];
  totals: AttendanceCounts;
}

const RATE = (attended: string, expected: string) =>
  `CASE WHEN ${expected} = 0 THEN 0 ELSE round((${attended})::numeric / ${expected}, 4) END`;

/**
 * Attendance per member and in total over the completed sessions of a unit subtree in a local date
 * range: one GROUP BY over the records of those sessions (index-only on attendance_records_audit_idx),
 * joined to users once per member. PostgreSQL also assembles the response document (json_agg,
 * rates rounded with numeric `round(…, 4)`, half up), so the api neither parses 5,000 rows nor
 * serialises them again: `summariseJson` hands the text straight to the response.
 */
@Injectable()
export class AttendanceSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AuditScopeResolver,
  ) {}

  async summarise(input: AuditRangeInput): Promise<AttendanceSummary> {
    return JSON.parse(await this.summariseJson(input));
  }

  /** The summary as a JSON document (the AttendanceSummary shape). */
  async summariseJson(input: AuditRangeInput): Promise<string> {
    const scope = await this.scopes.resolve(input);
    const filter = completedSessionsFilter(scope, 4);
    const [row]: { doc: string }[] = await this.dataSource.query(
      `WITH a AS (
         SELECT r.user_id,
                count(*)::int AS expected,
                count(*) FILTER (WHERE r.status = 'present')::int AS present,
                count(*) FILTER (WHERE r.status = 'late')::int AS late,
                count(*) FILTER (WHERE r.status = 'excused')::int AS excused,
                count(*) FILTER (WHERE r.status = 'absent')::int AS absent,
                count(r.made_up_at)::int AS made_up
           FROM attendance_records r
          WHERE r.session_id IN (SELECT s.id FROM sessions s WHERE ${filter.sql})
          GROUP BY r.user_id
       ),
       t AS (
         SELECT coalesce(sum(expected), 0)::int AS expected, coalesce(sum(present), 0)::int AS present,
                coalesce(sum(late), 0)::int AS late, coalesce(sum(excused), 0)::int AS excused,
                coalesce(sum(absent), 0)::int AS absent, coalesce(sum(made_up), 0)::int AS made_up
           FROM a
       )
       SELECT json_build_object(
                'from', $1::text, 'to', $2::text, 'unitId', $3::uuid,
                'sessions', (SELECT count(*)::int FROM sessions s WHERE ${filter.sql}),
                'members', coalesce((
                  SELECT json_agg(json_build_object(
                           'userId', a.user_id, 'displayName', u.display_name, 'unitId', u.unit_id,
                           'expected', a.expected, 'present', a.present, 'late', a.late, 'excused', a.excused,
                           'absent', a.absent, 'madeUp', a.made_up, 'attendanceRate', ${RATE('a.present + a.late', 'a.expected')})
                         ORDER BY u.username, u.id)
                    FROM a JOIN users u ON u.id = a.user_id), '[]'::json),
                'totals', (SELECT json_build_object(
                           'expected', t.expected, 'present', t.present, 'late', t.late, 'excused', t.excused,
                           'absent', t.absent, 'madeUp', t.made_up, 'attendanceRate', ${RATE('t.present + t.late', 't.expected')})
                             FROM t)
              )::text AS doc`,
      [scope.from, scope.to, scope.unitId, ...filter.params],
    );
    return row.doc;
  }
}
