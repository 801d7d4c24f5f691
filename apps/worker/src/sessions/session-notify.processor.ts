import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@qf/queue';
import { SessionNotifier } from '@qf/sessions';

/** Notifies a session's whole roster in one INSERT … SELECT (never a job per person). */
@Injectable()
export class SessionNotifyProcessor {
  constructor(private readonly notifier: SessionNotifier) {}

  @JobHandler(JobName.SessionNotify)
  notify(payload: JobPayloads[JobName.SessionNotify]): Promise<number> {
    return this.notifier.notifyRoster(payload);
  }
}
