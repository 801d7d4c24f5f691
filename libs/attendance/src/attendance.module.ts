import { Module } from '@nestjs/common';
import { ReadingModule } from '@qf/reading';
import { AttendanceLogService } from './attendance-log.service';
import { AttendanceRecordsService } from './attendance-records.service';
import { AttendanceSealer } from './attendance-sealer.service';
import { AttendanceSessions } from './attendance-sessions';
import { CheckInService } from './check-in.service';
import { LeaveRequestsService } from './leave-requests.service';
import { MakeUpService } from './make-up.service';
import { MyAttendanceService } from './my-attendance.service';

const services = [
  AttendanceLogService,
  AttendanceRecordsService,
  AttendanceSealer,
  AttendanceSessions,
  CheckInService,
  LeaveRequestsService,
  MakeUpService,
  MyAttendanceService,
];

/** Attendance rules, shared by the api (check-in, marks, leave, make-up) and the worker (the sealer). */
@Module({ imports: [ReadingModule], providers: services, exports: services })
export class AttendanceModule {}
