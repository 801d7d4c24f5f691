import { Injectable } from '@nestjs/common';
import { PendingWork, PendingWorkSource } from '@qf/queue';
import { SessionFinalizeScheduler } from '@qf/sessions';

/** For the reconciler: a finalize job for every published session past endsAt + FINALIZE_DELAY_SECONDS. */
@PendingWorkSource()
@Injectable()
export class SessionFinalizeSweep implements PendingWork {
  constructor(private readonly scheduler: SessionFinalizeScheduler) {}

  async enqueuePendingWork(): Promise<void> {
    await this.scheduler.enqueueDue();
  }
}
