import { Injectable } from '@nestjs/common';
import { AttendanceSealer } from '@qf/attendance';
import { JobHandler, JobName } from '@qf/queue';

/** Every ~2 s: chains the attendance log entries that are old enough into the hash chain. */
@Injectable()
export class AttendanceSealProcessor {
  constructor(private readonly sealer: AttendanceSealer) {}

  @JobHandler(JobName.AttendanceSeal)
  async seal(): Promise<{ sealed: number }> {
    return { sealed: await this.sealer.sealPending() };
  }
}
