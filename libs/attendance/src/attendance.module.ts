import { Module } from '@nestjs/common';
import { ReadingModule } from '@qf/reading';
import { AttendanceRecordsService } from './attendance-records.service';
import { AttendanceSealer } from './attendance-sealer.service';
import { AttendanceRepository } from './attendance.repository';
import { CheckInService } from './check-in.service';
import { LeaveRequestsService } from './leave-requests.service';
import { MakeUpService } from './make-up.service';
import { MyAttendanceService } from './my-attendance.service';
import { SessionAccess } from './session-access';

const services = [
  AttendanceRecordsService,
  AttendanceRepository,
  AttendanceSealer,
  CheckInService,
  LeaveRequestsService,
  MakeUpService,
  MyAttendanceService,
  SessionAccess,
];

/** Attendance rules, shared by the api (check-in, marks, leave, make-up) and the worker (the sealer). */
@Module({ imports: [ReadingModule], providers: services, exports: services })
export class AttendanceModule {}
