import { Injectable } from '@nestjs/common';
import { RemindersService, TalkPlansService } from '@qf/integrity';
import { JobHandler, JobName, JobPayloads } from '@qf/queue';

@Injectable()
export class TalkPlanWarningsProcessor {
  constructor(private readonly plans: TalkPlansService) {}

  @JobHandler(JobName.TalkPlanWarnings)
  async run(): Promise<{ reminded: number }> {
    return { reminded: await this.plans.remindBehind() };
  }
}

@Injectable()
export class ReminderSendProcessor {
  constructor(private readonly reminders: RemindersService) {}

  @JobHandler(JobName.ReminderSend)
  run(payload: JobPayloads[JobName.ReminderSend]): Promise<{ recipients: number; already: boolean }> {
    return this.reminders.send(payload.reminderId);
  }
}
