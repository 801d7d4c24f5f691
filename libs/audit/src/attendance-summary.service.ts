import { Injectable } from '@nestjs/common';
import { AttendanceRepository, MemberAttendanceRow } from '@qf/attendance';
import { AuditRangeInput, AuditScopeResolver } from './audit-scope';

/** A member's counts (see MemberAttendanceRow) with the rate. */
export type AttendanceCounts = Omit<MemberAttendanceRow, 'userId' | 'displayName' | 'unitId'> & {
  /** (present + late) / expected, rounded to 4 decimals; 0 when expected is 0. */
  attendanceRate: number;
};

export type MemberAttendance = MemberAttendanceRow & Pick<AttendanceCounts, 'attendanceRate'>;

export interface AttendanceSummary {
  from: string | null;
  to: string | null;
  unitId: string | null;
  /** Completed sessions of the unit subtree that start in the range. */
  sessions: number;
  members: MemberAttendance[];
  totals: AttendanceCounts;
}

/** (present + late) / expected rounded half-up to 4 decimals, as PostgreSQL's numeric round would; 0 when expected is 0. */
export function attendanceRate(c: { present: number; late: number; expected: number }): number {
  return c.expected === 0 ? 0 : Math.round(((c.present + c.late) * 10_000) / c.expected) / 10_000;
}

/**
 * Attendance per member and in total over the completed sessions of a unit subtree in a local date
 * range: one GROUP BY over the records of those sessions (AttendanceRepository.attendanceByMember) (index-only on attendance_records_audit_idx,
 * parallel when large), joined to users once per member. Totals and rates are summed in the api
 * from the per-member rows, so the aggregate runs once and stays a plain, parallel-safe query.
 */
@Injectable()
export class AttendanceSummaryService {
  constructor(
    private readonly attendance: AttendanceRepository,
    private readonly scopes: AuditScopeResolver,
  ) {}

  async summarise(input: AuditRangeInput): Promise<AttendanceSummary> {
    const scope = await this.scopes.resolve(input);
    const [rows, sessions] = await Promise.all([this.attendance.attendanceByMember(scope), this.attendance.countCompletedSessions(scope)]);
    const totals = { expected: 0, present: 0, late: 0, excused: 0, absent: 0, madeUp: 0 };
    const members: MemberAttendance[] = rows.map((m) => {
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += m[k];
      return { ...m, attendanceRate: attendanceRate(m) };
    });
    return {
      from: scope.from ?? null,
      to: scope.to ?? null,
      unitId: scope.unitId ?? null,
      sessions,
      members,
      totals: { ...totals, attendanceRate: attendanceRate(totals) },
    };
  }

  /** The summary as a JSON document (the AttendanceSummary shape). */
  async summariseJson(input: AuditRangeInput): Promise<string> {
    return JSON.stringify(await this.summarise(input));
  }
}
