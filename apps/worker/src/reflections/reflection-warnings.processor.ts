import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@qf/queue';
import { ReflectionWarningsService } from '@qf/reflections';

@Injectable()
export class ReflectionWarningsProcessor {
  constructor(private readonly warnings: ReflectionWarningsService) {}

  @JobHandler(JobName.ReflectionWarnings)
  run(): Promise<{ dueSoon: number; overdue: number; digests: number }> {
    return this.warnings.run();
  }
}
