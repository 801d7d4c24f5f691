import { Foundation1764201600000 } from './1764201600000-Foundation';
import { SessionsAndAttendance1764201700000 } from './1764201700000-SessionsAndAttendance';
import { AttendanceCheckInAndSealing1764201900000 } from './1764201900000-AttendanceCheckInAndSealing';
import { AuditIndexes1764202000000 } from './1764202000000-AuditIndexes';
import { ReadingLists1764202100000 } from './1764202100000-ReadingLists';
import { Reflections1764202200000 } from './1764202200000-Reflections';
import { TokenVersion1764202300000 } from './1764202300000-TokenVersion';
import { LeaveWithdrawal1764202400000 } from './1764202400000-LeaveWithdrawal';
import { MustChangePassword1764202500000 } from './1764202500000-MustChangePassword';
import { LoginAttemptReserve1764202500100 } from './1764202500100-LoginAttemptReserve';
import { ReflectionSubmitWindow1764202600000 } from './1764202600000-ReflectionSubmitWindow';
import { AuditAccessLog1764202800000 } from './1764202800000-AuditAccessLog';
import { AppRole1764202810000 } from './1764202810000-AppRole';
import { WorkingDayCalendar1764203000000 } from './1764203000000-WorkingDayCalendar';
import { Supervision1764203010000 } from './1764203010000-Supervision';
import { Integrity1764203100000 } from './1764203100000-Integrity';

/** Every migration in order; feature issues append theirs (named `<timestamp>-<PascalName>.ts`). */
export const MIGRATIONS = [Foundation1764201600000, SessionsAndAttendance1764201700000, AttendanceCheckInAndSealing1764201900000, AuditIndexes1764202000000, ReadingLists1764202100000, Reflections1764202200000, TokenVersion1764202300000, LeaveWithdrawal1764202400000, MustChangePassword1764202500000, LoginAttemptReserve1764202500100, ReflectionSubmitWindow1764202600000, AuditAccessLog1764202800000, AppRole1764202810000, WorkingDayCalendar1764203000000, Supervision1764203010000, Integrity1764203100000];
