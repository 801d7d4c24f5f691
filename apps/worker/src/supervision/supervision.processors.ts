import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@qf/queue';
import { SupervisionDigestService, SupervisionWarningsService } from '@qf/supervision';

@Injectable()
export class SupervisionWarningsProcessor {
  constructor(private readonly warnings: SupervisionWarningsService) {}

  @JobHandler(JobName.SupervisionWarnings)
  run(): Promise<{ dueSoon: number; overdue: number; filingReminders: number }> {
    return this.warnings.run();
  }
}

@Injectable()
export class SupervisionDigestProcessor {
  constructor(private readonly digests: SupervisionDigestService) {}

  @JobHandler(JobName.SupervisionDigest)
  run(payload: JobPayloads[JobName.SupervisionDigest]): Promise<{ sent: number; already: boolean }> {
    return this.digests.send(payload.week);
  }
}
