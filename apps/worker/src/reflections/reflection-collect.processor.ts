import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@qf/queue';
import { ReflectionCollectionService } from '@qf/reflections';

@Injectable()
export class ReflectionCollectProcessor {
  constructor(private readonly collection: ReflectionCollectionService) {}

  @JobHandler(JobName.ReflectionCollect)
  run(payload: JobPayloads[JobName.ReflectionCollect]): Promise<'collected' | 'stale'> {
    return this.collection.collect(payload.taskId, Number(payload.version));
  }
}
