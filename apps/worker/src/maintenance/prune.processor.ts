import { Injectable } from '@nestjs/common';
import { LoginFailureStore } from '@qf/identity';
import { JobHandler, JobName, OutboxRepository } from '@qf/queue';

@Injectable()
export class PruneProcessor {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly loginFailures: LoginFailureStore,
  ) {}

  @JobHandler(JobName.Prune)
  async prune(): Promise<void> {
    await this.outbox.pruneDone();
    await this.loginFailures.pruneOld();
  }
}
