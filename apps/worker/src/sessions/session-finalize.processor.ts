import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@qf/queue';
import { CompletionOutcome, SessionCompletionService } from '@qf/sessions';

/** Completes a session shortly after its end, through the same code as POST /sessions/:id/complete. */
@Injectable()
export class SessionFinalizeProcessor {
  private readonly logger = new Logger(SessionFinalizeProcessor.name);

  constructor(private readonly completion: SessionCompletionService) {}

  @JobHandler(JobName.SessionFinalize)
  async finalize(payload: JobPayloads[JobName.SessionFinalize]): Promise<CompletionOutcome> {
    // Draft, cancelled, already completed or rescheduled (stale version): nothing to do.
    const outcome = await this.completion.complete(payload.sessionId, { actorId: null, version: payload.version });
    if (outcome === 'completed') this.logger.log(`session ${payload.sessionId} completed`);
    return outcome;
  }
}
