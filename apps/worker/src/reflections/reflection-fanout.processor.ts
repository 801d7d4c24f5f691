import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@qf/queue';
import { ReflectionFanoutService } from '@qf/reflections';

@Injectable()
export class ReflectionFanoutProcessor {
  constructor(private readonly fanout: ReflectionFanoutService) {}

  @JobHandler(JobName.ReflectionFanout)
  run(payload: JobPayloads[JobName.ReflectionFanout]): Promise<{ people: number }> {
    return this.fanout.fanOut(payload.assignmentId);
  }
}
